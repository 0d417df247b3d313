using Husly.Data;
using Husly.Features.Calls.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Assessment;

/// <summary>
/// The programme manager's view of a call's assessment: every submitted application, eligible or not (and why), its
/// weighted score (the mean of the handed-in reviews, 0–5), the spread between reviewers (flagged when large), the amount
/// applied and a running total against the budget frame, best score first.
/// </summary>
public sealed class OverviewModel(HuslyDbContext db, CallAccess access, Husly.Features.Administration.Organisations.OrganisationLookups lookups) : PageModel
{
    /// <summary>Reviewers further apart than this (on the 0–5 scale) should talk before a decision.</summary>
    public const double LargeSpread = 1.5;

    public sealed record Row(Guid Id, string Title, string Unit, List<string> Ineligible, double? Score, double? Spread, int Done, int Asked,
        long Applied, long RunningTotal, ApplicationStage Stage);

    public Call Call { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var call = await access.FindAsync(User, id);
        if (call is null)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(User, call.ProgrammeId))
        {
            return Forbid();
        }
        Call = call;
        var applications = await db.Applications.AsNoTracking().Include(a => a.Answers).Include(a => a.Budget).AsSplitQuery()
            .Where(a => a.CallId == id && a.Stage != ApplicationStage.Draft && a.Stage != ApplicationStage.Endorsed).ToListAsync();
        // A subquery, not a list of 500 ids as parameters (EF would make a statement per list size).
        var reviews = (await db.Reviews.AsNoTracking().Include(r => r.Scores)
            .Where(r => db.Applications.Any(a => a.Id == r.ApplicationId && a.CallId == id)).ToListAsync()).ToLookup(r => r.ApplicationId);
        var units = (await lookups.UnitsAsync()).ToDictionary(u => u.Id, u => u.Name);
        var rows = applications.Select(a =>
        {
            var done = reviews[a.Id].Where(r => r.IsDone && !r.IsRecused).Select(r => Review.Weighted(r.Scores, call.Criteria)).ToList();
            return new Row(a.Id, a.Title, units.GetValueOrDefault(a.LeadUnitId, "–"), ApplicationFlow.IneligibleBecause(a, call),
                done.Count > 0 ? done.Average() : null, done.Count > 1 ? done.Max() - done.Min() : null, done.Count,
                reviews[a.Id].Count(r => !r.IsRecused), a.AmountApplied, 0, a.Stage);
        })
            .OrderBy(r => r.Ineligible.Count > 0).ThenByDescending(r => r.Score ?? -1).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
        long total = 0;
        Rows = [.. rows.Select(r => r with { RunningTotal = r.Ineligible.Count > 0 ? total : total += r.Applied })];
        return Page();
    }
}
