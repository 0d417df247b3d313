using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Platform.Auth;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Residents;

/// <summary>A resident's page: who they are, where they live and have lived, their follow-up. Opening it is an
/// audited read; the forms on it change the case file where the worker has an open enrolment.</summary>
public sealed class DetailsModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed class LivingInput
    {
        [Required(ErrorMessage = "Velg bosituasjon.")]
        [Display(Name = "Ny bosituasjon")]
        public LivingSituationKind? Kind { get; set; }

        [Required(ErrorMessage = "Skriv inn fra hvilken dato.")]
        [Display(Name = "Gjelder fra")]
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

        [Required(ErrorMessage = "Velg tjeneste.")]
        [Display(Name = "Tjeneste")]
        public ServiceKind? Kind { get; set; }

        [Required(ErrorMessage = "Skriv inn dato.")]
        [Display(Name = "Dato")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Skriv inn antall timer.")]
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
        return Page();
    }

    public async Task<IActionResult> OnPostLogHoursAsync(Guid id, [Bind(Prefix = "LoggedHours")] HoursInput input)
    {
        LoggedHours = input;
        var hours = 0.0;
        if (input.Hours is not null && (!HoursText.TryParse(input.Hours, out hours) || hours < 0.25 || hours > 24))
        {
            ModelState.AddModelError("LoggedHours.Hours", l["Skriv timer som et tall mellom 0,25 og 24."]);
        }
        if (input.Date is { } date && (date > Today || date < Today.AddDays(-90)))
        {
            ModelState.AddModelError("LoggedHours.Date", l["Levert tid kan føres for de siste 90 dagene, ikke fram i tid."]);
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
        if (ModelState.IsValid && message is not null)
        {
            try
            {
                await file.SaveAsync(HttpContext.RequestAborted);
                TempData.Flash(message);
                return Redirect($"/casework/residents/details/{id}");
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", l["Noen andre har endret brukeren i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
            }
        }
        // Show the page again with the user's input and the stored data as it is now.
        file.Discard();
        CaseFile = (await files.OpenAsync(id, AccessActions.View, HttpContext.RequestAborted))!;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
