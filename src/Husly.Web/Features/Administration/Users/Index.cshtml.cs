using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Administration.Users;

public sealed class IndexModel(HuslyDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, string? Title, string Unit, string? Role, bool IsActive, bool IsLockedOut);

    [BindProperty(SupportsGet = true)]
    [System.ComponentModel.DataAnnotations.StringLength(200)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowInactive { get; set; }

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!ShowInactive)
        {
            query = query.Where(u => u.IsActive);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL UPPER()/LIKE, where culture does not apply
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        Rows = await query.OrderBy(u => u.DisplayName)
            .Select(u => new Row(u.Id, u.DisplayName, u.Email!, u.Title, u.Organisation!.Name,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                u.IsActive, u.LockoutEnd != null && u.LockoutEnd > now))
            .Take(500)
            .ToListAsync();
    }
}
