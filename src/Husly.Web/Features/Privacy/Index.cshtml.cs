using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Casework.Access;
using Husly.Features.Casework;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Features.Privacy;

/// <summary>The privacy officer's desk: search the access log, verify that it is unchanged, review emergency access.</summary>
public sealed class IndexModel(Emergencies emergencies, AccessReports reports, AccessLog log, IOptions<CaseworkOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class SearchInput
    {
        [Display(Name = "Fra dato")]
        public DateOnly? From { get; set; }

        [Display(Name = "Til dato")]
        public DateOnly? To { get; set; }

        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Medarbeider (navn)")]
        public string? User { get; set; }

        [StringLength(13, ErrorMessage = "Fødselsnummeret må ha 11 siffer.")]
        [Display(Name = "Brukerens fødselsnummer")]
        public string? IdentityNumber { get; set; }

        [Display(Name = "Utfall")]
        public AccessOutcome? Outcome { get; set; }

        [Range(1, 100_000)]
        public int Page { get; set; } = 1;
    }

    [BindProperty]
    public SearchInput Input { get; set; } = new();

    public AccessReports.AuditPage? Result { get; private set; }
    public IReadOnlyList<Emergencies.EmergencyRow> ToReview { get; private set; } = [];

    /// <summary>After a verification: what it found.</summary>
    public AccessLogVerification? Verification { get; private set; }

    public async Task OnGetAsync() => ToReview = await emergencies.EmergenciesToReviewAsync(HttpContext.RequestAborted);

    /// <summary>Posted, so identity numbers stay out of addresses and server logs.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.From is { } from && Input.To is { } to && to < from)
        {
            ModelState.AddModelError("Input.To", l["Til-datoen kan ikke være før fra-datoen."]);
        }
        var number = Input.IdentityNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(number) && !IdentityNumber.TryParse(number, new IdentityNumberRules(options.Value.AllowSyntheticIdentityNumbers), out _, out var error))
        {
            ModelState.AddModelError("Input.IdentityNumber", l[Casework.Residents.IdentityNumberMessages.For(error)]);
        }
        if (ModelState.IsValid)
        {
            Result = await reports.AuditSearchAsync(new AccessReports.AuditFilter(Input.From, Input.To, Input.User, number, Input.Outcome, Input.Page),
                HttpContext.RequestAborted);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        ToReview = await emergencies.EmergenciesToReviewAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = await log.VerifyAsync(HttpContext.RequestAborted);
        ToReview = await emergencies.EmergenciesToReviewAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid emergencyId, [StringLength(1000, ErrorMessage = "Merknaden kan ha høyst {1} tegn.")] string? note) =>
        await EmergencyReview.HandleAsync(this, emergencies, emergencyId, note,
            async () => ToReview = await emergencies.EmergenciesToReviewAsync(HttpContext.RequestAborted), l);
}
