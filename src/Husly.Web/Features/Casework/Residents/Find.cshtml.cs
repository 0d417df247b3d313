using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Casework.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Residents;

/// <summary>Finds a resident by exact identity number, or by name and birth year, among the residents the worker
/// may see. Posted, so numbers stay out of addresses and logs; nothing tells whether others exist.</summary>
public sealed class FindModel(CaseFiles files, IOptions<CaseworkOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FindInput
    {
        [Display(Name = "Fødselsnummer eller D-nummer")]
        [StringLength(13, ErrorMessage = "Fødselsnummeret må ha 11 siffer.")]
        public string? IdentityNumber { get; set; }

        [Display(Name = "Navn")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Fødselsår")]
        [Range(1880, 2100, ErrorMessage = "Skriv fødselsåret med fire siffer.")]
        public int? BirthYear { get; set; }
    }

    [BindProperty]
    public FindInput Input { get; set; } = new();

    public IReadOnlyList<SearchHit>? Hits { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var number = Input.IdentityNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(number))
        {
            var rules = new IdentityNumberRules(options.Value.AllowSyntheticIdentityNumbers);
            if (!IdentityNumber.TryParse(number, rules, out _, out var error))
            {
                ModelState.AddModelError("Input.IdentityNumber", l[IdentityNumberMessages.For(error)]);
            }
        }
        else if (string.IsNullOrWhiteSpace(Input.Name) || Input.BirthYear is null)
        {
            ModelState.AddModelError("", l["Skriv inn fødselsnummer, eller både navn og fødselsår."]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Hits = await files.FindAsync(number, Input.Name, Input.BirthYear, HttpContext.RequestAborted);
        return Page();
    }
}
