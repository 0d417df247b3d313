using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Privacy;

/// <summary>The privacy officer's desk: search the access log, verify that it is unchanged, review emergency access.</summary>
public sealed class IndexModel(CaseFiles files, AccessLog log, IStringLocalizer<SharedResource> l) : PageModel
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
    }

    [BindProperty]
    public SearchInput Input { get; set; } = new();

    public IReadOnlyList<CaseFiles.AuditRow>? Rows { get; private set; }
    public IReadOnlyList<CaseFiles.EmergencyRow> ToReview { get; private set; } = [];

    /// <summary>After a verification: null when the chain holds, else the first broken sequence number.</summary>
    public (bool Done, long? BrokenAt) Verification { get; private set; }

    public async Task OnGetAsync() => ToReview = await files.EmergenciesToReviewAsync(HttpContext.RequestAborted);

    /// <summary>Posted, so identity numbers stay out of addresses and server logs.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.From is { } from && Input.To is { } to && to < from)
        {
            ModelState.AddModelError("Input.To", l["Til-datoen kan ikke være før fra-datoen."]);
        }
        if (ModelState.IsValid)
        {
            Rows = await files.AuditSearchAsync(new CaseFiles.AuditFilter(Input.From, Input.To, Input.User, Input.IdentityNumber, Input.Outcome),
                HttpContext.RequestAborted);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        ToReview = await files.EmergenciesToReviewAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = (true, await log.VerifyAsync(HttpContext.RequestAborted));
        ToReview = await files.EmergenciesToReviewAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid emergencyId, string? note)
    {
        if (!await files.MarkEmergencyReviewedAsync(emergencyId, note, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        TempData.Flash(l["Nødtilgangen er merket som gjennomgått."]);
        return RedirectToPage();
    }
}
