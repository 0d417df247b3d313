using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Decisions;

/// <summary>A decision: read it, decide a draft, note an appeal, revoke it. The printable letter is a page of its own.</summary>
public sealed class DetailsModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed class RevokeInput
    {
        [Required(ErrorMessage = "Skriv inn datoen vedtaket oppheves fra.")]
        [Display(Name = "Oppheves fra")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? On { get; set; }

        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Hvorfor vedtaket oppheves")]
        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class AppealInput
    {
        [Required(ErrorMessage = "Skriv inn datoen klagen kom inn.")]
        [Display(Name = "Klagen mottatt")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? Received { get; set; }

        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Merknad om klagen")]
        public string? Note { get; set; }

        public Guid Version { get; set; }
    }

    public CaseFile CaseFile { get; private set; } = null!;
    public Decision Decision { get; private set; } = null!;
    public bool CanChange { get; private set; }
    public RevokeInput Revoke { get; set; } = new();
    public AppealInput Appeal { get; set; } = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(Guid residentId, Guid decisionId) =>
        await LoadAsync(residentId, decisionId, AccessActions.View) ?? Page();

    public async Task<IActionResult> OnPostDecideAsync(Guid residentId, Guid decisionId, Guid version) =>
        await ChangeAsync(residentId, decisionId, version, d =>
            (d.Decide(User.Id()!.Value, clock.GetUtcNow().UtcDateTime, CaseFile.Enrolments.First(e => e.Id == d.EnrolmentId).Start, CaseFile.Decisions),
                l["Vedtaket er fattet."].Value));

    public async Task<IActionResult> OnPostRevokeAsync(Guid residentId, Guid decisionId, [Bind(Prefix = "Revoke")] RevokeInput input)
    {
        Revoke = input;
        return await ChangeAsync(residentId, decisionId, input.Version, d =>
            (d.Revoke(input.On!.Value, input.Reason), l["Vedtaket er opphevet."].Value));
    }

    public async Task<IActionResult> OnPostNoteAppealAsync(Guid residentId, Guid decisionId, [Bind(Prefix = "Appeal")] AppealInput input)
    {
        Appeal = input;
        return await ChangeAsync(residentId, decisionId, input.Version, d =>
            (d.NoteAppeal(input.Received!.Value, input.Note), l["Klagen er registrert."].Value));
    }

    private async Task<IActionResult?> LoadAsync(Guid residentId, Guid decisionId, string action)
    {
        var file = await files.OpenAsync(residentId, action, CaseFileParts.Decisions, HttpContext.RequestAborted);
        var decision = file?.Decisions.FirstOrDefault(d => d.Id == decisionId);
        if (file is null || decision is null)
        {
            return NotFound();
        }
        CaseFile = file;
        Decision = decision;
        CanChange = file.MayChange(decision.Enrolment!);
        Revoke.Version = Appeal.Version = decision.Version;
        Revoke.On ??= Today;
        Appeal.Received ??= Today;
        return null;
    }

    private async Task<IActionResult> ChangeAsync(Guid residentId, Guid decisionId, Guid version,
        Func<Decision, (IEnumerable<Husly.Common.RuleError> Errors, string Message)> change)
    {
        if (await LoadAsync(residentId, decisionId, AccessActions.Change) is { } refused)
        {
            return refused;
        }
        if (!CanChange)
        {
            return Forbid();
        }
        var outcome = await CaseFileChange.SaveAsync(this, CaseFile, file =>
        {
            file.ExpectVersion(Decision, version);
            var (errors, message) = change(Decision);
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Field.StartsWith("Input.", StringComparison.Ordinal) ? "" : error.Field, l[error.Message]);
            }
            return message;
        }, l, l["Noen andre har endret vedtaket i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
        switch (outcome)
        {
            case CaseFileChange.Outcome.Saved:
                return Redirect($"/casework/residents/{residentId}/decisions/{decisionId}");
            case CaseFileChange.Outcome.Conflict:
                await LoadAsync(residentId, decisionId, AccessActions.View);
                break;
        }
        return Page();
    }
}
