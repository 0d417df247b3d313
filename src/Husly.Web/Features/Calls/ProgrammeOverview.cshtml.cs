using Husly.Data;
using Husly.Features.Calls.Awards;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Husly.Platform.Auth;
using Husly.Platform.Export;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>The programme at a glance: the funnel of every call (applications, eligible, awarded, amounts), the budget
/// frame against what was awarded and what projects report spent, overdue status reports, and projects by status and
/// phase. It lives in Calls because it reads both calls and the portfolio (Calls depends on Portfolio, ADR 11).</summary>
public sealed class ProgrammeOverviewModel(HuslyDbContext db, CallAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record FunnelRow(Guid CallId, string Call, int Year, int Submitted, int Eligible, int Awarded, long Applied, long AwardedAmount, long Frame);
    public sealed record OverdueRow(Guid ProjectId, string Project, Guid ReportId, DateOnly DueOn, ReportState State);

    public Portfolio.Programmes.InnovationProgramme Programme { get; private set; } = null!;
    public List<FunnelRow> Funnel { get; private set; } = [];
    public long Frame { get; private set; }
    public long Awarded { get; private set; }
    public long Spent { get; private set; }
    public int ProjectsReportingSpend { get; private set; }
    public List<OverdueRow> Overdue { get; private set; } = [];
    public Dictionary<(ProjectStatus Status, InnovationPhase Phase), int> StatusPhase { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? format, string? part)
    {
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        // Partners see only the projects they take part in; the programme's whole picture is not theirs.
        if (programme is null || User.IsInRole(Roles.Partner))
        {
            return NotFound();
        }
        // Amounts applied for before decision and eligibility counts are the programme's working material, as on a
        // call's assessment overview: its managers (and the programme owner) only.
        if (!await access.MayManageAsync(User, id))
        {
            return Forbid();
        }
        Programme = programme;
        await LoadFunnelAsync(id);
        await LoadFollowUpAsync(id);
        var name = $"{programme.ShortName}-oversikt";
        return format switch
        {
            "xlsx" => TableExport.Xlsx(name, new Dictionary<string, List<Dictionary<string, object?>>>
            {
                [l["Utlysninger"]] = FunnelRows(),
                [l["Økonomi"]] = BudgetRows(),
                [l["Forfalte rapporter"]] = OverdueRows(),
                [l["Status og fase"]] = StatusPhaseRows(),
            }),
            "csv" => part switch
            {
                "budget" => TableExport.Csv($"{name}-okonomi", BudgetRows()),
                "overdue" => TableExport.Csv($"{name}-forfalte-rapporter", OverdueRows()),
                "status" => TableExport.Csv($"{name}-status-og-fase", StatusPhaseRows()),
                _ => TableExport.Csv($"{name}-utlysninger", FunnelRows()),
            },
            _ => Page(),
        };
    }

    private async Task LoadFunnelAsync(Guid id)
    {
        var calls = await db.Calls.AsNoTracking().Where(c => c.ProgrammeId == id && c.PublishedAt != null).OrderByDescending(c => c.Year).ThenBy(c => c.Title)
            .Select(c => new { c.Id, c.Title, c.Year, c.BudgetFrame, c.AwardedTotal }).ToListAsync();
        var sent = ApplicationStages.Sent;
        var disqualifying = Applications.ApplicationFlow.DisqualifyingAnswers(db);
        var applications = (await db.Applications.AsNoTracking().Where(a => sent.Contains(a.Stage) && db.Calls.Any(c => c.Id == a.CallId && c.ProgrammeId == id))
            .Select(a => new
            {
                a.CallId,
                Eligible = !disqualifying.Any(x => x.ApplicationId == a.Id),
                Applied = a.Budget.Sum(b => (long?)b.Amount) ?? 0,
                Awarded = db.FundingDecisions.Where(d => d.ApplicationId == a.Id).OrderByDescending(d => d.DecidedAt).Select(d => (DecisionOutcome?)d.Outcome).FirstOrDefault() == DecisionOutcome.Awarded,
            }).ToListAsync()).ToLookup(a => a.CallId);
        Funnel = [.. calls.Select(c => new FunnelRow(c.Id, c.Title, c.Year, applications[c.Id].Count(), applications[c.Id].Count(a => a.Eligible),
            applications[c.Id].Count(a => a.Awarded), applications[c.Id].Sum(a => a.Applied), c.AwardedTotal, c.BudgetFrame))];
        Frame = calls.Sum(c => c.BudgetFrame);
        Awarded = calls.Sum(c => c.AwardedTotal);
    }

    private async Task LoadFollowUpAsync(Guid id)
    {
        var spending = await db.StatusReports.AsNoTracking().Where(r => r.Project!.ProgrammeId == id && r.SpentToDate != null && r.State == ReportState.Approved)
            .Select(r => new { r.ProjectId, r.DueOn, r.SpentToDate }).ToListAsync();
        var latest = spending.GroupBy(r => r.ProjectId).Select(g => g.MaxBy(r => r.DueOn)!.SpentToDate!.Value).ToList();
        Spent = latest.Sum();
        ProjectsReportingSpend = latest.Count;
        var today = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime));
        var open = StatusReport.OpenStates;
        Overdue = [.. (await RunningReports.Of(db)
                .Where(r => r.Project!.ProgrammeId == id && open.Contains(r.State) && r.DueOn < today)
                .OrderBy(r => r.DueOn).ThenBy(r => r.Project!.Name)
                .Select(r => new { r.ProjectId, r.Project!.Name, r.Id, r.DueOn, r.State }).ToListAsync())
            .Select(r => new OverdueRow(r.ProjectId, r.Name, r.Id, r.DueOn, r.State))];
        StatusPhase = (await db.Projects.AsNoTracking().Where(p => p.ProgrammeId == id && !p.IsArchived)
                .GroupBy(p => new { p.Status, p.Phase }).Select(g => new { g.Key.Status, g.Key.Phase, Count = g.Count() }).ToListAsync())
            .ToDictionary(x => (x.Status, x.Phase), x => x.Count);
    }

    private List<Dictionary<string, object?>> FunnelRows() => [.. Funnel.Select(f => new Dictionary<string, object?>
    {
        [l["Utlysning"]] = f.Call, [l["År"]] = f.Year, [l["Søknader sendt"]] = f.Submitted, [l["Oppfyller kravene"]] = f.Eligible,
        [l["Tildelt"]] = f.Awarded, [l["Søkt beløp (kr)"]] = f.Applied, [l["Tildelt beløp (kr)"]] = f.AwardedAmount, [l["Budsjettramme (kr)"]] = f.Frame,
    })];

    private List<Dictionary<string, object?>> BudgetRows() =>
    [
        new() { [l["Post"]] = l["Budsjettramme for utlysningene"].Value, [l["Beløp (kr)"]] = Frame },
        new() { [l["Post"]] = l["Tildelt"].Value, [l["Beløp (kr)"]] = Awarded },
        new() { [l["Post"]] = l["Brukt ifølge siste godkjente statusrapport ({0} prosjekter)", ProjectsReportingSpend].Value, [l["Beløp (kr)"]] = Spent },
    ];

    private List<Dictionary<string, object?>> OverdueRows() => [.. Overdue.Select(o => new Dictionary<string, object?>
    {
        [l["Prosjekt"]] = o.Project, [l["Frist"]] = Format.Date(o.DueOn), [l["Status"]] = l[Format.EnumName(o.State)].Value,
    })];

    private List<Dictionary<string, object?>> StatusPhaseRows() => [.. StatusPhase.OrderBy(x => x.Key.Status).ThenBy(x => x.Key.Phase).Select(x => new Dictionary<string, object?>
    {
        [l["Status"]] = l[Format.EnumName(x.Key.Status)].Value, [l["Fase"]] = l[Format.EnumName(x.Key.Phase)].Value, [l["Prosjekter"]] = x.Value,
    })];
}
