using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Residents;

/// <summary>A resident's page: who they are, where they live and have lived, their follow-up. Opening it is an
/// audited read; the forms on it change the case file where the worker has an open enrolment.</summary>
public sealed class DetailsModel(CaseFiles files, Households households, IStringLocalizer<SharedResource> l, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CaseworkOptions> options) : PageModel
{
    public sealed class ConsentInput
    {
        [Required(ErrorMessage = "Velg hva samtykket gjelder.")]
        [Display(Name = "Samtykke til")]
        public ConsentPurpose? Purpose { get; set; }

        [Display(Name = "Samarbeidspartner")]
        public PartnerKind? PartnerKind { get; set; }

        [Required(ErrorMessage = "Beskriv hvilke opplysninger samtykket omfatter.")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Omfang")]
        public string? Scope { get; set; }

        [Required(ErrorMessage = "Skriv inn datoen samtykket ble gitt.")]
        [Display(Name = "Gitt")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? GivenOn { get; set; }

        [Display(Name = "Utløper")]
        [Husly.Platform.Forms.PlausibleDate(20, 10)]
        public DateOnly? ExpiresOn { get; set; }
    }

    public sealed class RelatedInput
    {
        [Required(ErrorMessage = "Skriv inn fødselsnummeret.")]
        [StringLength(13, ErrorMessage = "Fødselsnummeret må ha 11 siffer.")]
        [Display(Name = "Fødselsnummer")]
        public string? IdentityNumber { get; set; }

        [Display(Name = "Er hovedleietaker")]
        public bool IsMainTenant { get; set; }

        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Hvorfor dette er samme person")]
        public string? Reason { get; set; }
    }

    public RelatedInput Household { get; set; } = new();
    public RelatedInput Link { get; set; } = new();
    public ConsentInput NewConsent { get; set; } = new();

    public sealed class LivingInput
    {
        [Required(ErrorMessage = "Velg bosituasjon.")]
        [Display(Name = "Ny bosituasjon")]
        public LivingSituationKind? Kind { get; set; }

        [Required(ErrorMessage = "Skriv inn fra hvilken dato.")]
        [Display(Name = "Gjelder fra")]
        [Husly.Platform.Forms.PlausibleDate(100, 1)]
        public DateOnly? Start { get; set; }

        [StringLength(1000, ErrorMessage = "Merknaden kan ha høyst {1} tegn.")]
        [Display(Name = "Merknad")]
        public string? Note { get; set; }

        public Guid Version { get; set; }
    }

    public const int Weeks = 8;

    public CaseFile CaseFile { get; private set; } = null!;

    /// <summary>Planned (from decisions in force) against delivered hours, newest week first.</summary>
    public IReadOnlyList<WeekHours> WeeklyHours => PlannedVsDelivered.Weeks(
        CaseFile.Decisions.Select(PlannedVsDelivered.Granted).OfType<GrantedHours>(),
        CaseFile.Hours.Select(h => (h.Date, h.Hours)), Today, Weeks);

    /// <summary>Open enrolments past 14 days without a decision in force.</summary>
    public bool NeedsDecision(Enrolment e) => e.IsOpen && e.Start <= Today.AddDays(-Caseload.DecisionDueAfterDays)
        && !CaseFile.Decisions.Any(d => d.EnrolmentId == e.Id && d.StatusOn(Today) == DecisionStatus.Decided && d.ValidFrom <= Today);
    public Resident Resident => CaseFile.Resident;
    public LivingInput Living { get; set; } = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var file = await files.OpenAsync(id, AccessActions.View, CaseFileParts.All, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        CaseFile = file;
        Living = new LivingInput { Start = Today, Version = file.Resident.Version };
        NewConsent = new ConsentInput { GivenOn = Today };
        return Page();
    }

    public async Task<IActionResult> OnPostAddConsentAsync(Guid id, [Bind(Prefix = "NewConsent")] ConsentInput input)
    {
        NewConsent = input;
        return await ChangeAsync(id, file =>
        {
            var consent = new Consent
            {
                Id = Guid.CreateVersion7(),
                ResidentId = file.Resident.Id,
                Purpose = input.Purpose!.Value,
                PartnerKind = input.Purpose == ConsentPurpose.ShareWithPartner ? input.PartnerKind : null,
                Scope = input.Scope!.Trim(),
                GivenOn = input.GivenOn!.Value,
                ExpiresOn = input.ExpiresOn,
                RecordedBy = User.DisplayName(),
            };
            if (consent.GivenOn > Today)
            {
                ModelState.AddModelError("NewConsent.GivenOn", l["Et samtykke kan ikke være gitt fram i tid."]);
            }
            foreach (var error in consent.Validate())
            {
                ModelState.AddModelError(error.Field.Replace("Consent.", "NewConsent.", StringComparison.Ordinal), l[error.Message]);
            }
            file.Add(consent);
            file.Touch(file.Resident);
            return l["Samtykket er registrert."].Value;
        });
    }

    public async Task<IActionResult> OnPostWithdrawConsentAsync(Guid id, Guid consentId) =>
        await ChangeAsync(id, file =>
        {
            var consent = file.Consents.FirstOrDefault(c => c.Id == consentId);
            if (consent is null || consent.WithdrawnOn is not null)
            {
                return null;
            }
            consent.WithdrawnOn = Today;
            file.Touch(file.Resident);
            // A waiting transfer rests on the consent to transfer: without one valid today it lapses.
            var lapsed = false;
            foreach (var transfer in consent.Purpose == ConsentPurpose.Transfer && !file.HasConsent(ConsentPurpose.Transfer, null, Today) ? file.Transfers : [])
            {
                lapsed |= transfer.Withdraw(Transfer.ConsentWithdrawn, User.Id()!.Value, clock.GetUtcNow().UtcDateTime);
            }
            if (lapsed)
            {
                return l["Samtykket er trukket tilbake fra i dag, og forslaget om brukerbytte er trukket tilbake."].Value;
            }
            return l["Samtykket er trukket tilbake fra i dag."].Value;
        });

    public async Task<IActionResult> OnPostAddHouseholdMemberAsync(Guid id, [Bind(Prefix = "Household")] RelatedInput input)
    {
        Household = input;
        return await RelateAsync(id, input, "Household", (file, other) =>
            households.AddToHouseholdAsync(file.Resident.Id, other, input.IsMainTenant, HttpContext.RequestAborted), l["Personen er lagt til i husstanden."]);
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, [Bind(Prefix = "Link")] RelatedInput input)
    {
        Link = input;
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            ModelState.AddModelError("Link.Reason", l["Skriv hvorfor dette er samme person."]);
        }
        return await RelateAsync(id, input, "Link", (file, other) =>
            households.LinkAsync(file.Resident.Id, other, input.Reason ?? "", HttpContext.RequestAborted), l["Registreringene er koblet. Hver beholder sin egen historikk."]);
    }

    public async Task<IActionResult> OnPostLeaveHouseholdAsync(Guid id)
    {
        if (await OpenForChangeAsync(id) is { } refused)
        {
            return refused;
        }
        await households.LeaveHouseholdAsync(id, HttpContext.RequestAborted);
        TempData.Flash(l["Brukeren er tatt ut av husstanden. De andre beholder sin oppfølging."]);
        return Redirect($"/casework/residents/details/{id}");
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid id, Guid linkId)
    {
        if (await OpenForChangeAsync(id) is { } refused)
        {
            return refused;
        }
        if (!(await households.UnlinkAsync(id, linkId, HttpContext.RequestAborted)).IsDone)
        {
            return NotFound();
        }
        TempData.Flash(l["Koblingen er opphevet."]);
        return Redirect($"/casework/residents/details/{id}");
    }

    /// <summary>Household and link both name another resident by identity number, among those the worker may see.</summary>
    private async Task<IActionResult> RelateAsync(Guid id, RelatedInput input, string prefix,
        Func<CaseFile, Guid, Task<Husly.Common.ChangeResult>> relate, string message)
    {
        if (await OpenForChangeAsync(id) is { } refused)
        {
            return refused;
        }
        var file = CaseFile;
        var number = input.IdentityNumber?.Replace(" ", "", StringComparison.Ordinal);
        // A mistyped number is told as such (as in the search), before anyone is looked up.
        if (number is not null && !Husly.Common.IdentityNumber.TryParse(number, new Husly.Common.IdentityNumberRules(options.Value.AllowSyntheticIdentityNumbers), out _, out var invalid))
        {
            ModelState.AddModelError($"{prefix}.IdentityNumber", l[IdentityNumberMessages.For(invalid)]);
        }
        var other = ModelState.IsValid && number is not null ? await files.VisibleIdByNumberAsync(number, HttpContext.RequestAborted) : null;
        if (ModelState.IsValid && other is null)
        {
            ModelState.AddModelError($"{prefix}.IdentityNumber", l["Fant ingen bruker med dette fødselsnummeret blant brukerne du har tilgang til."]);
        }
        if (ModelState.IsValid && await relate(file, other!.Value) is { IsDone: false } notDone)
        {
            foreach (var error in notDone.Errors)
            {
                ModelState.AddModelError(error.Field, l[error.Message]);
            }
        }
        if (ModelState.IsValid)
        {
            TempData.Flash(message);
            return Redirect($"/casework/residents/details/{id}");
        }
        // Nothing was changed: the page is shown again from what was loaded, with the user's input.
        file.Discard();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostAddLivingSituationAsync(Guid id, [Bind(Prefix = "Living")] LivingInput input)
    {
        Living = input;
        return await ChangeAsync(id, file =>
        {
            if (input.Start is { } start && start > Today.AddDays(31))
            {
                ModelState.AddModelError("Living.Start", l["Bosituasjonen kan ikke registreres mer enn en måned fram i tid."]);
                return null;
            }
            file.ExpectVersion(file.Resident, input.Version);
            foreach (var error in file.Resident.AddLivingSituation(input.Kind!.Value, input.Start!.Value, input.Note, Guid.CreateVersion7()))
            {
                ModelState.AddModelError(error.Field.Replace("LivingSituation.", "Living.", StringComparison.Ordinal), l[error.Message]);
            }
            file.Touch(file.Resident);
            return l["Bosituasjonen er registrert."].Value;
        });
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Func<CaseFile, string?> change)
    {
        if (await OpenForChangeAsync(id) is { } refused)
        {
            return refused;
        }
        switch (await CaseFileChange.SaveAsync(this, CaseFile, change, l))
        {
            case CaseFileChange.Outcome.Saved:
                return Redirect($"/casework/residents/details/{id}");
            case CaseFileChange.Outcome.Conflict:
                // Show what is stored now, with the user's input kept in the forms (or "not found" if access went with it).
                if (await files.OpenAsync(id, AccessActions.View, CaseFileParts.All, HttpContext.RequestAborted) is not { } current)
                {
                    return NotFound();
                }
                CaseFile = current;
                break;
        }
        return Page();
    }

    /// <summary>Opens the whole case file for a change on this page: not found and not allowed answer alike; read-only
    /// access is refused.</summary>
    private async Task<IActionResult?> OpenForChangeAsync(Guid id)
    {
        var file = await files.OpenAsync(id, AccessActions.Change, CaseFileParts.All, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        if (!file.CanChange)
        {
            return Forbid();
        }
        CaseFile = file;
        return null;
    }
}
