using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Enrolments;

/// <summary>Proposes moving the follow-up to another district (brukerbytte): needs the resident's consent to transfer,
/// and one proposal at a time. The receiving district's team leaders accept or decline it in their queue.</summary>
public sealed class TransferModel(CaseFiles files, CaseworkLookups lookups, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : EnrolmentActionModel(files, l, clock)
{
    public sealed class TransferInput
    {
        [Required(ErrorMessage = "Velg bydelen brukeren flytter til.")]
        [Display(Name = "Til bydel")]
        public Guid? ToDistrictId { get; set; }

        [Required(ErrorMessage = "Skriv det den mottakende bydelen trenger å vite.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Melding til mottakende bydel")]
        public string? Note { get; set; }
    }

    protected override CaseFileParts Parts => CaseFileParts.Consents | CaseFileParts.Transfers;

    public TransferInput NewTransfer { get; set; } = new();
    public List<SelectListItem> OtherDistricts { get; private set; } = [];

    /// <summary>A proposal already waiting for an answer: no second one until it is decided.</summary>
    public Transfer? Waiting => CaseFile.Transfers.FirstOrDefault(t => t.Status == TransferStatus.Proposed);

    public Task<IActionResult> OnGetAsync(Guid id, Guid enrolmentId) => ShowAsync(id, enrolmentId);

    public async Task<IActionResult> OnPostProposeTransferAsync(Guid id, Guid enrolmentId, [Bind(Prefix = "NewTransfer")] TransferInput input)
    {
        NewTransfer = input;
        return await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            if (Waiting is not null)
            {
                ModelState.AddModelError("", L["Det er allerede foreslått et brukerbytte som venter på svar."]);
                return null;
            }
            if (!file.HasConsent(ConsentPurpose.Transfer, null, Today))
            {
                ModelState.AddModelError("NewTransfer.ToDistrictId", L["Brukeren har ikke et gyldig samtykke til brukerbytte. Registrer samtykket under «Samtykke» på brukerens side først."]);
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
                ProposedAt = Clock.GetUtcNow().UtcDateTime,
                Note = input.Note!.Trim(),
                Status = TransferStatus.Proposed,
            });
            file.Touch(enrolment);
            return L["Brukerbyttet er foreslått. Mottakende bydel ser det i sin kø."].Value;
        });
    }

    /// <summary>The sending district takes back a proposal that still waits (the resident changed their mind, or moved
    /// elsewhere): the receiving district's team leaders no longer see the resident.</summary>
    public async Task<IActionResult> OnPostWithdrawTransferAsync(Guid id, Guid enrolmentId) =>
        await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            var waiting = file.Transfers.FirstOrDefault(t => t.Status == TransferStatus.Proposed && t.FromEnrolmentId == enrolment.Id);
            if (waiting is null || !waiting.Withdraw(Transfer.WithdrawnBySender, User.Id()!.Value, Clock.GetUtcNow().UtcDateTime))
            {
                return null;
            }
            file.Touch(enrolment);
            return L["Forslaget om brukerbytte er trukket tilbake."].Value;
        });

    protected override async Task ValidateAsync()
    {
        if (NewTransfer.ToDistrictId is { } to && (to == User.DistrictId() || !await lookups.IsDistrictAsync(to)))
        {
            ModelState.AddModelError("NewTransfer.ToDistrictId", L["Velg en annen bydel enn din egen."]);
        }
    }

    protected override async Task LoadChoicesAsync() => OtherDistricts = await lookups.OtherDistrictsAsync(User.DistrictId() ?? Guid.Empty);
}
