using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Enrolments;

/// <summary>A cooperation meeting around the resident. Partners who took part are chosen among the follow-up's partners,
/// and each needs the resident's consent to share with that kind of partner on the day of the meeting.</summary>
public sealed class MeetingModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : EnrolmentActionModel(files, l, clock)
{
    public sealed class MeetingInput
    {
        [Required(ErrorMessage = "Skriv inn datoen for møtet.")]
        [Display(Name = "Dato for møtet")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? HeldOn { get; set; }

        [Required(ErrorMessage = "Skriv hvem som deltok.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Deltakere fra kommunen og brukerens nettverk")]
        public string? Participants { get; set; }

        [Display(Name = "Samarbeidspartnere som deltok")]
        public List<Guid> PartnerIds { get; set; } = [];

        [Required(ErrorMessage = "Skriv referatet.")]
        [StringLength(8000, ErrorMessage = "Referatet kan ha høyst {1} tegn.")]
        [Display(Name = "Referat")]
        public string? Minutes { get; set; }
    }

    protected override CaseFileParts Parts => CaseFileParts.Consents | CaseFileParts.Partners;

    public MeetingInput Meeting { get; set; } = new();

    /// <summary>The partners in this follow-up, to tick those who took part.</summary>
    public IEnumerable<FollowUpPartner> Partners => CaseFile.Partners.Where(p => p.EnrolmentId == Enrolment.Id);

    public Task<IActionResult> OnGetAsync(Guid id, Guid enrolmentId)
    {
        Meeting = new MeetingInput { HeldOn = Today };
        return ShowAsync(id, enrolmentId);
    }

    public async Task<IActionResult> OnPostAddMeetingAsync(Guid id, Guid enrolmentId, [Bind(Prefix = "Meeting")] MeetingInput input)
    {
        Meeting = input;
        if (input.HeldOn > Today)
        {
            ModelState.AddModelError("Meeting.HeldOn", L["Et møte kan ikke føres før det er holdt."]);
        }
        return await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            if (input.HeldOn < enrolment.Start)
            {
                ModelState.AddModelError("Meeting.HeldOn", L["Møtet kan ikke være holdt før oppfølgingen startet ({0}).", Format.Date(enrolment.Start)]);
                return null;
            }
            var partners = new List<string>();
            foreach (var partnerId in input.PartnerIds.Distinct())
            {
                var partner = file.Partners.FirstOrDefault(p => p.Id == partnerId && p.EnrolmentId == enrolment.Id);
                if (partner is null)
                {
                    ModelState.AddModelError("Meeting.PartnerIds", L["Velg blant samarbeidspartnerne i denne oppfølgingen."]);
                    return null;
                }
                if (!file.HasConsent(ConsentPurpose.ShareWithPartner, partner.Kind, input.HeldOn!.Value))
                {
                    ModelState.AddModelError("Meeting.PartnerIds", L["Brukeren hadde ikke gyldig samtykke til å dele opplysninger med {0} den dagen møtet ble holdt.", L.Enum(partner.Kind)]);
                    return null;
                }
                partners.Add($"{partner.ContactName}, {(partner.Organisation?.Name ?? L.Enum(partner.Kind))}");
            }
            file.Add(new CooperationMeeting
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolment.Id,
                HeldOn = input.HeldOn!.Value,
                Participants = string.Join('\n', partners.Append(input.Participants!.Trim())),
                Minutes = input.Minutes!.Trim(),
                RecordedBy = User.DisplayName(),
                RecordedAt = Clock.GetUtcNow().UtcDateTime,
            });
            file.Touch(enrolment);
            return L["Møtet er ført."].Value;
        });
    }
}
