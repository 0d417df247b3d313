using Husly.Data;
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
        // Plain projections, not entity graphs: with 500 applications and 1 000 reviews, loading entities was the cost.
        var sent = ApplicationStages.Sent;
        var applications = await db.Applications.AsNoTracking().Where(a => a.CallId == id && sent.Contains(a.Stage))
            .Select(a => new { a.Id, a.Title, a.LeadUnitId, a.Stage, Applied = a.Budget.Sum(b => (long?)b.Amount) ?? 0 }).ToListAsync();
        var disqualified = (await Applications.ApplicationFlow.DisqualifyingAnswers(db)
                .Where(x => db.Applications.Any(a => a.Id == x.ApplicationId && a.CallId == id))
                .Select(x => new { x.ApplicationId, x.QuestionId }).ToListAsync())
            .ToLookup(x => x.ApplicationId, x => x.QuestionId);
        var explanations = call.Questions.OrderBy(q => q.SortOrder).Select(q => (q.Id, q.Explanation)).ToList();
        // Each handed-in review's weighted sum (score × weight), added up in the database.
        var weighted = (await (from score in db.CriterionScores
                               join review in db.Reviews on score.ReviewId equals review.Id
                               join criterion in db.CallCriteria on score.CriterionId equals criterion.Id
                               where criterion.CallId == id && review.SubmittedAt != null && review.ConflictDeclaredAt == null
                               group score.Score * criterion.Weight by new { review.ApplicationId, review.Id } into g
                               select new { g.Key.ApplicationId, Sum = g.Sum() }).ToListAsync())
            .ToLookup(x => x.ApplicationId, x => x.Sum);
        var asked = await db.Reviews.AsNoTracking().Where(r => r.ConflictDeclaredAt == null && db.Applications.Any(a => a.Id == r.ApplicationId && a.CallId == id))
            .GroupBy(r => r.ApplicationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var weights = (double)Math.Max(1, call.Criteria.Sum(c => c.Weight));
        var units = (await lookups.UnitsAsync()).ToDictionary(u => u.Id, u => u.Name);
        var rows = applications.Select(a =>
        {
            var done = weighted[a.Id].Select(sum => sum / weights).ToList();
            var reasons = disqualified[a.Id].ToHashSet();
            return new Row(a.Id, a.Title, units.GetValueOrDefault(a.LeadUnitId, "–"), [.. explanations.Where(q => reasons.Contains(q.Id)).Select(q => q.Explanation)],
                done.Count > 0 ? done.Average() : null, done.Count > 1 ? done.Max() - done.Min() : null, done.Count,
                asked.GetValueOrDefault(a.Id), a.Applied, 0, a.Stage);
        })
            .OrderBy(r => r.Ineligible.Count > 0).ThenByDescending(r => r.Score ?? -1).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
        long total = 0;
        Rows = [.. rows.Select(r => r with { RunningTotal = r.Ineligible.Count > 0 ? total : total += r.Applied })];
        return Page();
    }
}
