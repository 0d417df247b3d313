using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Casework;

/// <summary>The case worker's start in casework: their caseload, their team's or (for a team leader) the district's.</summary>
public sealed class IndexModel(Caseload caseload) : PageModel
{
    public CaseloadScope Scope { get; private set; }
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];
    public IReadOnlyList<WeekHours> WeeklyHours { get; private set; } = [];
    public IReadOnlyList<Caseload.LapsedConsent> LapsedConsents { get; private set; } = [];
    public bool IsTeamLeader => User.IsInRole(Roles.TeamLeader);
    public bool HasTeam => User.TeamId() is not null;

    public async Task OnGetAsync(CaseloadScope? scope)
    {
        Scope = scope switch
        {
            CaseloadScope.District when IsTeamLeader => CaseloadScope.District,
            CaseloadScope.Team when HasTeam => CaseloadScope.Team,
            _ => CaseloadScope.Mine,
        };
        Rows = await caseload.CaseloadAsync(Scope, HttpContext.RequestAborted);
        WeeklyHours = await caseload.WeeklyHoursAsync(Scope, 8, HttpContext.RequestAborted);
        LapsedConsents = await caseload.LapsedConsentsAsync(HttpContext.RequestAborted);
    }
}
