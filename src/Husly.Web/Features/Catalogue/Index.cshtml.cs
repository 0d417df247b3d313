using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue;

/// <summary>The public catalogue: search solutions and lessons from Oslo's districts and other municipalities, with
/// facets, without signing in. A plain GET form; htmx only swaps the results while typing.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = CatalogueModule.CachePolicy)]
[EnableRateLimiting(CatalogueModule.RatePolicy)]
public sealed class IndexModel(CatalogueSearch search, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "")]
    public CatalogueQuery Query { get; set; } = new();

    public CatalogueResult Result { get; private set; } = null!;

    /// <summary>Signed-in staff who may work on the catalogue get links to the editors' pages (never cached).</summary>
    public bool ShowEditorLinks => User.IsInRole(Platform.Auth.Roles.ProgrammeOwner) || User.IsInRole(Platform.Auth.Roles.ProgrammeManager)
        || User.IsInRole(Platform.Auth.Roles.DistrictDirector) || User.IsInRole(Platform.Auth.Roles.ProjectLead);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // An invalid filter is named on the page and left out, so the search still answers.
        foreach (var key in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key.ToLowerInvariant()).ToList())
        {
            switch (key)
            {
                case "q": Query.Q = null; break;
                case "municipality": Query.Municipality = null; break;
                case "county": Query.County = null; break;
                case "form": Query.Form = null; break;
                case "category": Query.Category = null; break;
                case "targetgroup": Query.TargetGroup = null; break;
                case "phase": Query.Phase = null; break;
                case "page": Query.Page = null; break;
                default: break;
            }
        }
        Result = await search.SearchAsync(Query, l, ct);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() ? Partial("_Results", this) : Page();
    }
}
