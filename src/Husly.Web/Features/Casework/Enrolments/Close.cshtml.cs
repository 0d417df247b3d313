using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Microsoft.AspNetCore.Mvc;
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

        [Display(Name = "Årsak")]
        public EnrolmentEndReason? Reason { get; set; }

        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Beskrivelse")]
        public string? Note { get; set; }

        public Guid Version { get; set; }
    }

    protected override CaseFileParts Parts => CaseFileParts.None;

    public CloseInput Close { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid enrolmentId)
    {
        var shown = await ShowAsync(id, enrolmentId);
        Close = new CloseInput { End = Today, Version = MayChange ? Enrolment.Version : Guid.Empty };
        return shown;
    }

    public async Task<IActionResult> OnPostCloseEnrolmentAsync(Guid id, Guid enrolmentId, [Bind(Prefix = "Close")] CloseInput input)
    {
        Close = input;
        var result = await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            file.ExpectVersion(enrolment, input.Version);
            foreach (var error in enrolment.Close(input.End!.Value, input.Reason, input.Note))
            {
                ModelState.AddModelError(error.Field, L[error.Message]);
            }
            return L["Oppfølgingen er avsluttet."].Value;
        });
        if (Conflicted)
        {
            Close.Version = Enrolment.Version; // the form now saves against what is stored
        }
        return result;
    }
}
