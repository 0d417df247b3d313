using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auth;
using Husly.Platform.Caching;
using Husly.Platform.Forms;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio;

/// <summary>The choices portfolio forms and filters offer: programmes, units, districts, target groups, partners, project
/// leads. Units come from the organisation register's shared lookups.</summary>
public sealed class PortfolioLookups(HuslyDbContext db, ReadCache cache, OrganisationLookups organisations)
{
    /// <summary>What the programme, district and target-group choices are read from.</summary>
    public static readonly Type[] ChoicesReadFrom =
        [typeof(Programmes.InnovationProgramme), typeof(Administration.Organisations.Organisation), typeof(Projects.TargetGroup)];

    public Task<List<SelectListItem>> ProgrammesAsync() => CachedAsync("programmes", typeof(Programmes.InnovationProgramme), () =>
        db.Programmes.AsNoTracking().OrderBy(p => p.ShortName).Select(p => new Choice(p.Id, p.ShortName + " – " + p.Name)));

    public Task<List<SelectListItem>> DistrictsAsync() => organisations.DistrictsAsync();

    public Task<List<SelectListItem>> LeadUnitsAsync() => organisations.LeadUnitsAsync();

    public Task<List<SelectListItem>> TargetGroupsAsync() => CachedAsync("target-groups", typeof(Projects.TargetGroup), () =>
        db.TargetGroups.AsNoTracking().OrderBy(t => t.SortOrder).Select(t => new Choice(t.Id, t.Name)));

    public Task<List<SelectListItem>> OrganisationsAsync() => organisations.AllAsync();

    // The choices are cached; the SelectListItems are new each time because forms mark the selected one.
    // The query is built only on a miss: building the expression tree costs more than the cache hit.
    private async Task<List<SelectListItem>> CachedAsync(string key, Type readsFrom, Func<IQueryable<Choice>> query) =>
        (await cache.GetAsync("portfolio:" + key, ReadCache.ReferenceDataLifetime, [readsFrom], () => query().ToListAsync())).ToItems();

    public async Task<List<SelectListItem>> ProjectLeadsAsync()
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.ProjectLead).Select(r => r.Id).FirstOrDefaultAsync();
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id, u.DisplayName + " (" + u.Organisation!.Name + ")")).ToItemsAsync();
    }

    public static IEnumerable<SelectListItem> Years(int now) =>
        Enumerable.Range(2010, now - 2010 + 2).Reverse().Select(y => new SelectListItem(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
