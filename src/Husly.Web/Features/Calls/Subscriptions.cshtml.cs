using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>Any signed-in user asks to be e-mailed when a programme publishes its next call (and stops asking).</summary>
public sealed class SubscriptionsModel(HuslyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid ProgrammeId, string Name, bool Subscribed);

    public List<Row> Rows { get; private set; } = [];

    private Guid Me => User.Id() ?? throw new InvalidOperationException("Signed-in pages always have a user id.");

    public async Task OnGetAsync()
    {
        var mine = await db.CallSubscriptions.Where(s => s.UserId == Me).Select(s => s.ProgrammeId).ToListAsync();
        Rows = [.. (await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync())
            .Select(p => new Row(p.Id, p.Name, mine.Contains(p.Id)))];
    }

    public async Task<IActionResult> OnPostAsync(Guid programmeId, bool subscribe)
    {
        var name = await db.Programmes.AsNoTracking().Where(p => p.Id == programmeId).Select(p => p.Name).FirstOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        var existing = await db.CallSubscriptions.FirstOrDefaultAsync(s => s.ProgrammeId == programmeId && s.UserId == Me);
        if (subscribe && existing is null)
        {
            db.CallSubscriptions.Add(new CallSubscription { ProgrammeId = programmeId, UserId = Me, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else if (!subscribe && existing is not null)
        {
            db.CallSubscriptions.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same request twice at once: the first one's row stands, which is what was asked for.
        }
        TempData.Flash(subscribe ? l["Du får e-post når {0} publiserer en utlysning.", name] : l["Du får ikke lenger e-post om utlysninger fra {0}.", name]);
        return RedirectToPage();
    }
}
