using Husly.Data;
using Husly.Features.Casework.Access;
using Husly.Features.Portfolio;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features;

/// <summary>The start page: what needs this user's attention, by role.</summary>
public sealed class IndexModel(HuslyDbContext db, PortfolioAccess access, Caseload caseload, Concerns.Access.ConcernCases concerns, Concerns.Access.RentAlerts rentAlerts, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Item(Guid Id, string Name, string Unit, ProjectStatus Status, InnovationPhase Phase, DateOnly? EndDate);
    public sealed record ReportTask(Guid ProjectId, string Project, Guid ReportId, DateOnly DueOn, ReportState State);

    /// <summary>Status reports that wait for this user: to approve (the programme), to write (the project), overdue.</summary>
    public List<ReportTask> Reports { get; private set; } = [];
    public string ReportsHeading { get; private set; } = "";
    public DateOnly Today { get; private set; }

    public string Heading { get; private set; } = "";
    public string? Intro { get; private set; }
    public List<Item> Attention { get; private set; } = [];
    public string AttentionHeading { get; private set; } = "";
    public List<Item> Mine { get; private set; } = [];
    public string MineHeading { get; private set; } = "";
    public string? MineLink { get; private set; }
    public string? MineLinkText { get; private set; }
    public int LockedOutUsers { get; private set; }
    public int InactiveUsers { get; private set; }

    /// <summary>For case workers and team leaders: own follow-ups past 14 days without a decision in force.</summary>
    public int? DecisionTasks { get; private set; }

    /// <summary>For case workers and team leaders: concerns waiting to be taken up, past their deadline, and their own.</summary>
    public (int Waiting, int Overdue, int Mine)? ConcernTasks { get; private set; }

    /// <summary>Open rent alerts for the worker (their residents) and the district's queue.</summary>
    public int RentAlertTasks { get; private set; }

    public async Task OnGetAsync()
    {
        var role = User.Role();
        var userId = User.Id();
        var unit = User.OrganisationId();
        var projects = db.Projects.AsNoTracking().Where(p => !p.IsArchived).Where(ProjectAuthorizationHandler.ReadableBy(User));
        var today = DateOnly.FromDateTime(Husly.Platform.Localization.Format.ToOslo(clock.GetUtcNow().UtcDateTime));
        Today = today;
        var open = StatusReport.OpenStates;
        var soon = today.AddDays(30);
        var reports = RunningReports.Of(db);

        switch (role)
        {
            case Roles.ProgrammeOwner or Roles.ProgrammeManager:
                var managed = await access.ManagedProgrammesAsync();
                var scope = role == Roles.ProgrammeOwner ? projects : projects.Where(p => managed.Contains(p.ProgrammeId));
                AttentionHeading = l["Søknader og ideer som venter på behandling"];
                Attention = await Take(scope.Where(p => p.Status == ProjectStatus.Applied || p.Status == ProjectStatus.Idea));
                MineHeading = l["Aktive prosjekter som skal være ferdige innen et halvt år"];
                Mine = await Take(scope.Where(p => p.Status == ProjectStatus.Active && p.EndDate != null && p.EndDate <= today.AddMonths(6)));
                MineLink = "/portfolio/projects?status=Active";
                MineLinkText = l["Se alle aktive prosjekter"];
                ReportsHeading = l["Statusrapporter til godkjenning, og forfalte"];
                Reports = await TakeReports(reports.Where(r => (role == Roles.ProgrammeOwner || managed.Contains(r.Project!.ProgrammeId))
                    && (r.State == ReportState.Submitted || (open.Contains(r.State) && r.DueOn < today))));
                break;
            case Roles.DistrictDirector:
                AttentionHeading = l["Nye ideer og søknader fra bydelen"];
                Attention = await Take(projects.Where(p => p.LeadUnitId == unit && (p.Status == ProjectStatus.Idea || p.Status == ProjectStatus.Applied)));
                MineHeading = l["Aktive prosjekter i bydelen"];
                Mine = await Take(projects.Where(p => (p.LeadUnitId == unit || p.CoDistricts.Any(d => d.DistrictId == unit)) && p.Status == ProjectStatus.Active));
                MineLink = $"/portfolio/projects?district={unit}&status=Active";
                MineLinkText = l["Se alle aktive prosjekter i bydelen"];
                ReportsHeading = l["Statusrapporter i bydelen som snart skal leveres, eller er forfalt"];
                Reports = await TakeReports(reports.Where(r => r.Project!.LeadUnitId == unit && open.Contains(r.State) && r.DueOn <= soon));
                break;
            case Roles.ProjectLead:
                MineHeading = l["Prosjektene jeg leder"];
                Mine = await Take(projects.Where(p => p.ProjectLeadId == userId));
                AttentionHeading = l["Prosjektene mine som ennå ikke har registrert virkninger"];
                Attention = await Take(projects.Where(p => p.ProjectLeadId == userId && p.Phase >= InnovationPhase.MakingTheCase && !p.Impacts.Any()));
                ReportsHeading = l["Statusrapporter jeg skal skrive"];
                // Begun or returned reports whatever their date; the rest when due within a month.
                Reports = await TakeReports(reports.Where(r => r.Project!.ProjectLeadId == userId && open.Contains(r.State)
                    && (r.DueOn <= soon || r.State != ReportState.NotStarted)));
                break;
            case Roles.Administrator:
                var now = clock.GetUtcNow();
                // SQLite cannot compare DateTimeOffset in SQL; locked-out users are few, so the comparison runs here.
                LockedOutUsers = (await db.Users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd!.Value).ToListAsync()).Count(end => end > now);
                InactiveUsers = await db.Users.CountAsync(u => !u.IsActive);
                break;
            case Roles.CaseWorker or Roles.TeamLeader:
                DecisionTasks = await caseload.DecisionTasksAsync(HttpContext.RequestAborted);
                ConcernTasks = await concerns.CountsAsync(HttpContext.RequestAborted);
                RentAlertTasks = await rentAlerts.OpenCountAsync(HttpContext.RequestAborted);
                var district = User.DistrictId();
                MineHeading = l["Aktive prosjekter i bydelen"];
                Mine = await Take(projects.Where(p => (p.LeadUnitId == district || p.CoDistricts.Any(d => d.DistrictId == district)) && p.Status == ProjectStatus.Active));
                break;
            default:
                MineHeading = role == Roles.Partner ? l["Prosjekter organisasjonen deltar i"] : l["Aktive prosjekter i enheten min"];
                Mine = await Take(role == Roles.Partner ? projects : projects.Where(p =>
                    (p.LeadUnitId == unit || p.CoDistricts.Any(d => d.DistrictId == unit)) && p.Status == ProjectStatus.Active));
                break;
        }
        Heading = l["Hei, {0}", User.DisplayName()];
        Intro = role is null ? null : l["Du er logget inn som {0}.", l[Roles.DisplayName(role)].Value.ToLowerInvariant()].Value;
    }

    private static Task<List<ReportTask>> TakeReports(IQueryable<StatusReport> query) =>
        // What waits for the reader's own decision (sent for approval) first, then by due date.
        query.OrderBy(r => r.State == ReportState.Submitted ? 0 : 1).ThenBy(r => r.DueOn).ThenBy(r => r.Project!.Name).Take(10)
            .Select(r => new ReportTask(r.ProjectId, r.Project!.Name, r.Id, r.DueOn, r.State)).ToListAsync();

    private static Task<List<Item>> Take(IQueryable<Project> query) =>
        query.OrderBy(p => p.Name).Take(10)
            .Select(p => new Item(p.Id, p.Name, p.LeadUnit!.Name, p.Status, p.Phase, p.EndDate)).ToListAsync();
}
