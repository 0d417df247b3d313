using Husly.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls;

/// <summary>Open, coming and past calls for everyone signed in; drafts for the programmes the user manages.</summary>
public sealed class IndexModel(HuslyDbContext db, CallAccess access, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Programme, int Year, DateTime OpensAt, DateTime ClosesAt, long BudgetFrame, CallState State);

    public List<Row> Open { get; private set; } = [];
    public List<Row> Coming { get; private set; } = [];
    public List<Row> Past { get; private set; } = [];
    public List<Row> Drafts { get; private set; } = [];
    public bool MayCreate { get; private set; }

    public async Task OnGetAsync()
    {
        var managed = (await access.ManagedProgrammesAsync(User)).Select(p => p.Id).ToList();
        MayCreate = managed.Count > 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Calls.AsNoTracking()
            .Where(c => c.PublishedAt != null || managed.Contains(c.ProgrammeId))
            .Join(db.Programmes, c => c.ProgrammeId, p => p.Id, (c, p) => new { c, p.Name })
            .OrderByDescending(x => x.c.ClosesAt)
            .Take(500)
            .Select(x => new { x.c.Id, x.c.Title, x.Name, x.c.Year, x.c.OpensAt, x.c.ClosesAt, x.c.BudgetFrame, x.c.PublishedAt })
            .ToListAsync();
        var all = rows.Select(r => new Row(r.Id, r.Title, r.Name, r.Year, r.OpensAt, r.ClosesAt, r.BudgetFrame,
            new Call { PublishedAt = r.PublishedAt, OpensAt = r.OpensAt, ClosesAt = r.ClosesAt }.StateAt(now))).ToList();
        Open = [.. all.Where(r => r.State == CallState.Open).OrderBy(r => r.ClosesAt)];
        Coming = [.. all.Where(r => r.State == CallState.Coming).OrderBy(r => r.OpensAt)];
        Past = [.. all.Where(r => r.State == CallState.Closed)];
        Drafts = [.. all.Where(r => r.State == CallState.Draft).OrderBy(r => r.OpensAt)];
    }
}
