using System.ComponentModel.DataAnnotations;
using Husly.Features.Concerns.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Concerns;

/// <summary>A reporter adds to a concern they sent, with the receipt code and without an account. Nothing about the
/// concern is shown back (only that it was added), so a code is no way to learn what happened to the person.</summary>
[AllowAnonymous]
[RequestSizeLimit(ReportModel.MaxRequestBytes)]
// The token is checked in the handler, so a stale form or a browser without cookies gets its text back, not a bare 400.
[IgnoreAntiforgeryToken]
public sealed class AddModel(ConcernIntake intake, ConcernRateLimit limit, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Display(Name = "Kvitteringskode")]
        [Required(ErrorMessage = "Skriv kvitteringskoden du fikk da du sendte meldingen.")]
        [StringLength(30, ErrorMessage = "Kvitteringskoden har 12 tegn, for eksempel ABCD-EFGH-JKLM.")]
        public string? Code { get; set; }

        [Display(Name = "Hva vil du legge til?")]
        [Required(ErrorMessage = "Skriv det du vil legge til.")]
        [StringLength(ConcernLimits.Text, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Text { get; set; }

        [Display(Name = "La dette feltet stå tomt")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Website { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateTime? AddedTo { get; private set; }

    public string? NotStored { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            NotStored = l["Tillegget ble ikke mottatt: skjemaet var for gammelt, eller nettleseren slipper ikke gjennom informasjonskapsler. Det du skrev, står under – send igjen."];
            return Page();
        }
        if (!string.IsNullOrEmpty(Input.Website))
        {
            NotStored = l["Tillegget ble ikke mottatt, fordi feltet «La dette feltet stå tomt» var fylt ut. Tøm feltet og send igjen."];
            return Page();
        }
        if (!string.IsNullOrWhiteSpace(Input.Code) && ReceiptCode.Normalise(Input.Code) is null)
        {
            ModelState.AddModelError("Input.Code", l["Kvitteringskoden har 12 tegn, for eksempel ABCD-EFGH-JKLM."]);
        }
        if (Input.Text is not null && ReportModel.Trimmed(Input.Text) is null && ModelState.GetFieldValidationState("Input.Text") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Text", l["Skriv det du vil legge til."]);
        }
        if (Input.Text is { } text && Husly.Common.IdentityNumber.AppearsIn(text))
        {
            ModelState.AddModelError("Input.Text", l["Ikke skriv fødselsnummer eller D-nummer. Navn og adresse er nok til at bydelen finner personen."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Every try counts, wrong codes too: that is what stops guessing.
        if (!limit.TryTake(HttpContext.Connection.RemoteIpAddress))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            NotStored = l["Tillegget ble ikke mottatt: det er sendt mange meldinger fra samme sted den siste timen. Vent litt og send igjen – det du skrev, står under – eller ring bydelen."];
            return Page();
        }
        var (status, reportedAt) = await intake.AddAsync(Input.Code, ReportModel.Trimmed(Input.Text) ?? "", ct);
        switch (status)
        {
            case AdditionStatus.Added:
                AddedTo = reportedAt;
                break;
            case AdditionStatus.UnknownCode:
                ModelState.AddModelError("Input.Code", l["Vi fant ingen melding med denne koden. Sjekk at den er skrevet riktig."]);
                break;
            case AdditionStatus.TooMany:
                NotStored = l["Tillegget ble ikke mottatt: meldingen har allerede fått {0} tillegg. Send heller en ny melding, eller ring bydelen.", ConcernIntake.MaxAdditions];
                break;
            case AdditionStatus.NotReceived:
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                NotStored = l["Tillegget ble ikke mottatt, fordi systemet ikke svarer akkurat nå. Det du skrev, står under: send igjen om noen minutter, eller ring bydelen."];
                break;
            default:
                throw new InvalidOperationException(status.ToString());
        }
        return Page();
    }
}
