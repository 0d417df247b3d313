using System.ComponentModel.DataAnnotations;
using Husly.Features.Concerns.Access;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns;

/// <summary>The worry channel (BoTrygt, seed 000): anyone can tell the municipality they are worried about a person,
/// without signing in, on a phone, without JavaScript. Signed-in partners use the same form and their organisation is
/// recorded. The answer is either a receipt code or a plain "not received" with everything they wrote still in the form.</summary>
[AllowAnonymous]
[RequestSizeLimit(ReportModel.MaxRequestBytes)]
// The token is checked in the handler, so a stale form or a browser without cookies gets its text back, not a bare 400.
[IgnoreAntiforgeryToken]
public sealed class ReportModel(ConcernIntake intake, ConcernRateLimit limit, IOptions<ConcernOptions> options, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, IStringLocalizer<SharedResource> l) : PageModel
{
    // Room for every field at its longest in any script (percent-encoded), so a long text meets its length message, not a bare 413.
    public const int MaxRequestBytes = 256 * 1024;

    public sealed class InputModel
    {
        public Guid SubmissionId { get; set; }

        [Display(Name = "Navn på personen")]
        [StringLength(ConcernLimits.Name, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? PersonName { get; set; }

        [Display(Name = "Adresse")]
        [StringLength(ConcernLimits.Address, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Address { get; set; }

        [Display(Name = "Postnummer")]
        [RegularExpression("^[0-9]{4}$", ErrorMessage = "Postnummeret har fire sifre, for eksempel 0976.")]
        [StringLength(4, ErrorMessage = "Postnummeret har fire sifre, for eksempel 0976.")]
        public string? Postcode { get; set; }

        [Display(Name = "Beskrivelse av personen")]
        [StringLength(ConcernLimits.Description, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? PersonDescription { get; set; }

        [Display(Name = "Hva har du sett eller hørt?")]
        [Required(ErrorMessage = "Skriv hva du har sett eller hørt som gjør deg bekymret.")]
        [StringLength(ConcernLimits.Text, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? WhatSeen { get; set; }

        [Display(Name = "Hvor fort bør noen se på dette?")]
        [Required(ErrorMessage = "Velg hvor fort du mener noen bør se på dette.")]
        public ConcernUrgency? Urgency { get; set; }

        [Display(Name = "Hvem er du for personen?")]
        [Required(ErrorMessage = "Velg hvem du er for personen.")]
        public ReporterRelation? Relation { get; set; }

        [Display(Name = "Beskriv hvem du er for personen")]
        [StringLength(ConcernLimits.Name, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? RelationOther { get; set; }

        [Display(Name = "Ditt navn")]
        [StringLength(ConcernLimits.Name, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? ReporterName { get; set; }

        [Display(Name = "Telefon")]
        [StringLength(ConcernLimits.Phone, ErrorMessage = "Telefonnummeret kan ha høyst {1} tegn.")]
        [RegularExpression(@"^\+?[0-9 ]{8,20}$", ErrorMessage = "Skriv telefonnummeret med sifre, for eksempel 912 34 567.")]
        public string? ReporterPhone { get; set; }

        [Display(Name = "E-post")]
        [StringLength(ConcernLimits.Name, ErrorMessage = "E-postadressen kan ha høyst {1} tegn.")]
        [EmailAddress(ErrorMessage = "Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.")]
        public string? ReporterEmail { get; set; }

        /// <summary>A field people never see (a honeypot): a form that fills it in was filled in by a program.</summary>
        [Display(Name = "La dette feltet stå tomt")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Website { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set after a post: what happened to the report.</summary>
    public IntakeOutcome? Outcome { get; private set; }

    /// <summary>Why nothing was stored, in words for the reporter (not received, too many, a filled-in trap field).</summary>
    public string? NotStored { get; private set; }

    public ConcernOptions Limits => options.Value;

    public void OnGet()
    {
        Input.SubmissionId = Guid.NewGuid();
        if (User.Identity?.IsAuthenticated == true)
        {
            Input.ReporterName = User.DisplayName();
            Input.ReporterEmail = User.Identity.Name;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.SubmissionId == Guid.Empty)
        {
            Input.SubmissionId = Guid.NewGuid();
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            NotStored = l["Meldingen ble ikke mottatt: skjemaet var for gammelt, eller nettleseren slipper ikke gjennom informasjonskapsler. Det du skrev, står under – send igjen."];
            return Page();
        }
        if (!string.IsNullOrEmpty(Input.Website))
        {
            NotStored = l["Meldingen ble ikke mottatt, fordi feltet «La dette feltet stå tomt» var fylt ut. Tøm feltet og send igjen."];
            return Page();
        }
        Input.PersonName = Trimmed(Input.PersonName);
        Input.Address = Trimmed(Input.Address);
        Input.PersonDescription = Trimmed(Input.PersonDescription);
        Input.RelationOther = Trimmed(Input.RelationOther);
        Input.ReporterName = Trimmed(Input.ReporterName);
        Input.ReporterPhone = Trimmed(Input.ReporterPhone);
        Input.ReporterEmail = Trimmed(Input.ReporterEmail);
        Input.Postcode = Trimmed(Input.Postcode);
        if (Input.WhatSeen is not null && Trimmed(Input.WhatSeen) is null && ModelState.GetFieldValidationState("Input.WhatSeen") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.WhatSeen", l["Skriv hva du har sett eller hørt som gjør deg bekymret."]);
        }
        Input.WhatSeen = Trimmed(Input.WhatSeen) ?? Input.WhatSeen;
        if (Input.PersonName is null && Input.Address is null && Input.PersonDescription is null)
        {
            ModelState.AddModelError("Input.PersonName", l["Skriv navnet, adressen eller en beskrivelse av personen – det du vet."]);
        }
        if (Input.Relation == ReporterRelation.Other && Input.RelationOther is null)
        {
            ModelState.AddModelError("Input.RelationOther", l["Skriv hvem du er for personen."]);
        }
        // An identity number in a free-text worry is more than the district needs to find the person.
        foreach (var (field, value) in new[]
                 {
                     ("Input.PersonName", Input.PersonName), ("Input.Address", Input.Address), ("Input.PersonDescription", Input.PersonDescription),
                     ("Input.WhatSeen", Input.WhatSeen), ("Input.RelationOther", Input.RelationOther), ("Input.ReporterName", Input.ReporterName),
                     ("Input.ReporterPhone", Input.ReporterPhone), ("Input.ReporterEmail", Input.ReporterEmail),
                 })
        {
            if (Husly.Common.IdentityNumber.AppearsIn(value))
            {
                ModelState.AddModelError(field, l["Ikke skriv fødselsnummer eller D-nummer. Navn og adresse er nok til at bydelen finner personen."]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!limit.TryTake(HttpContext.Connection.RemoteIpAddress))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            NotStored = l["Meldingen ble ikke mottatt: det er sendt mange meldinger fra samme sted den siste timen. Vent litt og send igjen – det du skrev, står under – eller ring bydelen."];
            return Page();
        }
        Outcome = await intake.ReportAsync(new ConcernReport(
            Input.SubmissionId, Input.PersonName, Input.Address, Input.Postcode, Input.PersonDescription, Input.WhatSeen!,
            Input.Urgency!.Value, Input.Relation!.Value, Input.RelationOther, Input.ReporterName, Input.ReporterPhone, Input.ReporterEmail), ct);
        if (Outcome.Status == IntakeStatus.NotReceived)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            NotStored = l["Meldingen ble ikke mottatt, fordi systemet ikke svarer akkurat nå. Det du skrev, står under: send igjen om noen minutter, eller ring bydelen. Er det fare for liv eller helse, ring 113 eller 112."];
            Outcome = null;
        }
        return Page();
    }

    /// <summary>Trimmed, without invisible format characters (direction overrides, zero-width), which could make a text read
    /// differently to the staff than it was written.</summary>
    internal static string? Trimmed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var visible = new string(text.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        return visible.Length == 0 ? null : visible;
    }
}
