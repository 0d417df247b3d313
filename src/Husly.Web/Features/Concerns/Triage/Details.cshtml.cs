using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Features.Casework.Access;
using Husly.Features.Concerns.Access;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Concerns.Triage;

/// <summary>One concern and its handling: claim, assess, find and link the person (through the audited resident search),
/// record contact and cooperation meetings, decide with a reason, close; send it to the right district. Each step is a
/// handler of its own, binds only its own fields, and answers a stale version with "someone else changed it".</summary>
public sealed class DetailsModel(ConcernCases cases, CaseFiles caseFiles, OrganisationLookups organisations, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class AssessInput
    {
        [Display(Name = "Alvorlighet")]
        [Required(ErrorMessage = "Velg hvor alvorlig situasjonen er.")]
        public ConcernSeverity? Severity { get; set; }

        [Display(Name = "Hva bekymringen gjelder")]
        [Required(ErrorMessage = "Velg hva bekymringen mest gjelder.")]
        public ConcernKind? Kind { get; set; }

        [Display(Name = "Hastegrad")]
        [Required(ErrorMessage = "Velg hastegrad.")]
        public ConcernUrgency? Urgency { get; set; }

        [Display(Name = "Vurdering")]
        [StringLength(ConcernLimits.Note, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Note { get; set; }
    }

    public sealed class ContactInput
    {
        [Display(Name = "Hvordan")]
        [Required(ErrorMessage = "Velg hvordan dere var i kontakt.")]
        public ContactKind? Kind { get; set; }

        [Display(Name = "Dato")]
        [Required(ErrorMessage = "Skriv datoen for kontakten.")]
        public DateOnly? On { get; set; }

        [Display(Name = "Merknad")]
        [StringLength(ConcernLimits.Note, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Note { get; set; }
    }

    public sealed class MeetingInput
    {
        [Display(Name = "Dato for møtet")]
        [Required(ErrorMessage = "Skriv datoen for møtet.")]
        public DateOnly? HeldOn { get; set; }

        [Display(Name = "Hvem deltok")]
        [Required(ErrorMessage = "Skriv hvem som deltok (tjenester og roller, ikke private personer).")]
        [StringLength(ConcernLimits.Description, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Participants { get; set; }

        [Display(Name = "Samarbeidspartnere utenfor kommunen deltok (for eksempel NAV stat, politi, spesialisthelsetjenesten, frivillige)")]
        public bool ExternalPartners { get; set; }

        [Display(Name = "Grunnlag for å dele opplysninger")]
        [Required(ErrorMessage = "Velg grunnlaget for å dele opplysninger om personen.")]
        public MeetingBasis? Basis { get; set; }

        [Display(Name = "Samtykke: hvordan, når og til hva")]
        [StringLength(ConcernLimits.Name, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? ConsentNote { get; set; }

        [Display(Name = "Hva ble drøftet")]
        [Required(ErrorMessage = "Skriv kort hva som ble drøftet.")]
        [StringLength(ConcernLimits.Text, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Summary { get; set; }

        [Display(Name = "Hva ble avtalt")]
        [StringLength(ConcernLimits.Note, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Agreed { get; set; }
    }

    public sealed class DecideInput
    {
        [Display(Name = "Beslutning")]
        [Required(ErrorMessage = "Velg en beslutning.")]
        public ConcernOutcome? Outcome { get; set; }

        [Display(Name = "Begrunnelse")]
        [Required(ErrorMessage = "Skriv begrunnelsen for beslutningen.")]
        [StringLength(ConcernLimits.Note, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Reason { get; set; }

        [Display(Name = "Henvist til")]
        [StringLength(ConcernLimits.Name, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? ReferredTo { get; set; }
    }

    public sealed class FindInput
    {
        [Display(Name = "Fødselsnummer eller D-nummer")]
        [StringLength(13, ErrorMessage = "Fødselsnummeret har 11 sifre.")]
        public string? IdentityNumber { get; set; }

        [Display(Name = "Navn")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Fødselsår")]
        [Range(1900, 2100, ErrorMessage = "Skriv fødselsåret med fire sifre.")]
        public int? BirthYear { get; set; }
    }

    [FromRoute]
    public Guid Id { get; set; }

    public Concern Concern { get; private set; } = null!;
    public AssessInput Assess { get; private set; } = new();
    public ContactInput Contact { get; private set; } = new();
    public MeetingInput Meeting { get; private set; } = new();
    public DecideInput Decide { get; private set; } = new();
    public FindInput Find { get; private set; } = new();
    public IReadOnlyList<SearchHit>? Hits { get; private set; }
    public List<SelectListItem> Districts { get; private set; } = [];
    public DateTime Now { get; private set; }

    /// <summary>The section whose form failed, opened so its errors show.</summary>
    public string? Open { get; private set; }

    public bool IsTeamLeader => User.IsInRole(Roles.TeamLeader);
    public bool ClaimedByMe => Concern.ClaimedById == User.Id();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostClaimAsync(Guid? version, CancellationToken ct) =>
        DoneAsync(cases.ClaimAsync(Id, version ?? Guid.Empty, ct), l["Meldingen er tatt til vurdering av deg."], null, ct);

    public Task<IActionResult> OnPostAssessAsync(Guid? version, [Bind(Prefix = "Assess")] AssessInput input, CancellationToken ct)
    {
        Assess = input;
        return ModelState.IsValid
            ? DoneAsync(cases.AssessAsync(Id, version ?? Guid.Empty, input.Severity!.Value, input.Kind!.Value, input.Urgency!.Value, Trimmed(input.Note), ct), l["Vurderingen er lagret."], "assess", ct)
            : ShowAsync("assess", ct);
    }

    public async Task<IActionResult> OnPostFindAsync([Bind(Prefix = "Find")] FindInput input, CancellationToken ct)
    {
        Find = input;
        if (string.IsNullOrWhiteSpace(input.IdentityNumber) && (string.IsNullOrWhiteSpace(input.Name) || input.BirthYear is null))
        {
            ModelState.AddModelError("Find.IdentityNumber", l["Søk med fødselsnummer, eller med navn og fødselsår."]);
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            Hits = await caseFiles.FindAsync(input.IdentityNumber, input.Name, input.BirthYear, ct);
        }
        Open = "link";
        return Page();
    }

    public Task<IActionResult> OnPostLinkAsync(Guid? version, Guid residentId, CancellationToken ct) =>
        DoneAsync(cases.LinkAsync(Id, version ?? Guid.Empty, residentId, ct), l["Meldingen er koblet til brukeren."], "link", ct);

    public Task<IActionResult> OnPostContactAsync(Guid? version, [Bind(Prefix = "Contact")] ContactInput input, CancellationToken ct)
    {
        Contact = input;
        if (!ModelState.IsValid)
        {
            return ShowAsync("contact", ct);
        }
        var at = Format.OsloToUtc(input.On!.Value, new TimeOnly(12, 0))!.Value;
        var today = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime));
        // A contact today is recorded as now, so "time to first contact" is not set half a day ahead.
        if (input.On == today)
        {
            at = clock.GetUtcNow().UtcDateTime;
        }
        return DoneAsync(cases.RecordContactAsync(Id, version ?? Guid.Empty, input.Kind!.Value, at, Trimmed(input.Note), ct), l["Kontakten er registrert."], "contact", ct);
    }

    public Task<IActionResult> OnPostMeetingAsync(Guid? version, [Bind(Prefix = "Meeting")] MeetingInput input, CancellationToken ct)
    {
        Meeting = input;
        if (!ModelState.IsValid)
        {
            return ShowAsync("meeting", ct);
        }
        var meeting = new ConcernMeeting
        {
            HeldOn = input.HeldOn!.Value,
            Participants = input.Participants!.Trim(),
            ExternalPartners = input.ExternalPartners,
            Basis = input.Basis!.Value,
            ConsentNote = Trimmed(input.ConsentNote),
            Summary = input.Summary!.Trim(),
            Agreed = Trimmed(input.Agreed),
        };
        return DoneAsync(cases.AddMeetingAsync(Id, version ?? Guid.Empty, meeting, ct), l["Samarbeidsmøtet er registrert."], "meeting", ct);
    }

    public Task<IActionResult> OnPostDecideAsync(Guid? version, [Bind(Prefix = "Decide")] DecideInput input, CancellationToken ct)
    {
        Decide = input;
        return ModelState.IsValid
            ? DoneAsync(cases.DecideAsync(Id, version ?? Guid.Empty, input.Outcome!.Value, input.Reason!.Trim(), Trimmed(input.ReferredTo), ct), l["Beslutningen er registrert."], "decide", ct)
            : ShowAsync("decide", ct);
    }

    public Task<IActionResult> OnPostCloseAsync(Guid? version, CancellationToken ct) =>
        DoneAsync(cases.CloseAsync(Id, version ?? Guid.Empty, ct), l["Meldingen er avsluttet."], null, ct);

    public Task<IActionResult> OnPostReopenAsync(Guid? version, [Required(ErrorMessage = "Skriv hvorfor meldingen gjenåpnes.")][StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")] string? reason, CancellationToken ct) =>
        ModelState.IsValid ? DoneAsync(cases.ReopenAsync(Id, version ?? Guid.Empty, reason!.Trim(), ct), l["Meldingen er gjenåpnet."], "reopen", ct) : ShowAsync("reopen", ct);

    public async Task<IActionResult> OnPostRouteAsync(Guid? version, Guid? districtId,
        [Required(ErrorMessage = "Skriv hvorfor meldingen hører til en annen bydel.")][StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")] string? reason, CancellationToken ct)
    {
        if (districtId is null)
        {
            ModelState.AddModelError("districtId", l["Velg en bydel fra listen."]);
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync("route", ct);
        }
        var result = await cases.RouteAsync(Id, version ?? Guid.Empty, districtId!.Value, reason!.Trim(), ct);
        if (result.IsDone)
        {
            // It has left the sender's district: back to the queue.
            TempData.Flash(l["Meldingen er sendt til riktig bydel."]);
            return Redirect("/concerns");
        }
        return await RefusedAsync(result, "route", ct);
    }

    private async Task<IActionResult> DoneAsync(Task<ChangeResult> change, string message, string? section, CancellationToken ct)
    {
        var result = await change;
        if (result.IsDone)
        {
            TempData.Flash(message);
            return Redirect("/concerns/" + Id);
        }
        return await RefusedAsync(result, section, ct);
    }

    private async Task<IActionResult> RefusedAsync(ChangeResult result, string? section, CancellationToken ct)
    {
        if (result.Status == ChangeStatus.NotFound)
        {
            return NotFound();
        }
        var prefix = section switch
        {
            "assess" => "Assess.",
            "contact" => "Contact.",
            "meeting" => "Meeting.",
            "decide" => "Decide.",
            _ => "",
        };
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field == "" ? "" : prefix + error.Field, l[error.Message]);
        }
        return await ShowAsync(section, ct);
    }

    private async Task<IActionResult> ShowAsync(string? section, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Open = section;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await cases.OpenAsync(Id, ct) is not { } concern)
        {
            return false;
        }
        Concern = concern;
        Now = clock.GetUtcNow().UtcDateTime;
        Districts = await organisations.DistrictsAsync(except: concern.DistrictId ?? Guid.Empty);
        return true;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
