using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Outcomes;

/// <summary>What the dashboards show. Counts are persons; the rest are sums over persons.</summary>
public enum Measure
{
    [Display(Name = "Personer i oppfølging")] Persons,
    [Display(Name = "Bosatt i egen eller leid bolig")] Settled,
    [Display(Name = "Stabilt boforhold i minst 6 måneder")] Stable6,
    [Display(Name = "Stabilt boforhold i minst 12 måneder")] Stable12,
    [Display(Name = "Stabilt boforhold i minst 24 måneder")] Stable24,
    [Display(Name = "Personer utkastet")] Evicted,
    [Display(Name = "Institusjonsdøgn")] InstitutionDays,
    [Display(Name = "Fengselsdøgn")] PrisonDays,
    [Display(Name = "Døgn i midlertidig botilbud")] TemporaryDays,
    [Display(Name = "Døgn som bostedsløs")] HomelessDays,
    [Display(Name = "Planlagte timer (vedtak)")] PlannedHours,
    [Display(Name = "Leverte timer")] DeliveredHours,
    [Display(Name = "Bekymringsmeldinger mottatt")] ConcernsReceived,
    [Display(Name = "Bekymringsmeldinger med frist passert eller tatt opp")] ConcernsDue,
    [Display(Name = "Bekymringsmeldinger tatt opp innen fristen")] ConcernsInTime,

    // Complements of the counts above: never shown, but they follow from what is, so they are suppressed too.
    [Display(Name = "Ikke bosatt")] NotSettled,
    [Display(Name = "Under 6 måneder i bolig")] Below6,
    [Display(Name = "6–11 måneder i bolig")] From6To11,
    [Display(Name = "12–23 måneder i bolig")] From12To23,
    [Display(Name = "Ikke utkastet")] NotEvicted,
    [Display(Name = "Under 12 måneder i bolig")] Below12,
    [Display(Name = "Under 24 måneder i bolig")] Below24,
    [Display(Name = "6–23 måneder i bolig")] From6To23,
    [Display(Name = "Bekymringsmeldinger innen fristen, ikke tatt opp")] ConcernsPending,
    [Display(Name = "Bekymringsmeldinger tatt opp etter fristen eller ikke tatt opp")] ConcernsLate,
    [Display(Name = "Bekymringsmeldinger ikke tatt opp innen fristen")] ConcernsNotInTime,
}

/// <summary>The dimensions a figure can be cut by. A key names a value for some of them; the empty key is the total.</summary>
public static class Dim
{
    public const string District = "d";
    public const string Project = "p";
    public const string Category = "c";
    public const string Form = "f";
    public const string Age = "a";
    public const string From = "s";
    public const string To = "e";

    /// <summary>Key parts always in this order, so one cell has one key.</summary>
    public static readonly string[] Order = [District, Project, Category, Form, Age, From, To];

    public const string None = "-";

    public static string Key(params IEnumerable<(string Dim, string Value)> parts) =>
        string.Join('|', parts.OrderBy(p => Array.IndexOf(Order, p.Dim)).Select(p => p.Dim + "=" + p.Value));

    public static string Of(Guid? id) => id is { } g ? g.ToString("N") : None;
}

/// <summary>One run's figures after suppression: what every dashboard, export and printout of that run reads, so they
/// can never be combined into a line with one unknown (ADR 15).</summary>
public sealed class OutcomeModel
{
    private readonly Dictionary<(int Year, Measure Measure, string Key), double?> figures;

    private OutcomeModel(Guid runId, DateOnly asOf, IReadOnlyList<int> years, Dictionary<(int, Measure, string), double?> figures)
    {
        RunId = runId;
        AsOf = asOf;
        Years = years;
        this.figures = figures;
        Index();
    }

    public Guid RunId { get; }
    public DateOnly AsOf { get; }
    public IReadOnlyList<int> Years { get; }

    /// <summary>The figure, null when hidden; 0 when nothing was recorded.</summary>
    public double? Get(int year, Measure measure, string key) => figures.TryGetValue((year, measure, key), out var value) ? value : 0;

    private readonly Dictionary<(int Year, string Parent, string Dim, Measure Family), SortedSet<string>> children = [];

    /// <summary>The values of one dimension that occur under a key in a year (the projects of a district, say), among the
    /// persons' figures or, with <see cref="Measure.ConcernsReceived"/>, the concerns'.</summary>
    public IReadOnlyCollection<string> ValuesOf(int year, string dim, string parentKey, Measure family = Measure.Persons) =>
        children.TryGetValue((year, parentKey, dim, family), out var values) ? values : [];

    /// <summary>Every value of a dimension in any year (the projects with results, say).</summary>
    public IEnumerable<string> ValuesOf(string dim) => children.Where(c => c.Key.Dim == dim).SelectMany(c => c.Value).Distinct();

    private void Index()
    {
        foreach (var (year, measure, key) in figures.Keys.Where(k => k.Measure is Measure.Persons or Measure.ConcernsReceived && k.Key.Length > 0))
        {
            var parts = key.Split('|').Select(p => p.Split('=', 2)).Select(p => (Dim: p[0], Value: p[1])).ToList();
            foreach (var part in parts)
            {
                var parent = Dim.Key(parts.Where(p => p != part));
                if (!children.TryGetValue((year, parent, part.Dim, measure), out var set))
                {
                    children[(year, parent, part.Dim, measure)] = set = new SortedSet<string>(StringComparer.Ordinal);
                }
                set.Add(part.Value);
            }
        }
    }

    // The person measures; Stable* and the binary counts come with the complement lines below.
    private static readonly Measure[] PersonMeasures =
    [
        Measure.Persons, Measure.Settled, Measure.Stable6, Measure.Stable12, Measure.Stable24, Measure.Evicted,
        Measure.InstitutionDays, Measure.PrisonDays, Measure.TemporaryDays, Measure.HomelessDays, Measure.PlannedHours, Measure.DeliveredHours,
        Measure.NotSettled, Measure.Below6, Measure.From6To11, Measure.From12To23, Measure.NotEvicted,
        Measure.Below12, Measure.Below24, Measure.From6To23,
    ];

    private static readonly Measure[] ConcernMeasures =
        [Measure.ConcernsReceived, Measure.ConcernsDue, Measure.ConcernsInTime, Measure.ConcernsPending, Measure.ConcernsLate, Measure.ConcernsNotInTime];

    /// <summary>One group's aggregates, as the database returns them.</summary>
    public sealed record Aggregate(int Year, string[] Values, int N, int Settled, int S6, int S12, int S24, int Evicted,
        long Institution, int InstitutionN, long Prison, int PrisonN, long Temporary, int TemporaryN, long Homeless, int HomelessN,
        double Planned, int PlannedN, double Delivered, int DeliveredN);

    public static async Task<OutcomeModel> BuildAsync(HuslyDbContext db, OutcomeRun run, CancellationToken ct)
    {
        // Published years only, each from the run that published it.
        var records = db.OutcomeRecords.AsNoTracking().Where(r => db.PublishedYears.Any(p => p.Year == r.Year && p.RunId == r.RunId));
        var views = new List<(string[] Dims, List<Aggregate> Rows, bool PersonsOnly)>
        {
            ([Dim.District, Dim.Project], await Group(records.GroupBy(r => new { r.Year, r.DistrictId, r.ProjectId }), k => [Dim.Of(k.DistrictId), Dim.Of(k.ProjectId)], k => k.Year, ct), false),
            ([Dim.District, Dim.Category], await Group(records.GroupBy(r => new { r.Year, r.DistrictId, r.Category }), k => [Dim.Of(k.DistrictId), k.Category.ToString()], k => k.Year, ct), false),
            ([Dim.District, Dim.Form], await Group(records.GroupBy(r => new { r.Year, r.DistrictId, r.OrganisationForm }), k => [Dim.Of(k.DistrictId), k.OrganisationForm.ToString()], k => k.Year, ct), false),
            ([Dim.District, Dim.Age], await Group(records.GroupBy(r => new { r.Year, r.DistrictId, r.AgeBand }), k => [Dim.Of(k.DistrictId), k.AgeBand.ToString()], k => k.Year, ct), false),
            ([Dim.District, Dim.From, Dim.To], await Group(records.GroupBy(r => new { r.Year, r.DistrictId, r.HousingAtStart, r.HousingAtEnd }),
                k => [Dim.Of(k.DistrictId), k.HousingAtStart?.ToString() ?? Dim.None, k.HousingAtEnd?.ToString() ?? Dim.None], k => k.Year, ct), true),
        };
        var concerns = await db.ConcernRecords.AsNoTracking().Where(r => db.PublishedYears.Any(p => p.Year == r.Year && p.RunId == r.RunId))
            .GroupBy(r => new { r.Year, r.DistrictId })
            .Select(g => new { g.Key.Year, g.Key.DistrictId, N = g.Count(), Due = g.Sum(r => r.Pending ? 0 : 1), InTime = g.Sum(r => r.InTime ? 1 : 0) })
            .ToListAsync(ct);
        var years = views.SelectMany(v => v.Rows).Select(r => r.Year).Concat(concerns.Select(c => c.Year)).Distinct().Order().ToList();
        var figures = new Dictionary<(int, Measure, string), double?>();
        // Every combination any year has is in every year's tables, as a zero where it has none: a group's absence then
        // says nothing, and the zeros next to hidden figures can be hidden too (below), so a hidden figure may be 0 —
        // otherwise "hidden" would mean "at least 1", and sums of hidden figures could pin them down.
        var combinations = views.Select(v => v.Rows.Select(r => string.Join('|', r.Values)).Distinct().Select(k => k.Split('|')).ToList()).ToList();
        var concernDistricts = concerns.Select(c => Dim.Of(c.DistrictId)).Distinct().ToList();
        foreach (var year in years)
        {
            var table = new Table();
            for (var v = 0; v < views.Count; v++)
            {
                var (dims, rows, personsOnly) = views[v];
                var measures = personsOnly ? [Measure.Persons] : PersonMeasures;
                foreach (var row in rows.Where(r => r.Year == year))
                {
                    table.AddView(dims, row.Values, measures, Cells(row));
                }
                foreach (var values in combinations[v])
                {
                    table.AddView(dims, values, measures, new Cell[measures.Length]);
                }
            }
            foreach (var district in concernDistricts)
            {
                table.AddView([Dim.District], [district], ConcernMeasures, new Cell[ConcernMeasures.Length]);
            }
            foreach (var c in concerns.Where(c => c.Year == year))
            {
                table.AddView([Dim.District], [Dim.Of(c.DistrictId)], ConcernMeasures,
                    [new Cell(c.N, c.N), new Cell(c.Due, c.Due), new Cell(c.InTime, c.InTime), new Cell(c.N - c.Due, c.N - c.Due), new Cell(c.Due - c.InTime, c.Due - c.InTime),
                     new Cell(c.N - c.InTime, c.N - c.InTime)]);
            }
            foreach (var (name, value) in table.Publish())
            {
                figures[(year, name.Measure, name.Key)] = value;
            }
        }
        return new OutcomeModel(run.Id, run.AsOf, years, figures);
    }

    private static Cell[] Cells(Aggregate a) =>
    [
        new(a.N, a.N), new(a.Settled, a.Settled), new(a.S6, a.S6), new(a.S12, a.S12), new(a.S24, a.S24), new(a.Evicted, a.Evicted),
        new(a.Institution, a.InstitutionN), new(a.Prison, a.PrisonN), new(a.Temporary, a.TemporaryN), new(a.Homeless, a.HomelessN),
        new(a.Planned, a.PlannedN), new(a.Delivered, a.DeliveredN),
        new(a.N - a.Settled, a.N - a.Settled), new(a.N - a.S6, a.N - a.S6), new(a.S6 - a.S12, a.S6 - a.S12), new(a.S12 - a.S24, a.S12 - a.S24),
        new(a.N - a.Evicted, a.N - a.Evicted),
        new(a.N - a.S12, a.N - a.S12), new(a.N - a.S24, a.N - a.S24), new(a.S6 - a.S24, a.S6 - a.S24),
    ];

    private static async Task<List<Aggregate>> Group<TKey>(IQueryable<IGrouping<TKey, OutcomeRecord>> groups, Func<TKey, string[]> values,
        Func<TKey, int> year, CancellationToken ct)
    {
        var rows = await groups.Select(g => new
        {
            g.Key,
            N = g.Count(),
            Settled = g.Sum(r => r.Settled ? 1 : 0),
            S6 = g.Sum(r => r.HomeMonths >= 6 ? 1 : 0),
            S12 = g.Sum(r => r.HomeMonths >= 12 ? 1 : 0),
            S24 = g.Sum(r => r.HomeMonths >= 24 ? 1 : 0),
            Evicted = g.Sum(r => r.Evictions > 0 ? 1 : 0),
            Institution = g.Sum(r => (long)r.InstitutionDays),
            InstitutionN = g.Sum(r => r.InstitutionDays > 0 ? 1 : 0),
            Prison = g.Sum(r => (long)r.PrisonDays),
            PrisonN = g.Sum(r => r.PrisonDays > 0 ? 1 : 0),
            Temporary = g.Sum(r => (long)r.TemporaryDays),
            TemporaryN = g.Sum(r => r.TemporaryDays > 0 ? 1 : 0),
            Homeless = g.Sum(r => (long)r.HomelessDays),
            HomelessN = g.Sum(r => r.HomelessDays > 0 ? 1 : 0),
            Planned = g.Sum(r => r.PlannedHours),
            PlannedN = g.Sum(r => r.PlannedHours > 0 ? 1 : 0),
            Delivered = g.Sum(r => r.DeliveredHours),
            DeliveredN = g.Sum(r => r.DeliveredHours > 0 ? 1 : 0),
        }).ToListAsync(ct);
        return [.. rows.Select(r => new Aggregate(year(r.Key), values(r.Key), r.N, r.Settled, r.S6, r.S12, r.S24, r.Evicted,
            r.Institution, r.InstitutionN, r.Prison, r.PrisonN, r.Temporary, r.TemporaryN, r.Homeless, r.HomelessN,
            r.Planned, r.PlannedN, r.Delivered, r.DeliveredN))];
    }

    /// <summary>One year's cells: every base view and all its margins, the lines between them, and the complements a
    /// published count implies (persons not settled, persons at home fewer months …), which are protected like the rest.</summary>
    internal sealed class Table
    {
        private readonly Dictionary<(Measure Measure, string Key), int> index = [];
        private readonly List<(Measure Measure, string Key)> names = [];
        private readonly List<Cell> cells = [];
        private readonly List<string> owners = [];
        private readonly Dictionary<(int Total, string Split), HashSet<int>> splits = [];

        private int Ref(Measure measure, string key)
        {
            if (!index.TryGetValue((measure, key), out var i))
            {
                i = cells.Count;
                index[(measure, key)] = i;
                names.Add((measure, key));
                cells.Add(default);
                owners.Add("");
            }
            return i;
        }

        /// <summary>Adds one base cell's figures to it and to every margin above it (each subset of its dimensions), and
        /// records the lines: each margin is the sum of the cells one dimension finer. A margin several views reach (the
        /// district totals) is added up by the first view only.</summary>
        public void AddView(string[] dims, string[] values, Measure[] measures, Cell[] figures)
        {
            var view = string.Join(',', dims);
            for (var mask = 0; mask < 1 << dims.Length; mask++)
            {
                var parts = Enumerable.Range(0, dims.Length).Where(i => (mask & (1 << i)) != 0).Select(i => (dims[i], values[i])).ToList();
                var key = Dim.Key(parts);
                for (var m = 0; m < measures.Length; m++)
                {
                    var cell = Ref(measures[m], key);
                    if (owners[cell].Length == 0)
                    {
                        owners[cell] = view;
                    }
                    if (owners[cell] == view)
                    {
                        cells[cell] = new Cell(cells[cell].Value + figures[m].Value, cells[cell].Persons + figures[m].Persons);
                    }
                    foreach (var drop in parts)
                    {
                        var total = Ref(measures[m], Dim.Key(parts.Where(p => p != drop)));
                        if (!splits.TryGetValue((total, drop.Item1 + "@" + view), out var set))
                        {
                            splits[(total, drop.Item1 + "@" + view)] = set = [];
                        }
                        set.Add(cell);
                    }
                }
            }
        }

        /// <summary>Each total that a published count splits into it and its complement.</summary>
        private static readonly (Measure Total, Measure Part, Measure Remainder)[] Complements =
        [
            (Measure.Persons, Measure.Settled, Measure.NotSettled),
            (Measure.Persons, Measure.Stable6, Measure.Below6),
            (Measure.Stable6, Measure.Stable12, Measure.From6To11),
            (Measure.Stable12, Measure.Stable24, Measure.From12To23),
            (Measure.Persons, Measure.Evicted, Measure.NotEvicted),
            // Not only neighbours: any two shown counts of the stability chain give their difference.
            (Measure.Persons, Measure.Stable12, Measure.Below12),
            (Measure.Persons, Measure.Stable24, Measure.Below24),
            (Measure.Stable6, Measure.Stable24, Measure.From6To23),
            (Measure.ConcernsReceived, Measure.ConcernsInTime, Measure.ConcernsNotInTime),
            (Measure.ConcernsReceived, Measure.ConcernsDue, Measure.ConcernsPending),
            (Measure.ConcernsDue, Measure.ConcernsInTime, Measure.ConcernsLate),
        ];

        /// <summary>Every figure a page may show, or null where it is hidden. The complements are part of the
        /// suppression but never shown themselves.</summary>
        public IEnumerable<((Measure Measure, string Key) Name, double? Value)> Publish()
        {
            var lines = splits.Select(s => new Line(s.Key.Total, [.. s.Value])).ToList();
            foreach (var (measure, key) in names.ToList())
            {
                foreach (var c in Complements.Where(c => c.Total == measure))
                {
                    if (index.TryGetValue((c.Part, key), out var part) && index.TryGetValue((c.Remainder, key), out var rest))
                    {
                        lines.Add(new Line(index[(measure, key)], [part, rest]));
                    }
                }
            }
            var hidden = Disclosure.Suppress(cells, lines);
            Disclosure.HideZerosBeside(cells, lines, hidden);
            Disclosure.ShowZerosThatFollow(cells, lines, hidden);
            for (var i = 0; i < cells.Count; i++)
            {
                if (Shown(names[i].Measure))
                {
                    yield return (names[i], hidden[i] ? null : cells[i].Value);
                }
            }
        }
    }

    /// <summary>Complements exist only to be protected.</summary>
    public static bool Shown(Measure measure) => measure < Measure.NotSettled;
}
