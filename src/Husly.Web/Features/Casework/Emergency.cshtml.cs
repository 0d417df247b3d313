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
public sealed class EmergencyModel(Emergencies emergencies, IOptions<CaseworkOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class BreakGlassInput
    {
        [Required(ErrorMessage = "Skriv inn fødselsnummeret.")]
        [StringLength(13, ErrorMessage = "Fødselsnummeret må ha 11 siffer.")]
        [Display(Name = "Fødselsnummer eller D-nummer")]
        public string? IdentityNumber { get; set; }

        [Required(ErrorMessage = "Skriv hvorfor du trenger nødtilgang.")]
        [StringLength(1000, ErrorMessage = "Begrunnelsen kan ha høyst {1} tegn.")]
        [Display(Name = "Hvorfor trenger du tilgang nå?")]
        public string? Reason { get; set; }
    }

    [BindProperty]
    public BreakGlassInput Input { get; set; } = new();

    public IReadOnlyList<Emergencies.EmergencyRow> ToReview { get; private set; } = [];
    public int Hours => options.Value.EmergencyAccessHours;

    public async Task OnGetAsync() => await LoadReviewsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var number = Input.IdentityNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (number is not null && !IdentityNumber.TryParse(number, new IdentityNumberRules(options.Value.AllowSyntheticIdentityNumbers), out _, out var error))
        {
            ModelState.AddModelError("Input.IdentityNumber", l[IdentityNumberMessages.For(error)]);
        }
        // Checked after removing invisible characters and surrounding space: twenty zero-width spaces are no reason.
        var reason = TextRules.Meaningful(Input.Reason, 10);
        if (Input.Reason is not null && (reason is null || reason.Length < 20))
        {
            ModelState.AddModelError("Input.Reason", l["Skriv en begrunnelse på minst 20 tegn som forklarer hvorfor du trenger tilgang nå."]);
        }
        if (ModelState.IsValid)
        {
            var result = await emergencies.BreakGlassAsync(number!, reason!, HttpContext.RequestAborted);
            switch (result.Outcome)
            {
                case Emergencies.BreakGlassOutcome.Opened:
                    TempData.Flash(l["Du har nødtilgang i {0} timer. Tilgangen er logget og blir gjennomgått av teamleder.", Hours]);
                    return Redirect($"/casework/residents/details/{result.ResidentId}");
                case Emergencies.BreakGlassOutcome.AlreadyVisible:
                    TempData.Flash(l["Du har allerede tilgang til denne brukeren. Nødtilgang trengs ikke."]);
                    return Redirect($"/casework/residents/details/{result.ResidentId}");
                case Emergencies.BreakGlassOutcome.LimitReached:
                    ModelState.AddModelError("Input.IdentityNumber", l["Du har brukt nødtilgang til denne brukeren {0} ganger det siste døgnet. Trenger du tilgang videre, må teamlederen gi deg ordinær tilgang.", options.Value.EmergencyAccessGrantsPerDay]);
                    break;
                default:
                    // The same words whether nobody has the number or the person has a protected address.
                    ModelState.AddModelError("Input.IdentityNumber", l["Nødtilgang ble ikke gitt for dette fødselsnummeret. Forsøket er logget og blir gjennomgått av teamleder."]);
                    break;
            }
        }
        await LoadReviewsAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid emergencyId, [StringLength(1000, ErrorMessage = "Merknaden kan ha høyst {1} tegn.")] string? note) =>
        User.IsInRole(Roles.TeamLeader) ? await EmergencyReview.HandleAsync(this, emergencies, emergencyId, note, LoadReviewsAsync, l) : NotFound();

    private async Task LoadReviewsAsync()
    {
        if (User.IsInRole(Roles.TeamLeader))
        {
            ToReview = await emergencies.EmergenciesToReviewAsync(HttpContext.RequestAborted);
        }
    }
}
