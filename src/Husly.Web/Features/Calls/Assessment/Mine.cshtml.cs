using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Assessment;

/// <summary>The reviews this user has been asked for.</summary>
public sealed class MineModel(HuslyDbContext db) : PageModel
{
    public sealed record Row(Guid ApplicationId, string Title, string Call, DateTime ClosesAt, bool Recused, DateTime? SubmittedAt);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.Id()!.Value;
        Rows = await db.Reviews.AsNoTracking().Where(r => r.ReviewerId == me)
            .Join(db.Applications, r => r.ApplicationId, a => a.Id, (r, a) => new { r, a })
            .Join(db.Calls, x => x.a.CallId, c => c.Id, (x, c) => new { x.r, x.a, c })
            .OrderBy(x => x.r.SubmittedAt != null).ThenByDescending(x => x.r.AssignedAt).Take(500)
            .Select(x => new Row(x.a.Id, x.a.Title, x.c.Title, x.c.ClosesAt, x.r.ConflictDeclaredAt != null, x.r.SubmittedAt))
            .ToListAsync();
    }
}
