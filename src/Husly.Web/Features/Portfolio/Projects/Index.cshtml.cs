using Htmx;
using Husly.Platform.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Husly.Features.Portfolio.Projects;

public sealed class IndexModel(ProjectSearch search, PortfolioLookups lookups, ReadCache cache, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "")]
    public ProjectFilter Filter { get; set; } = new();

    public ProjectPage Result { get; private set; } = new([], 0, 1, 1);
    public List<SelectListItem> Programmes { get; private set; } = [];
    public List<SelectListItem> Districts { get; private set; } = [];
    public List<SelectListItem> TargetGroups { get; private set; } = [];
    public IEnumerable<SelectListItem> Years { get; private set; } = [];
    public bool CanCreate { get; private set; }

    /// <summary>The rendered filter form is cached per filter, culture and year; this part changes when a save touches
    /// what its choices list. Null (not cached) when a filter was invalid: its message is shown.</summary>
    public string? FilterFormKey { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Invalid filters are shown next to their field and ignored, so the list still answers.
        if (!ModelState.IsValid)
        {
            foreach (var key in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key))
            {
                ResetInvalid(key);
            }
        }
        Result = await search.SearchAsync(Filter, User, HttpContext.RequestAborted);
        Response.Headers.Vary = "HX-Request";
        if (Request.IsHtmx())
        {
            return Partial("_Rows", this);
        }
        Programmes = await lookups.ProgrammesAsync();
        Districts = await lookups.DistrictsAsync();
        TargetGroups = await lookups.TargetGroupsAsync();
        var year = clock.GetLocalNow().Year;
        Years = PortfolioLookups.Years(year);
        FilterFormKey = ModelState.IsValid
            ? string.Join('|', Filter.ToQuery(page: 1), year, cache.VersionOf(PortfolioLookups.ChoicesReadFrom))
            : null;
        // Only a hint for showing the button; the Create page itself authorizes against the chosen programme and unit.
        CanCreate = CreateModel.MayCreateAny(User);
        return Page();
    }

    private void ResetInvalid(string key)
    {
        switch (key.ToLowerInvariant())
        {
            case "q": Filter.Q = null; break;
            case "year": Filter.Year = null; break;
            case "page": Filter.Page = null; break;
            case "programme": Filter.Programme = null; break;
            case "district": Filter.District = null; break;
            case "status": Filter.Status = null; break;
            case "phase": Filter.Phase = null; break;
            case "targetgroup": Filter.TargetGroup = null; break;
            case "sort": Filter.Sort = null; break;
            default: break;
        }
    }
}
