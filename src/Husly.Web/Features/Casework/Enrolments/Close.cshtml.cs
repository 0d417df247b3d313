using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Enrolments;

/// <summary>Ends a follow-up with a date and a reason. The worker keeps read access for a while after (CaseworkOptions).</summary>
public sealed class CloseModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : EnrolmentActionModel(files, l, clock)
{
    public sealed class CloseInput
    {
        [Required(ErrorMessage = "Skriv inn sluttdato.")]
        [Display(Name = "Sluttdato")]
        [Husly.Platform.Forms.PlausibleDate(50, 1)]
        public DateOnly? End { get; set; }

        [Required(ErrorMessage = "Velg hvorfor oppfølgingen avsluttes.")]
        [Display(Name = "Årsak")]
        public EnrolmentEndReason? Reason { get; set; }

        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Beskrivelse")]
        public string? Note { get; set; }

        public Guid Version { get; set; }
    }

    // The transfers: a proposal from this follow-up lapses when it ends.
    protected override CaseFileParts Parts => CaseFileParts.Transfers;

    public CloseInput Close { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid enrolmentId)
    {
        var shown = await ShowAsync(id, enrolmentId);
        if (shown is PageResult)
        {
            Close = new CloseInput { End = Today, Version = Enrolment.Version };
        }
        return shown;
    }

    public async Task<IActionResult> OnPostCloseEnrolmentAsync(Guid id, Guid enrolmentId, [Bind(Prefix = "Close")] CloseInput input)
    {
        Close = input;
        var result = await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            file.ExpectVersion(enrolment, input.Version);
            if (input.End > Today)
            {
                ModelState.AddModelError("Close.End", L["Sluttdatoen kan ikke være fram i tid. Avslutt oppfølgingen den dagen den slutter."]);
                return null;
            }
            var errors = enrolment.Close(input.End!.Value, input.Reason, input.Note).ToList();
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Field, L[error.Message]);
            }
            var lapsed = false;
            foreach (var transfer in errors.Count == 0 ? file.Transfers.Where(t => t.FromEnrolmentId == enrolment.Id) : [])
            {
                lapsed |= transfer.Withdraw(Transfer.EnrolmentEnded, User.Id()!.Value, Clock.GetUtcNow().UtcDateTime);
            }
            return lapsed ? L["Oppfølgingen er avsluttet, og forslaget om brukerbytte er trukket tilbake."].Value : L["Oppfølgingen er avsluttet."].Value;
        });
        if (Conflicted)
        {
            Close.Version = Enrolment.Version; // the form now saves against what is stored
        }
        return result;
    }
}
