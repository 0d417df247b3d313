using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Enrolments;

/// <summary>Delivered hours on one enrolment: at most 24 a day per worker, the last 90 days, not before the follow-up began.</summary>
public sealed class HoursModel(CaseFiles files, Caseload caseload, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : EnrolmentActionModel(files, l, clock)
{
    public sealed class HoursInput
    {
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

    // The hours: the worker sees, and may take back, what they logged here in the last 90 days.
    protected override CaseFileParts Parts => CaseFileParts.Hours;

    /// <summary>How far back hours may be logged, and so corrected.</summary>
    public const int DaysBack = 90;

    /// <summary>What the worker logged on this follow-up in the window, newest first.</summary>
    public IEnumerable<DeliveredHours> MyHours => CaseFile.Hours.Where(h => h.EnrolmentId == Enrolment.Id && h.WorkerId == User.Id()
        && h.Date >= Today.AddDays(-DaysBack));

    public HoursInput LoggedHours { get; set; } = new();

    private DeliveredHours? saved;

    /// <summary>Takes back hours the worker logged by mistake (their own, in the window they may log in).</summary>
    public async Task<IActionResult> OnPostRemoveHoursAsync(Guid id, Guid enrolmentId, Guid hoursId) =>
        await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            var logged = MyHours.FirstOrDefault(h => h.Id == hoursId);
            if (logged is null)
            {
                return null;
            }
            file.Remove(logged);
            file.Touch(enrolment);
            return L["Den førte tiden ({0} timer {1}) er slettet.", HoursText.Format(logged.Hours), Husly.Platform.Localization.Format.Date(logged.Date)].Value;
        });

    protected override async Task<Husly.Common.RuleError?> AfterSaveAsync() =>
        saved is null || await caseload.KeepWithinDayLimitAsync(saved.Id, saved.Date, HttpContext.RequestAborted) ? null
            : new Husly.Common.RuleError("LoggedHours.Hours", L["Timene ble ikke ført: sammen med annen tid ført samme dag ville det blitt mer enn 24 timer."]);

    public Task<IActionResult> OnGetAsync(Guid id, Guid enrolmentId)
    {
        LoggedHours = new HoursInput { Date = Today };
        return ShowAsync(id, enrolmentId);
    }

    public async Task<IActionResult> OnPostLogHoursAsync(Guid id, Guid enrolmentId, [Bind(Prefix = "LoggedHours")] HoursInput input)
    {
        LoggedHours = input;
        var hours = 0.0;
        var validHours = input.Hours is not null && HoursText.TryParse(input.Hours, out hours) && hours is >= 0.25 and <= 24;
        if (input.Hours is not null && !validHours)
        {
            ModelState.AddModelError("LoggedHours.Hours", L["Skriv timer som et tall mellom 0,25 og 24."]);
        }
        if (input.Date is { } date && (date > Today || date < Today.AddDays(-DaysBack)))
        {
            ModelState.AddModelError("LoggedHours.Date", L["Levert tid kan føres for de siste 90 dagene, ikke fram i tid."]);
        }
        else if (input.Date is { } day && validHours && await caseload.HoursLoggedByMeOnAsync(day, HttpContext.RequestAborted) is var already && already + hours > 24)
        {
            ModelState.AddModelError("LoggedHours.Hours", L["Du har allerede ført {0} timer denne dagen. Ingen kan levere mer enn 24 timer på et døgn.", HoursText.Format(already)]);
        }
        if (ModelState.IsValid && input.SubmissionId != Guid.Empty
            && await caseload.SubmissionUseAsync(input.SubmissionId, enrolmentId, HttpContext.RequestAborted) is var use && use != Caseload.SubmissionUse.New)
        {
            if (use == Caseload.SubmissionUse.SamePost)
            {
                // The same form sent again: it is saved already, once.
                TempData.Flash(L["Levert tid er ført."]);
                return Redirect($"/casework/residents/details/{id}");
            }
            ModelState.AddModelError("", L["Skjemaet er allerede brukt til å føre tid. Åpne skjemaet på nytt og før timene der."]);
            input.SubmissionId = Guid.NewGuid();
        }
        return await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            if (input.Date < enrolment.Start)
            {
                ModelState.AddModelError("LoggedHours.Date", L["Datoen er før oppfølgingen startet."]);
                return null;
            }
            saved = new DeliveredHours
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolment.Id,
                Kind = input.Kind!.Value,
                Date = input.Date!.Value,
                Hours = hours,
                WorkerId = User.Id()!.Value,
                Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
                LoggedAt = Clock.GetUtcNow().UtcDateTime,
                SubmissionId = input.SubmissionId == Guid.Empty ? null : input.SubmissionId,
            };
            file.Add(saved);
            return L["Levert tid er ført."].Value;
        });
    }
}
