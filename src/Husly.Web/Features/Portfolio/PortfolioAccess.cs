using System.Security.Claims;
using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio;

/// <summary>What the signed-in user may manage in the portfolio: the programmes they are program manager of.
/// Loaded once per request and shared by the authorization handlers and list queries.</summary>
public sealed class PortfolioAccess(HuslyDbContext db, IHttpContextAccessor accessor)
{
    private HashSet<Guid>? _managedProgrammes;

    public ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<IReadOnlySet<Guid>> ManagedProgrammesAsync()
    {
        if (_managedProgrammes is null)
        {
            var userId = User.Id();
            _managedProgrammes = userId is null || !User.IsInRole(Roles.ProgrammeManager)
                ? []
                : (await db.ProgrammeManagers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.ProgrammeId).ToListAsync()).ToHashSet();
        }
        return _managedProgrammes;
    }
}
