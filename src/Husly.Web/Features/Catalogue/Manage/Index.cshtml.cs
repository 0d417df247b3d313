using Husly.Data;
using Husly.Features.Portfolio;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Catalogue.Manage;

public sealed record ManagedSolution(Guid Id, Guid ProgrammeId, Guid? ProjectId, string Title, SolutionState State, string Municipality, DateTime? PublishedAt, DateTime ChangedAt);

/// <summary>The editors' desk: every solution the user may edit, by state, and where to start a new one.</summary>
public sealed class IndexModel(HuslyDbContext db, CatalogueAccess access, PortfolioAccess portfolio) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SolutionState? State { get; set; }

    public List<ManagedSolution> Solutions { get; private set; } = [];
    public List<SelectListItem> Projects { get; private set; } = [];
    public bool ManagesAny { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ManagesAny = await access.ManagesAnyAsync(User);
        var managed = User.IsInRole(Roles.ProgrammeOwner)
            ? await db.Programmes.Select(p => p.Id).ToListAsync(ct)
            : (await portfolio.ManagedProgrammesAsync()).ToList();
        var userId = User.Id();
        var org = User.OrganisationId();
        var isDirector = User.IsInRole(Roles.DistrictDirector);
        // The projects the user may share from: the programme's for its managers, their own for leads and directors.
        var projects = db.Projects.AsNoTracking().Where(p => !p.IsArchived && (managed.Contains(p.ProgrammeId) ||
            (User.IsInRole(Roles.ProjectLead) && p.ProjectLeadId == userId) || (isDirector && p.LeadUnitId == org)));
        Projects = await projects.OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync(ct);
        var projectIds = projects.Select(p => p.Id);
        var query = db.Solutions.AsNoTracking().Where(s => managed.Contains(s.ProgrammeId) ||
            (s.ProjectId != null && projectIds.Contains(s.ProjectId.Value) && (s.State == SolutionState.Draft || s.State == SolutionState.InReview)));
        if (State is { } state)
        {
            query = query.Where(s => s.State == state);
        }
        var rows = await query.OrderBy(s => s.State).ThenByDescending(s => s.ChangedAt)
            .Select(s => new ManagedSolution(s.Id, s.ProgrammeId, s.ProjectId, s.Title, s.State, s.Municipality!.Name, s.PublishedAt, s.ChangedAt)).Take(500).ToListAsync(ct);
        // The list's rule is a narrowing of CatalogueAccess.EditsAsync; each row is checked against it too.
        foreach (var row in rows)
        {
            var probe = new Solution { Id = row.Id, ProgrammeId = row.ProgrammeId, ProjectId = row.ProjectId, State = row.State };
            if (managed.Contains(row.ProgrammeId) || await access.EditsAsync(User, probe, ct))
            {
                Solutions.Add(row);
            }
        }
        if (!ManagesAny && Projects.Count == 0 && Solutions.Count == 0)
        {
            return Forbid();
        }
        return Page();
    }
}
