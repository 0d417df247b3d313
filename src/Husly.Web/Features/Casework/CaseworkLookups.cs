using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auth;
using Husly.Platform.Forms;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework;

/// <summary>The choices casework forms offer in the user's district: its teams, its workers and the projects it
/// takes part in. No resident data here.</summary>
public sealed class CaseworkLookups(HuslyDbContext db, OrganisationLookups organisations)
{
    public Task<List<SelectListItem>> OtherDistrictsAsync(Guid district) => organisations.DistrictsAsync(except: district);

    public Task<bool> IsDistrictAsync(Guid id) => organisations.IsActiveAsync(id, u => u.Kind == OrganisationKind.District);

    public Task<List<SelectListItem>> PartnerOrganisationsAsync() => organisations.PartnersAsync();

    public Task<bool> IsPartnerAsync(Guid id) => organisations.IsActiveAsync(id, u => u.Kind == OrganisationKind.Partner);

    public Task<List<SelectListItem>> TeamsAsync(Guid district) => organisations.TeamsAsync(district);

    /// <summary>Active case workers and team leaders whose unit is the district or one of its teams.</summary>
    public IQueryable<Guid> WorkerIds(Guid district)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.CaseWorker || r.Name == Roles.TeamLeader).Select(r => r.Id);
        return db.Users.Where(u => u.IsActive
                && (u.OrganisationId == district || db.Organisations.Any(o => o.Id == u.OrganisationId && o.ParentId == district && o.Kind == OrganisationKind.Team))
                && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => u.Id);
    }

    public async Task<List<SelectListItem>> WorkersAsync(Guid district)
    {
        var ids = WorkerIds(district);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id, u.DisplayName + " (" + u.Organisation!.Name + ")")).ToItemsAsync();
    }

    public Task<bool> IsWorkerAsync(Guid district, Guid userId) => WorkerIds(district).AnyAsync(id => id == userId);

    public Task<bool> IsTeamAsync(Guid district, Guid teamId) =>
        organisations.IsActiveAsync(teamId, u => u.Kind == OrganisationKind.Team && u.ParentId == district);

    /// <summary>Projects the district leads or takes part in, not archived: follow-up may belong to one.</summary>
    public IQueryable<Guid> ProjectIds(Guid district) =>
        db.Projects.Where(p => !p.IsArchived && (p.LeadUnitId == district || p.CoDistricts.Any(d => d.DistrictId == district))).Select(p => p.Id);

    public async Task<List<SelectListItem>> ProjectsAsync(Guid district)
    {
        var ids = ProjectIds(district);
        return await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new Choice(p.Id, p.Name)).ToItemsAsync();
    }
}
