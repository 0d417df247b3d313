using Husly.Data;
using Husly.Platform.Caching;
using Husly.Platform.Forms;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Administration.Organisations;

/// <summary>The organisation register as every form and filter offers it (units, districts, teams, partners). The
/// active units are read once into the read cache (a few dozen rows) and every list is cut from that, so
/// portfolio filters, casework forms and user administration share one cached read.</summary>
public sealed class OrganisationLookups(HuslyDbContext db, ReadCache cache)
{
    public sealed record Unit(Guid Id, string Name, OrganisationKind Kind, Guid? ParentId);

    /// <summary>All active units, ordered by name.</summary>
    public async Task<IReadOnlyList<Unit>> UnitsAsync() => await cache.GetAsync("organisations:active", ReadCache.ReferenceDataLifetime,
        [typeof(Organisation)], () => db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name)
            .Select(o => new Unit(o.Id, o.Name, o.Kind, o.ParentId)).ToListAsync());

    public async Task<List<SelectListItem>> AllAsync() => Items(await UnitsAsync());

    /// <summary>All units grouped by kind (municipality, departments, agencies, districts …), for choosing a user's unit.</summary>
    public async Task<List<SelectListItem>> ByKindAsync() => Items((await UnitsAsync()).OrderBy(u => u.Kind));

    public async Task<List<SelectListItem>> DistrictsAsync(Guid? except = null) =>
        Items((await UnitsAsync()).Where(u => u.Kind == OrganisationKind.District && u.Id != except));

    /// <summary>Units that may lead a project: the districts and the municipal agencies (BOSin is open to municipal agencies).</summary>
    public async Task<List<SelectListItem>> LeadUnitsAsync() =>
        Items((await UnitsAsync()).Where(u => u.Kind is OrganisationKind.District or OrganisationKind.Agency).OrderBy(u => u.Kind));

    public async Task<List<SelectListItem>> PartnersAsync() => Items((await UnitsAsync()).Where(u => u.Kind == OrganisationKind.Partner));

    public async Task<List<SelectListItem>> TeamsAsync(Guid district) =>
        Items((await UnitsAsync()).Where(u => u.Kind == OrganisationKind.Team && u.ParentId == district));

    public async Task<bool> IsActiveAsync(Guid id, Func<Unit, bool>? also = null) =>
        (await UnitsAsync()).Any(u => u.Id == id && (also?.Invoke(u) ?? true));

    // The units are cached; the SelectListItems are new each time because forms mark the selected one.
    private static List<SelectListItem> Items(IEnumerable<Unit> units) => units.Select(u => new Choice(u.Id, u.Name)).ToItems();
}
