using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Residents;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework;

/// <summary>Emergency access ("break the glass") for a resident outside the worker's caseload, and, for team leaders,
/// the district's emergency accesses to review.</summary>
public sealed class EmergencyModel(CaseFiles files, IOptions<CaseworkOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class BreakGlassInput
    {
        [Required(ErrorMessage = "Skriv inn fødselsnummeret.")]
        [StringLength(13, ErrorMessage = "Fødselsnummeret må ha 11 siffer.")]
        [Display(Name = "Fødselsnummer eller D-nummer")]
        public string? IdentityNumber { get; set; }

        [Required(ErrorMessage = "Skriv hvorfor du trenger nødtilgang.")]
        [StringLength(1000, MinimumLength = 20, ErrorMessage = "Begrunnelsen må ha mellom {2} og {1} tegn.")]
        [Display(Name = "Hvorfor trenger du tilgang nå?")]
        public string? Reason { get; set; }
    }

    [BindProperty]
    public BreakGlassInput Input { get; set; } = new();

    public IReadOnlyList<CaseFiles.EmergencyRow> ToReview { get; private set; } = [];
    public int Hours => options.Value.EmergencyAccessHours;

    public async Task OnGetAsync() => await LoadReviewsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var number = Input.IdentityNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (number is not null && !IdentityNumber.TryParse(number, new IdentityNumberRules(options.Value.AllowSyntheticIdentityNumbers), out _, out var error))
        {
            ModelState.AddModelError("Input.IdentityNumber", l[IdentityNumberMessages.For(error)]);
        }
        if (ModelState.IsValid)
        {
            var residentId = await files.BreakGlassAsync(number!, Input.Reason!.Trim(), HttpContext.RequestAborted);
            if (residentId is { } id)
            {
                TempData.Flash(l["Du har nødtilgang i {0} timer. Tilgangen er logget og blir gjennomgått av teamleder.", Hours]);
                return Redirect($"/casework/residents/details/{id}");
            }
            ModelState.AddModelError("Input.IdentityNumber", l["Ingen bruker i Husly har dette fødselsnummeret."]);
        }
        await LoadReviewsAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid emergencyId, string? note)
    {
        if (!User.IsInRole(Roles.TeamLeader) || !await files.MarkEmergencyReviewedAsync(emergencyId, note, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        TempData.Flash(l["Nødtilgangen er merket som gjennomgått."]);
        return RedirectToPage();
    }

    private async Task LoadReviewsAsync()
    {
        if (User.IsInRole(Roles.TeamLeader))
        {
            ToReview = await files.EmergenciesToReviewAsync(HttpContext.RequestAborted);
        }
    }
}
