using System.Security.Claims;
using Husly.Data;
using Husly.Features.Portfolio.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls;

/// <summary>Who may do what with calls. Everyone signed in reads published calls; a call is created, edited and published
/// by those who may edit its programme (Portfolio's rule: the programme owner, the programme's managers). A draft is
/// invisible to everyone else: it answers "not found".</summary>
public sealed class CallAccess(HuslyDbContext db, IAuthorizationService authorization)
{
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid programmeId) =>
        (await authorization.AuthorizeAsync(user, new ProgrammeScope(programmeId), ProgrammeOperations.Edit)).Succeeded;

    /// <summary>The programmes whose calls this user manages, by name.</summary>
    public async Task<List<(Guid Id, string Name)>> ManagedProgrammesAsync(ClaimsPrincipal user)
    {
        var all = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync();
        var managed = new List<(Guid, string)>();
        foreach (var p in all)
        {
            if (await MayManageAsync(user, p.Id))
            {
                managed.Add((p.Id, p.Name));
            }
        }
        return managed;
    }

    /// <summary>The call with its criteria, questions and invited units, if this user may see it; null answers 404.</summary>
    public async Task<Call?> FindAsync(ClaimsPrincipal user, Guid id, bool tracking = false)
    {
        var query = db.Calls.Include(c => c.Criteria).Include(c => c.Questions).Include(c => c.InvitedUnits).AsSplitQuery();
        var call = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id);
        return call is null || (call.PublishedAt is null && !await MayManageAsync(user, call.ProgrammeId)) ? null : call;
    }
}
