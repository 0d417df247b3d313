using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Export;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Results;

/// <summary>Results against targets for a programme over a span of years, for all its projects or those picked: every
/// project indicator per year, and the programme's shared indicators added up across projects. As a page, an Excel
/// workbook or a CSV file. Figures come from approved reports only.</summary>
public sealed class ProgrammeReportModel(HuslyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxYears = 10;

    public sealed record Cell(decimal? Target, decimal? Actual)
    {
        public double? Progress(decimal? baseline) => Figures.Progress(baseline, Target, Actual);
    }

    public sealed record IndicatorLine(Guid ProjectId, string Project, string Result, Indicator Indicator, Dictionary<int, Cell> Years);
    public sealed record SharedLine(IndicatorDefinition Definition, int Projects, decimal? Baseline, Dictionary<int, Cell> Years);

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Fra år")]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Til år")]
    public int? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "project")]
    public List<Guid> Selected { get; set; } = [];

    public Programmes.InnovationProgramme Programme { get; private set; } = null!;
    public List<(Guid Id, string Name)> ProjectChoices { get; private set; } = [];
    public List<int> YearSpan { get; private set; } = [];
    public List<SharedLine> Shared { get; private set; } = [];
    public List<IndicatorLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? format)
    {
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (programme is null)
        {
            return NotFound();
        }
        Programme = programme;
        var readable = db.Projects.AsNoTracking().Where(p => p.ProgrammeId == id).Where(ProjectAuthorizationHandler.ReadableBy(User));
        // Only projects with indicators have anything to report here.
        ProjectChoices = [.. (await readable.Where(p => db.Indicators.Any(i => i.ProjectId == p.Id)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync()).Select(p => (p.Id, p.Name))];
        // An empty or malformed project choice is no choice: only valid ids narrow the report.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("project", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        var year = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime)).Year;
        From ??= year - 4;
        To ??= year;
        if (From > To)
        {
            ModelState.AddModelError(nameof(From), l["Fra-året kan ikke være etter til-året."]);
        }
        else if (To - From >= MaxYears || From < 2000 || To > 2100)
        {
            ModelState.AddModelError(nameof(From), l["Velg høyst {0} år mellom 2000 og 2100.", MaxYears]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        YearSpan = [.. Enumerable.Range(From!.Value, To!.Value - From.Value + 1)];
        var chosen = Selected.Count == 0 ? readable : readable.Where(p => Selected.Contains(p.Id));
        await BuildAsync(chosen);
        var name = $"{programme.ShortName}-resultater-{From}-{To}";
        return format switch
        {
            "xlsx" => TableExport.Xlsx(name, new Dictionary<string, List<Dictionary<string, object?>>>
            {
                [l["Felles indikatorer"]] = SharedRows(),
                [l["Prosjekter"]] = ProjectRows(),
            }),
            "csv" => TableExport.Csv(name, [.. SharedRows(), .. ProjectRows()]),
            _ => Page(),
        };
    }

    private async Task BuildAsync(IQueryable<Project> projects)
    {
        var (from, to) = (From!.Value, To!.Value);
        var indicators = await (from i in db.Indicators.AsNoTracking()
                                join p in projects on i.ProjectId equals p.Id
                                join r in db.ProjectResults on i.ResultId equals r.Id
                                orderby p.Name, r.SortOrder, i.SortOrder
                                select new { i, Project = p.Name, Result = r.Statement }).ToListAsync();
        var targets = (await db.IndicatorTargets.AsNoTracking()
                .Where(t => t.Year >= from && t.Year <= to && db.Indicators.Any(i => i.Id == t.IndicatorId && projects.Any(p => p.Id == i.ProjectId)))
                .ToListAsync()).ToLookup(t => t.IndicatorId);
        var values = (await ResultQueries.ApprovedValuesOfProjects(db, projects, from, to).ToListAsync()).ToLookup(v => v.IndicatorId);
        Lines = [.. indicators.Select(x =>
        {
            var actual = Figures.ByYear(x.i.Unit, x.i.Cumulative, values[x.i.Id]);
            return new IndicatorLine(x.i.ProjectId, x.Project, x.Result, x.i, YearSpan.ToDictionary(y => y, y => new Cell(
                targets[x.i.Id].FirstOrDefault(t => t.Year == y)?.Value, actual.TryGetValue(y, out var a) ? a : null)));
        })];
        var definitions = await db.IndicatorDefinitions.AsNoTracking().Where(d => d.ProgrammeId == Programme.Id).OrderBy(d => d.Name).ToListAsync();
        Shared = [.. definitions.Select(d =>
        {
            var lines = Lines.Where(x => x.Indicator.DefinitionId == d.Id).ToList();
            // Achievement of a total is measured from the total of the projects' baselines (percentages: their mean).
            var baselines = lines.Select(x => x.Indicator.Baseline).OfType<decimal>().ToList();
            return new SharedLine(d, lines.Select(x => x.ProjectId).Distinct().Count(), baselines.Count > 0 ? Figures.Combine(d.Unit, baselines) : null, YearSpan.ToDictionary(y => y, y =>
            {
                var targets = lines.Select(x => x.Years[y].Target).OfType<decimal>().ToList();
                var actuals = lines.Select(x => x.Years[y].Actual).OfType<decimal>().ToList();
                return new Cell(targets.Count > 0 ? Figures.Combine(d.Unit, targets) : null, actuals.Count > 0 ? Figures.Combine(d.Unit, actuals) : null);
            }));
        })];
    }

    private List<Dictionary<string, object?>> SharedRows() =>
        [.. Shared.SelectMany(s => YearSpan.Select(y => Row(Selected.Count > 0 || User.IsInRole(Husly.Platform.Auth.Roles.Partner) ? l["Utvalget samlet"] : l["Programmet samlet"], "", s.Definition.Name, s.Definition.Unit, y, s.Baseline, s.Years[y])))];

    private List<Dictionary<string, object?>> ProjectRows() =>
        [.. Lines.SelectMany(x => YearSpan.Select(y => Row(x.Project, x.Result, x.Indicator.Name, x.Indicator.Unit, y, x.Indicator.Baseline, x.Years[y])))];

    private Dictionary<string, object?> Row(string project, string result, string indicator, IndicatorUnit unit, int year, decimal? baseline, Cell cell) => new()
    {
        [l["Prosjekt"]] = project,
        [l["Resultatmål"]] = result,
        [l["Indikator"]] = indicator,
        [l["Enhet"]] = l[Format.EnumName(unit)].Value,
        [l["År"]] = year,
        [l["Utgangsverdi"]] = baseline,
        [l["Mål"]] = cell.Target,
        [l["Resultat"]] = cell.Actual,
        [l["Måloppnåelse (andel av målet)"]] = cell.Progress(baseline) is { } p ? Math.Round(p, 3) : null,
    };
}
