using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace Husly.Features.Catalogue;

/// <summary>The lessons of every published solution in one list — what worked and, as often asked for, what did not.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = CatalogueModule.CachePolicy)]
[EnableRateLimiting(CatalogueModule.RatePolicy)]
public sealed class LessonsModel(HuslyDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(200, ErrorMessage = "Søketeksten kan ha høyst {1} tegn.")]
    [Display(Name = "Søk i erfaringene")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Type erfaring")]
    public LessonKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "side")]
    [Range(1, 10_000, ErrorMessage = "Sidetallet må være minst {1}.")]
    public int? PageNumber { get; set; }

    public LessonList Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // Named on the page and left out; the list still answers.
            Q = ModelState.GetFieldValidationState(nameof(Q)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : Q;
            Kind = ModelState.GetFieldValidationState(nameof(Kind)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : Kind;
            PageNumber = null;
        }
        Result = await LessonSearch.SearchAsync(db, Q, Kind, PageNumber, ct);
    }

    public string Link(int page) => Microsoft.AspNetCore.Http.QueryString.Create(new List<KeyValuePair<string, string?>>
    {
        new("q", Q), new("kind", Kind?.ToString()), new("side", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
}
