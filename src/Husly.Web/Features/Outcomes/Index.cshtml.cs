using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Shared;
using Husly.Platform.Export;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Outcomes;

/// <summary>A figure as a page shows it: a number, hidden (small cells), or nothing to divide by.</summary>
public readonly record struct Shown(double? Number, bool Hidden, bool IsShare)
{
    public static Shown Of(double? value) => new(value, value is null, false);

    public static Shown Share(double? part, double? whole) =>
        part is null || whole is null ? new(null, true, true) : new(whole > 0 ? part / whole : null, false, true);

    public string Text(IStringLocalizer l) => Hidden ? l["skjult"] : Number is not { } n ? "–"
        : IsShare ? Format.Percent(n) : Format.Number((long)Math.Round(n));

    /// <summary>The figure in an export: "skjult" where hidden; hours to two decimals and shares to four, without the
    /// floating-point noise of a sum (8283.72, not 8283.720000000001).</summary>
    public object? Exported(IStringLocalizer l) => Hidden ? l["skjult"].Value : Number is { } n ? Math.Round(n, IsShare ? 4 : 2) : null;
}

/// <summary>A table a dashboard shows and exports: rows of labelled figures under column titles.</summary>
public sealed record FigureTable(string Id, string Title, string GroupTitle, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows);

public sealed record FigureRow(string Label, IReadOnlyList<Shown> Cells, bool Marked = false);


/// <summary>The outcome dashboards (issue 13 §2): the whole programme, a district or a project, over years and against a
/// baseline year, from the newest completed run's suppressed model. Filters are a plain GET form; the same figures as
/// a CSV file, an Excel workbook or a printout.</summary>
public sealed class IndexModel(Dashboards dashboards, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxYears = 15;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Bydel")]
    public Guid? District { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Prosjekt")]
    public Guid? Project { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Fra år")]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Til år")]
    public int? To { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Sammenlign med år (utgangspunkt)")]
    public int? Baseline { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Fordeling for år")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Vis i diagrammet")]
    public Measure? Chart { get; set; }

    public OutcomeModel? Model { get; private set; }
    public Dashboards.Names Names { get; private set; } = Dashboards.Names.None;
    public string ScopeName { get; private set; } = "";
    public IReadOnlyList<int> Years { get; private set; } = [];
    public int ShownYear { get; private set; }
    public int BaselineYear { get; private set; }
    public List<FigureTable> Tables { get; } = [];
    public List<(Measure Measure, Shown Latest, Shown Base)> KeyFigures { get; } = [];
    public BarChart? TrendChart { get; private set; }
    public BarChart? BreakdownChart { get; private set; }
    public bool Printing { get; private set; }

    /// <summary>Set when the chosen project exists but has no one in follow-up in the figures.</summary>
    public string? ProjectWithoutResults { get; private set; }

    /// <summary>The measures a chart can show (counts and sums, not the complements); concerns have no project.</summary>
    public IEnumerable<Measure> Chartable => Enum.GetValues<Measure>().Where(m => OutcomeModel.Shown(m) && (Project is null || m < Measure.ConcernsReceived));

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        Model = await dashboards.ModelAsync(ct);
        if (Model is null || Model.Years.Count == 0)
        {
            return Page();
        }
        Names = await dashboards.NamesAsync(Model, User, ct);
        // A project nobody in follow-up belongs to (yet): say so, rather than call the choice wrong.
        if (await dashboards.ProjectWithoutResultsAsync(Project, Names, User, ct) is { } project)
        {
            ProjectWithoutResults = project;
            return Page();
        }
        var key = Validate();
        Printing = format == "print";
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            if (format is "csv" or "xlsx")
            {
                return Page();
            }
        }
        Build(key);
        return format switch
        {
            "csv" => TableExport.Csv(FileName, [.. Tables.SelectMany(t => t.Rows.SelectMany(r => t.Columns.Select((c, i) => new Dictionary<string, object?>
            {
                [l["Tabell"]] = t.Title,
                [l["Gruppe"]] = r.Label,
                [l["Mål"]] = c,
                [l["Verdi"]] = r.Cells[i].Exported(l),
            })))]),
            "xlsx" => TableExport.Xlsx(FileName, Tables.ToDictionary(t => SheetName(t), t => t.Rows.Select(r =>
            {
                var row = new Dictionary<string, object?> { [t.GroupTitle] = r.Label };
                for (var i = 0; i < t.Columns.Count; i++)
                {
                    row[t.Columns[i]] = r.Cells[i].Exported(l);
                }
                return row;
            }).ToList())),
            _ => Page(),
        };
    }

    private string FileName => "effekter-" + Model!.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string SheetName(FigureTable t) => t.Id.Length > 31 ? t.Id[..31] : t.Id;

    /// <summary>Checks the filters against what the run holds; the key of the chosen scope.</summary>
    private string Validate()
    {
        var model = Model!;
        var district = District;
        var project = Project;
        var (key, name) = Dashboards.Scope(ref district, ref project, Names, ModelState, l);
        (District, Project, ScopeName) = (district, project, name);
        var first = model.Years.Count > 0 ? model.Years[0] : model.AsOf.Year;
        var last = model.Years.Count > 0 ? model.Years[^1] : model.AsOf.Year;
        // Bad years are reported and left in the form as typed; the figures then show the default span.
        var (wantFrom, wantTo) = (From, To);
        if (From > To)
        {
            ModelState.AddModelError(nameof(From), l["Fra-året kan ikke være etter til-året."]);
            (wantFrom, wantTo) = (null, null);
        }
        else if (To - From >= MaxYears)
        {
            ModelState.AddModelError(nameof(From), l["Velg høyst {0} år.", MaxYears]);
            (wantFrom, wantTo) = (null, null);
        }
        foreach (var (field, value) in new[] { (nameof(From), wantFrom), (nameof(To), wantTo) })
        {
            if (value is { } typed && (typed < first || typed > last))
            {
                ModelState.AddModelError(field, l["Velg et år det finnes tall for ({0}–{1}).", first, last]);
            }
        }
        var to = Math.Clamp(wantTo ?? last, first, last);
        var from = Math.Clamp(wantFrom ?? Math.Max(first, to - 9), first, to);
        Years = [.. Enumerable.Range(from, to - from + 1)];
        if (Baseline is { } b && (b < first || b > last))
        {
            ModelState.AddModelError(nameof(Baseline), l["Velg et år det finnes tall for ({0}–{1}).", first, last]);
        }
        BaselineYear = Baseline is { } bb && bb >= first && bb <= last ? bb : from;
        if (Year is { } y && (y < first || y > last))
        {
            ModelState.AddModelError(nameof(Year), l["Velg et år det finnes tall for ({0}–{1}).", first, last]);
        }
        ShownYear = Year is { } yy && yy >= first && yy <= last ? yy : to;
        if (Chart is { } c && (!OutcomeModel.Shown(c) || (Project is not null && c >= Measure.ConcernsReceived)))
        {
            ModelState.AddModelError(nameof(Chart), l["Velg et mål fra listen."]);
            Chart = null;
        }
        return key;
    }

    // What each table shows per group: a column title and how it reads the figures.
    private sealed record Column(string Title, Func<Func<Measure, double?>, Shown> Read);

    private List<Column> FullColumns() =>
    [
        Count(Measure.Persons), Count(Measure.Settled), Share(l["Andel bosatt"], Measure.Settled, Measure.Persons),
        Count(Measure.Stable6), Count(Measure.Stable12), Share(l["Andel stabile i minst 12 måneder"], Measure.Stable12, Measure.Persons), Count(Measure.Stable24),
        Count(Measure.Evicted), Count(Measure.InstitutionDays), Count(Measure.PrisonDays), Count(Measure.TemporaryDays), Count(Measure.HomelessDays),
        Count(Measure.PlannedHours), Count(Measure.DeliveredHours), Share(l["Levert av planlagt"], Measure.DeliveredHours, Measure.PlannedHours),
    ];

    private Column Count(Measure m) => new(l.Enum(m), f => Shown.Of(f(m)));

    private static Column Share(string title, Measure part, Measure whole) => new(title, f => Shown.Share(f(part), f(whole)));

    private void Build(string key)
    {
        var model = Model!;
        var full = FullColumns();
        var titles = full.Select(c => c.Title).ToList();
        FigureRow Row(string label, int year, string cellKey, bool marked = false) =>
            new(label, [.. full.Select(c => c.Read(m => model.Get(year, m, cellKey)))], marked);

        // Key figures: the last year shown against the baseline.
        foreach (var m in new[] { Measure.Persons, Measure.Settled, Measure.Stable12, Measure.Evicted, Measure.InstitutionDays, Measure.DeliveredHours })
        {
            KeyFigures.Add((m, Shown.Of(model.Get(Years[^1], m, key)), Shown.Of(model.Get(BaselineYear, m, key))));
        }
        Tables.Add(new FigureTable("utvikling", l["Utvikling per år"], l["År"], titles,
            [.. Years.Select(y => Row(y == BaselineYear ? l["{0} (utgangspunkt)", y] : y.ToString(System.Globalization.CultureInfo.InvariantCulture), y, key, y == BaselineYear))]));
        var chart = Chart ?? Measure.Settled;
        TrendChart = new BarChart("trend", l["{0} per år, {1}", l.Enum(chart), ScopeName],
            [.. Years.Select(y => Bar(y.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown.Of(model.Get(y, chart, key))))]);

        // Breakdowns for one year: by what the scope can still be cut by.
        var year = ShownYear;
        void Breakdown(string id, string title, string groupTitle, string dim, Func<string, string> label, Func<string, int>? order = null)
        {
            // By name, or in the groups' own order (age bands youngest first).
            var values = model.ValuesOf(year, dim, key).Select(v => (Value: v, Label: label(v)))
                .OrderBy(v => order?.Invoke(v.Value) ?? 0).ThenBy(v => v.Label, StringComparer.CurrentCulture).ToList();
            if (values.Count == 0)
            {
                return;
            }
            string Child(string v) => Dim.Key(Parts(key).Append((dim, v)));
            Tables.Add(new FigureTable(id, l["{0}, {1}", title, year], groupTitle, titles,
                [.. values.Select(v => Row(v.Label, year, Child(v.Value))), Row(l["Totalt"], year, key, true)]));
            BreakdownChart ??= new BarChart(id + "-diagram", l["{0} etter {1}, {2}", l.Enum(chart), groupTitle.ToLowerInvariant(), year],
                [.. values.Select(v => Bar(v.Label, Shown.Of(model.Get(year, chart, Child(v.Value)))))]);
        }
        string DistrictName(string v) => Names.Districts.GetValueOrDefault(v) ?? l["Ukjent bydel"];
        string ProjectName(string v) => v == Dim.None ? l["Uten prosjekt"] : Names.Projects.GetValueOrDefault(v)
            ?? l["Et prosjekt du ikke har tilgang til ({0})", Names.Others.GetValueOrDefault(v)];
        if (District is null)
        {
            Breakdown("bydel", l["Etter bydel"], l["Bydel"], Dim.District, DistrictName);
        }
        if (Project is null)
        {
            Breakdown("prosjekt", l["Etter prosjekt"], l["Prosjekt"], Dim.Project, ProjectName);
        }
        if (Project is null)
        {
            Breakdown("kategori", l["Etter oppfølgingskategori"], l["Kategori"], Dim.Category, v => l.Enum(Enum.Parse<FollowUpCategory>(v)));
            Breakdown("organisering", l["Etter organisering"], l["Organisering"], Dim.Form, v => l.Enum(Enum.Parse<OrganisationForm>(v)));
            Breakdown("alder", l["Etter alder"], l["Alder"], Dim.Age, v => l.Enum(Enum.Parse<AgeBand>(v)), v => (int)Enum.Parse<AgeBand>(v));
            Transitions(year, key);
            Concerns(key, DistrictName);
        }
    }

    private Bar Bar(string label, Shown value) => new(label, value.Number, value.Text(l));

    private static IEnumerable<(string, string)> Parts(string key) =>
        key.Length == 0 ? [] : key.Split('|').Select(p => p.Split('=', 2)).Select(p => (p[0], p[1]));

    /// <summary>Where people lived at the start of the year against the end: a matrix of persons.</summary>
    private void Transitions(int year, string key)
    {
        var model = Model!;
        var kinds = Enum.GetValues<Housing>().Select(h => h.ToString()).Append(Dim.None).ToList();
        string Name(string v) => v == Dim.None ? l["Ikke registrert"] : l.Enum(Enum.Parse<Housing>(v));
        string Cell(params (string, string)[] more) => Dim.Key(Parts(key).Concat(more));
        var used = kinds.Where(k => model.Get(year, Measure.Persons, Cell((Dim.From, k))) is not 0 || model.Get(year, Measure.Persons, Cell((Dim.To, k))) is not 0).ToList();
        if (used.Count == 0)
        {
            return;
        }
        Tables.Add(new FigureTable("bosituasjon", l["Bosituasjon ved årets start (rader) og slutt (kolonner), {0}", year], l["Ved start"],
            [.. used.Select(Name), l["Totalt"]],
            [
                .. used.Select(from => new FigureRow(Name(from),
                    [.. used.Select(to => Shown.Of(model.Get(year, Measure.Persons, Cell((Dim.From, from), (Dim.To, to))))), Shown.Of(model.Get(year, Measure.Persons, Cell((Dim.From, from))))])),
                new FigureRow(l["Totalt"], [.. used.Select(to => Shown.Of(model.Get(year, Measure.Persons, Cell((Dim.To, to))))), Shown.Of(model.Get(year, Measure.Persons, key))], true),
            ]));
    }

    /// <summary>Concerns taken up within their time limit, per year, and per district for the programme.</summary>
    private void Concerns(string key, Func<string, string> districtName)
    {
        var model = Model!;
        if (Parts(key).Any(p => p.Item1 != Dim.District))
        {
            return;
        }
        var columns = new[] { l.Enum(Measure.ConcernsReceived), l.Enum(Measure.ConcernsDue), l.Enum(Measure.ConcernsInTime), l["Andel tatt opp innen fristen"].Value };
        FigureRow Row(string label, int year, string cellKey, bool marked = false)
        {
            double? F(Measure m) => model.Get(year, m, cellKey);
            return new(label, [Shown.Of(F(Measure.ConcernsReceived)), Shown.Of(F(Measure.ConcernsDue)), Shown.Of(F(Measure.ConcernsInTime)),
                Shown.Share(F(Measure.ConcernsInTime), F(Measure.ConcernsDue))], marked);
        }
        Tables.Add(new FigureTable("bekymringer", l["Bekymringsmeldinger per år"], l["År"], columns,
            [.. Years.Select(y => Row(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y, key, y == BaselineYear))]));
        if (key.Length == 0)
        {
            var year = ShownYear;
            var districts = model.ValuesOf(year, Dim.District, "", Measure.ConcernsReceived)
                .OrderBy(d => d == Dim.None ? "~" : districtName(d), StringComparer.CurrentCulture).ToList();
            Tables.Add(new FigureTable("bekymringer-bydel", l["Bekymringsmeldinger etter bydel, {0}", year], l["Bydel"], columns,
                [.. districts.Select(d => Row(d == Dim.None ? l["Sentralt mottak (uten bydel)"] : districtName(d), year, Dim.Key((Dim.District, d)))), Row(l["Totalt"], year, "", true)]));
        }
    }
}
