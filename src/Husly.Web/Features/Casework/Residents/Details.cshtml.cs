using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Residents;

/// <summary>A resident's page: who they are, where they live and have lived, their follow-up. Opening it is an
/// audited read; the forms on it change the case file where the worker has an open enrolment.</summary>
public sealed class DetailsModel(CaseFiles files, CaseworkLookups lookups, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
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

    public sealed class PartnerInput
    {
        public Guid EnrolmentId { get; set; }

        [Required(ErrorMessage = "Velg type samarbeidspartner.")]
        [Display(Name = "Type samarbeidspartner")]
        public PartnerKind? Kind { get; set; }

        [Display(Name = "Organisasjon")]
        public Guid? OrganisationId { get; set; }

        [Required(ErrorMessage = "Skriv inn navnet på kontakten.")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
        [Display(Name = "Kontaktperson hos partneren")]
        public string? ContactName { get; set; }

        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Telefon eller e-post")]
        public string? ContactDetails { get; set; }
    }

    public sealed class TransferInput
    {
        public Guid EnrolmentId { get; set; }

        [Required(ErrorMessage = "Velg bydelen brukeren flytter til.")]
        [Display(Name = "Til bydel")]
        public Guid? ToDistrictId { get; set; }

        [Required(ErrorMessage = "Skriv det den mottakende bydelen trenger å vite.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Til mottakende bydel")]
        public string? Note { get; set; }
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

    public sealed class MeetingInput
    {
        public Guid EnrolmentId { get; set; }

        [Required(ErrorMessage = "Skriv inn datoen for møtet.")]
        [Display(Name = "Dato for møtet")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? HeldOn { get; set; }

        [Required(ErrorMessage = "Skriv hvem som deltok.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Deltakere fra kommunen og brukerens nettverk")]
        public string? Participants { get; set; }

        /// <summary>Partners in the follow-up who took part: each needs the resident's consent to share with that kind of
        /// partner on the day of the meeting, as adding the partner did.</summary>
        [Display(Name = "Samarbeidspartnere som deltok")]
        public List<Guid> PartnerIds { get; set; } = [];

        [Required(ErrorMessage = "Skriv referatet.")]
        [StringLength(8000, ErrorMessage = "Referatet kan ha høyst {1} tegn.")]
        [Display(Name = "Referat")]
        public string? Minutes { get; set; }
    }

    public MeetingInput Meeting { get; set; } = new();
    public RelatedInput Household { get; set; } = new();
    public RelatedInput Link { get; set; } = new();
    public ConsentInput NewConsent { get; set; } = new();
    public PartnerInput NewPartner { get; set; } = new();
    public TransferInput NewTransfer { get; set; } = new();
    public List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> OtherDistricts { get; private set; } = [];
    public List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> PartnerOrganisations { get; private set; } = [];

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

    public sealed class CloseInput
    {
        public Guid EnrolmentId { get; set; }

        [Required(ErrorMessage = "Skriv inn sluttdato.")]
        [Display(Name = "Sluttdato")]
        [Husly.Platform.Forms.PlausibleDate(50, 1)]
        public DateOnly? End { get; set; }

        [Display(Name = "Årsak")]
        public EnrolmentEndReason? Reason { get; set; }

        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Beskrivelse")]
        public string? Note { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class HoursInput
    {
        public Guid EnrolmentId { get; set; }

        /// <summary>New each time the form is shown: the same post sent twice is saved once.</summary>
        public Guid SubmissionId { get; set; } = Guid.NewGuid();

        [Required(ErrorMessage = "Velg tjeneste.")]
        [Display(Name = "Tjeneste")]
        public ServiceKind? Kind { get; set; }

        [Required(ErrorMessage = "Skriv inn dato.")]
        [Display(Name = "Dato")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Skriv inn antall timer.")]
        [StringLength(20, ErrorMessage = "Skriv timer som et tall mellom 0,25 og 24.")]
        [Display(Name = "Timer")]
        public string? Hours { get; set; }

        [StringLength(1000, ErrorMessage = "Merknaden kan ha høyst {1} tegn.")]
        [Display(Name = "Merknad")]
        public string? Note { get; set; }
    }

    public const int Weeks = 8;

    public CaseFile CaseFile { get; private set; } = null!;
    public HoursInput LoggedHours { get; set; } = new();

    /// <summary>Planned (from decisions in force) against delivered hours, newest week first.</summary>
    public IReadOnlyList<WeekHours> WeeklyHours => PlannedVsDelivered.Weeks(
        CaseFile.Decisions.Select(PlannedVsDelivered.Granted).OfType<GrantedHours>(),
        CaseFile.Hours.Select(h => (h.Date, h.Hours)), Today, Weeks);

    /// <summary>Open enrolments past 14 days without a decision in force.</summary>
    public bool NeedsDecision(Enrolment e) => e.IsOpen && e.Start <= Today.AddDays(-CaseFiles.DecisionDueAfterDays)
        && !CaseFile.Decisions.Any(d => d.EnrolmentId == e.Id && d.StatusOn(Today) == DecisionStatus.Decided && d.ValidFrom <= Today);
    public Resident Resident => CaseFile.Resident;
    public LivingInput Living { get; set; } = new();
    public CloseInput Close { get; set; } = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var file = await files.OpenAsync(id, AccessActions.View, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        CaseFile = file;
        Living = new LivingInput { Start = Today, Version = file.Resident.Version };
        Close = new CloseInput { End = Today };
        LoggedHours = new HoursInput { Date = Today };
        NewConsent = new ConsentInput { GivenOn = Today };
        Meeting = new MeetingInput { HeldOn = Today };
        await LoadChoicesAsync();
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
            return l["Samtykket er trukket tilbake fra i dag."].Value;
        });

    public async Task<IActionResult> OnPostAddPartnerAsync(Guid id, [Bind(Prefix = "NewPartner")] PartnerInput input)
    {
        NewPartner = input;
        if (input.OrganisationId is { } org && !await lookups.IsPartnerAsync(org))
        {
            ModelState.AddModelError("NewPartner.OrganisationId", l["Organisasjonen finnes ikke i registeret."]);
        }
        return await ChangeAsync(id, file =>
        {
            var enrolment = file.Enrolments.FirstOrDefault(e => e.Id == input.EnrolmentId);
            if (enrolment is null || !file.MayChange(enrolment))
            {
                ModelState.AddModelError("", l["Du kan bare legge til samarbeidspartnere i åpen oppfølging i din egen bydel."]);
                return null;
            }
            // Adding a partner shares information with them: only with the resident's valid consent for that kind of partner.
            if (!file.HasConsent(ConsentPurpose.ShareWithPartner, input.Kind, Today))
            {
                ModelState.AddModelError("NewPartner.Kind", l["Brukeren har ikke et gyldig samtykke til å dele opplysninger med denne typen samarbeidspartner."]);
                return null;
            }
            file.Add(new FollowUpPartner
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolment.Id,
                Kind = input.Kind!.Value,
                OrganisationId = input.OrganisationId,
                ContactName = input.ContactName!.Trim(),
                ContactDetails = input.ContactDetails?.Trim(),
                AddedOn = Today,
            });
            file.Touch(enrolment);
            return l["Samarbeidspartneren er lagt til."].Value;
        });
    }

    public async Task<IActionResult> OnPostProposeTransferAsync(Guid id, [Bind(Prefix = "NewTransfer")] TransferInput input)
    {
        NewTransfer = input;
        if (input.ToDistrictId is { } to && (to == User.DistrictId() || !await lookups.IsDistrictAsync(to)))
        {
            ModelState.AddModelError("NewTransfer.ToDistrictId", l["Velg en annen bydel enn din egen."]);
        }
        return await ChangeAsync(id, file =>
        {
            var enrolment = file.Enrolments.FirstOrDefault(e => e.Id == input.EnrolmentId);
            if (enrolment is null || !file.MayChange(enrolment))
            {
                ModelState.AddModelError("", l["Du kan bare foreslå brukerbytte for åpen oppfølging i din egen bydel."]);
                return null;
            }
            if (file.Transfers.Any(t => t.Status == TransferStatus.Proposed))
            {
                ModelState.AddModelError("", l["Det er allerede foreslått et brukerbytte som venter på svar."]);
                return null;
            }
            if (!file.HasConsent(ConsentPurpose.Transfer, null, Today))
            {
                ModelState.AddModelError("NewTransfer.ToDistrictId", l["Brukeren har ikke et gyldig samtykke til brukerbytte."]);
                return null;
            }
            file.Add(new Transfer
            {
                Id = Guid.CreateVersion7(),
                ResidentId = file.Resident.Id,
                FromEnrolmentId = enrolment.Id,
                FromDistrictId = enrolment.DistrictId,
                ToDistrictId = input.ToDistrictId!.Value,
                ProposedById = User.Id()!.Value,
                ProposedAt = clock.GetUtcNow().UtcDateTime,
                Note = input.Note!.Trim(),
                Status = TransferStatus.Proposed,
            });
            file.Touch(enrolment);
            return l["Brukerbyttet er foreslått. Mottakende bydel ser det i sin kø."].Value;
        });
    }

    public async Task<IActionResult> OnPostAddMeetingAsync(Guid id, [Bind(Prefix = "Meeting")] MeetingInput input)
    {
        Meeting = input;
        if (input.HeldOn > Today)
        {
            ModelState.AddModelError("Meeting.HeldOn", l["Et møte kan ikke føres før det er holdt."]);
        }
        return await ChangeAsync(id, file =>
        {
            var enrolment = file.Enrolments.FirstOrDefault(e => e.Id == input.EnrolmentId);
            if (enrolment is null || !file.MayChange(enrolment))
            {
                ModelState.AddModelError("", l["Du kan bare føre møter i åpen oppfølging i din egen bydel."]);
                return null;
            }
            var partners = new List<string>();
            foreach (var partnerId in input.PartnerIds.Distinct())
            {
                var partner = file.Partners.FirstOrDefault(p => p.Id == partnerId && p.EnrolmentId == enrolment.Id);
                if (partner is null)
                {
                    ModelState.AddModelError("Meeting.PartnerIds", l["Velg blant samarbeidspartnerne i denne oppfølgingen."]);
                    return null;
                }
                if (!file.HasConsent(ConsentPurpose.ShareWithPartner, partner.Kind, input.HeldOn!.Value))
                {
                    ModelState.AddModelError("Meeting.PartnerIds", l["Brukeren hadde ikke gyldig samtykke til å dele opplysninger med {0} den dagen møtet ble holdt.", l.Enum(partner.Kind)]);
                    return null;
                }
                partners.Add($"{partner.ContactName}, {(partner.Organisation?.Name ?? l.Enum(partner.Kind))}");
            }
            file.Add(new CooperationMeeting
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolment.Id,
                HeldOn = input.HeldOn!.Value,
                Participants = string.Join('\n', partners.Append(input.Participants!.Trim())),
                Minutes = input.Minutes!.Trim(),
                RecordedBy = User.DisplayName(),
                RecordedAt = clock.GetUtcNow().UtcDateTime,
            });
            file.Touch(enrolment);
            return l["Møtet er ført."].Value;
        });
    }

    public async Task<IActionResult> OnPostAddHouseholdMemberAsync(Guid id, [Bind(Prefix = "Household")] RelatedInput input)
    {
        Household = input;
        return await RelateAsync(id, input, "Household", (file, other) =>
            files.AddToHouseholdAsync(file.Resident.Id, other, input.IsMainTenant, HttpContext.RequestAborted), l["Personen er lagt til i husstanden."]);
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, [Bind(Prefix = "Link")] RelatedInput input)
    {
        Link = input;
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            ModelState.AddModelError("Link.Reason", l["Skriv hvorfor dette er samme person."]);
        }
        return await RelateAsync(id, input, "Link", (file, other) =>
            files.LinkAsync(file.Resident.Id, other, input.Reason ?? "", HttpContext.RequestAborted), l["Registreringene er koblet. Hver beholder sin egen historikk."]);
    }

    public async Task<IActionResult> OnPostLeaveHouseholdAsync(Guid id)
    {
        var file = await files.OpenAsync(id, AccessActions.Change, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        if (!file.CanChange)
        {
            return Forbid();
        }
        await files.LeaveHouseholdAsync(id, HttpContext.RequestAborted);
        TempData.Flash(l["Brukeren er tatt ut av husstanden. De andre beholder sin oppfølging."]);
        return Redirect($"/casework/residents/details/{id}");
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid id, Guid linkId)
    {
        var file = await files.OpenAsync(id, AccessActions.Change, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        if (!file.CanChange)
        {
            return Forbid();
        }
        if (!await files.UnlinkAsync(id, linkId, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        TempData.Flash(l["Koblingen er opphevet."]);
        return Redirect($"/casework/residents/details/{id}");
    }

    /// <summary>Household and link both name another resident by identity number, among those the worker may see.</summary>
    private async Task<IActionResult> RelateAsync(Guid id, RelatedInput input, string prefix,
        Func<CaseFile, Guid, Task<Husly.Common.RuleError?>> relate, string message)
    {
        var file = await files.OpenAsync(id, AccessActions.Change, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        if (!file.CanChange)
        {
            return Forbid();
        }
        CaseFile = file;
        var number = input.IdentityNumber?.Replace(" ", "", StringComparison.Ordinal);
        var other = ModelState.IsValid && number is not null ? await files.VisibleIdByNumberAsync(number, HttpContext.RequestAborted) : null;
        if (ModelState.IsValid && other is null)
        {
            ModelState.AddModelError($"{prefix}.IdentityNumber", l["Fant ingen bruker med dette fødselsnummeret blant brukerne du har tilgang til."]);
        }
        if (ModelState.IsValid && await relate(file, other!.Value) is { } error)
        {
            ModelState.AddModelError(error.Field, l[error.Message]);
        }
        if (ModelState.IsValid)
        {
            TempData.Flash(message);
            return Redirect($"/casework/residents/details/{id}");
        }
        file.Discard();
        CaseFile = (await files.OpenAsync(id, AccessActions.View, HttpContext.RequestAborted))!;
        await LoadChoicesAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        OtherDistricts = await lookups.OtherDistrictsAsync(User.DistrictId() ?? Guid.Empty);
        PartnerOrganisations = await lookups.PartnerOrganisationsAsync();
    }

    public async Task<IActionResult> OnPostLogHoursAsync(Guid id, [Bind(Prefix = "LoggedHours")] HoursInput input)
    {
        LoggedHours = input;
        var hours = 0.0;
        var validHours = input.Hours is not null && HoursText.TryParse(input.Hours, out hours) && hours is >= 0.25 and <= 24;
        if (input.Hours is not null && !validHours)
        {
            ModelState.AddModelError("LoggedHours.Hours", l["Skriv timer som et tall mellom 0,25 og 24."]);
        }
        if (input.Date is { } date && (date > Today || date < Today.AddDays(-90)))
        {
            ModelState.AddModelError("LoggedHours.Date", l["Levert tid kan føres for de siste 90 dagene, ikke fram i tid."]);
        }
        else if (input.Date is { } day && validHours && await files.HoursLoggedByMeOnAsync(day, HttpContext.RequestAborted) is var already && already + hours > 24)
        {
            ModelState.AddModelError("LoggedHours.Hours", l["Du har allerede ført {0} timer denne dagen. Ingen kan levere mer enn 24 timer på et døgn.", HoursText.Format(already)]);
        }
        return await ChangeAsync(id, file =>
        {
            var enrolment = file.Enrolments.FirstOrDefault(e => e.Id == input.EnrolmentId);
            if (enrolment is null || !file.MayChange(enrolment))
            {
                ModelState.AddModelError("", l["Du kan bare føre tid på åpen oppfølging i din egen bydel."]);
                return null;
            }
            if (input.Date < enrolment.Start)
            {
                ModelState.AddModelError("LoggedHours.Date", l["Datoen er før oppfølgingen startet."]);
                return null;
            }
            file.Add(new DeliveredHours
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolment.Id,
                Kind = input.Kind!.Value,
                Date = input.Date!.Value,
                Hours = hours,
                WorkerId = User.Id()!.Value,
                Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
                LoggedAt = clock.GetUtcNow().UtcDateTime,
                SubmissionId = input.SubmissionId == Guid.Empty ? null : input.SubmissionId,
            });
            return l["Levert tid er ført."].Value;
        });
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

    public async Task<IActionResult> OnPostCloseEnrolmentAsync(Guid id, [Bind(Prefix = "Close")] CloseInput input)
    {
        Close = input;
        return await ChangeAsync(id, file =>
        {
            var enrolment = file.Enrolments.FirstOrDefault(e => e.Id == input.EnrolmentId);
            if (enrolment is null || !file.MayChange(enrolment))
            {
                ModelState.AddModelError("", l["Du kan bare avslutte oppfølging i din egen bydel."]);
                return null;
            }
            file.ExpectVersion(enrolment, input.Version);
            foreach (var error in enrolment.Close(input.End!.Value, input.Reason, input.Note))
            {
                ModelState.AddModelError(error.Field, l[error.Message]);
            }
            return l["Oppfølgingen er avsluttet."].Value;
        });
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Func<CaseFile, string?> change)
    {
        var file = await files.OpenAsync(id, AccessActions.Change, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        if (!file.CanChange)
        {
            return Forbid();
        }
        CaseFile = file;
        var message = ModelState.IsValid ? change(file) : null;
        if (ModelState.IsValid && message is null)
        {
            // The row the form named is gone (or was never this resident's); say so rather than show the page unexplained.
            ModelState.AddModelError("", l["Raden finnes ikke lenger. Kanskje noen andre har fjernet den."]);
        }
        if (ModelState.IsValid && message is not null)
        {
            if (await file.TrySaveAsync(HttpContext.RequestAborted))
            {
                TempData.Flash(message);
                return Redirect($"/casework/residents/details/{id}");
            }
            ModelState.AddModelError("", l["Noen andre har endret brukeren i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
        }
        // Show the page again with the user's input and the stored data as it is now.
        file.Discard();
        CaseFile = (await files.OpenAsync(id, AccessActions.View, HttpContext.RequestAborted))!;
        await LoadChoicesAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
