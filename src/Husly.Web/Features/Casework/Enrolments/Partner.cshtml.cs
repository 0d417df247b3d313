using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Enrolments;

/// <summary>A partner in the follow-up (NAV, specialist health, police …). Adding one shares information with them, so
/// it needs the resident's valid consent to share with that kind of partner.</summary>
public sealed class PartnerModel(CaseFiles files, CaseworkLookups lookups, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : EnrolmentActionModel(files, l, clock)
{
    public sealed class PartnerInput
    {
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

    protected override CaseFileParts Parts => CaseFileParts.Consents;

    public PartnerInput NewPartner { get; set; } = new();
    public List<SelectListItem> PartnerOrganisations { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid id, Guid enrolmentId) => ShowAsync(id, enrolmentId);

    public async Task<IActionResult> OnPostAddPartnerAsync(Guid id, Guid enrolmentId, [Bind(Prefix = "NewPartner")] PartnerInput input)
    {
        NewPartner = input;
        return await ChangeAsync(id, enrolmentId, (file, enrolment) =>
        {
            // Adding a partner shares information with them: only with the resident's valid consent for that kind of partner.
            if (!file.HasConsent(ConsentPurpose.ShareWithPartner, input.Kind, Today))
            {
                ModelState.AddModelError("NewPartner.Kind", L["Brukeren har ikke et gyldig samtykke til å dele opplysninger med denne typen samarbeidspartner. Registrer samtykket under «Samtykke» på brukerens side først."]);
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
            return L["Samarbeidspartneren er lagt til."].Value;
        });
    }

    protected override async Task ValidateAsync()
    {
        if (NewPartner.OrganisationId is { } org && !await lookups.IsPartnerAsync(org))
        {
            ModelState.AddModelError("NewPartner.OrganisationId", L["Organisasjonen finnes ikke i registeret."]);
        }
    }

    protected override async Task LoadChoicesAsync() => PartnerOrganisations = await lookups.PartnerOrganisationsAsync();
}
