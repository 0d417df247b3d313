using Husly.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Catalogue;

/// <summary>A solution's public page. Only published solutions are shown; a withdrawn one says so and why (410); a
/// former address redirects for good; anything else is "not found", also for a draft's id or slug.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = CatalogueModule.CachePolicy)]
public sealed class SolutionModel(HuslyDbContext db) : PageModel
{
    public SolutionView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var id = await db.Solutions.Where(s => s.Slug == slug).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            var current = await db.SolutionSlugs.Where(s => s.Slug == slug)
                .Join(db.Solutions, o => o.SolutionId, s => s.Id, (o, s) => new { s.Slug, s.State }).FirstOrDefaultAsync(ct);
            return current is { State: SolutionState.Published or SolutionState.Withdrawn }
                ? RedirectPermanent("/losninger/" + current.Slug)
                : NotFound();
        }
        if (await SolutionView.LoadAsync(db, id.Value, ct) is not { } view || view.Solution.State is SolutionState.Draft or SolutionState.InReview)
        {
            return NotFound();
        }
        View = view;
        if (view.Solution.State == SolutionState.Withdrawn)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
        return Page();
    }
}
