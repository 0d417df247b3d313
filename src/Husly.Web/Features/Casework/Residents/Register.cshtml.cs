using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Residents;

/// <summary>"One door in": registers a person with their current living situation and enrols them in follow-up in
/// the worker's district, in one form, because an enrolment without a living situation is of no use to anyone.</summary>
public sealed class RegisterModel(
    CaseFiles files, CaseworkLookups lookups, IOptions<CaseworkOptions> options, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : PageModel
{
    public sealed class RegisterInput
    {
        [Display(Name = "Fødselsnummer eller D-nummer")]
        [StringLength(13, ErrorMessage = "Fødselsnummeret må ha 11 siffer.")]
        public string? IdentityNumber { get; set; }

        [Required(ErrorMessage = "Skriv inn fornavn.")]
        [StringLength(100, ErrorMessage = "Fornavnet kan ha høyst {1} tegn.")]
        [Display(Name = "Fornavn")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn etternavn.")]
        [StringLength(100, ErrorMessage = "Etternavnet kan ha høyst {1} tegn.")]
        [Display(Name = "Etternavn")]
        public string LastName { get; set; } = "";

        [Display(Name = "Fødselsdato")]
        public DateOnly? BirthDate { get; set; }

        [StringLength(30, ErrorMessage = "Telefonnummeret kan ha høyst {1} tegn.")]
        [Phone(ErrorMessage = "Skriv inn et gyldig telefonnummer.")]
        [Display(Name = "Telefon")]
        public string? Phone { get; set; }

        [StringLength(200, ErrorMessage = "E-postadressen kan ha høyst {1} tegn.")]
        [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
        [Display(Name = "E-post")]
        public string? Email { get; set; }

        [StringLength(300, ErrorMessage = "Adressen kan ha høyst {1} tegn.")]
        [Display(Name = "Adresse")]
        public string? Address { get; set; }

        [Display(Name = "Adressesperre")]
        public ProtectionLevel Protection { get; set; }

        [Required(ErrorMessage = "Velg bosituasjonen i dag.")]
        [Display(Name = "Bosituasjon nå")]
        public LivingSituationKind? LivingSituation { get; set; }

        [Required(ErrorMessage = "Skriv inn når bosituasjonen startet.")]
        [Display(Name = "Bosituasjonen gjelder fra")]
        [Husly.Platform.Forms.PlausibleDate(100, 1)]
        public DateOnly? LivingSince { get; set; }

        [Display(Name = "Team")]
        public Guid? TeamId { get; set; }

        [Required(ErrorMessage = "Velg type oppfølging.")]
        [Display(Name = "Type oppfølging")]
        public FollowUpCategory? Category { get; set; }

        [Required(ErrorMessage = "Velg hvordan oppfølgingen er organisert.")]
        [Display(Name = "Organisering")]
        public OrganisationForm? OrganisationForm { get; set; }

        [Required(ErrorMessage = "Velg kontaktperson.")]
        [Display(Name = "Kontaktperson")]
        public Guid? ContactPersonId { get; set; }

        [Required(ErrorMessage = "Skriv inn startdato for oppfølgingen.")]
        [Display(Name = "Oppfølgingen starter")]
        [Husly.Platform.Forms.PlausibleDate(50, 1)]
        public DateOnly? Start { get; set; }

        [Display(Name = "Prosjekt")]
        public Guid? ProjectId { get; set; }

        /// <summary>New each time the form is shown: the same post sent twice registers once.</summary>
        public Guid SubmissionId { get; set; } = Guid.NewGuid();
    }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public List<SelectListItem> Teams { get; private set; } = [];
    public List<SelectListItem> Workers { get; private set; } = [];
    public List<SelectListItem> Projects { get; private set; } = [];

    private Guid District => User.DistrictId()!.Value;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task OnGetAsync()
    {
        Input = new RegisterInput { ContactPersonId = User.Id(), TeamId = User.TeamId(), Start = Today, LivingSince = Today };
        await LoadChoicesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var birthDate = await ValidateAsync();
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var resident = new Resident
        {
            Id = Guid.CreateVersion7(),
            IdentityNumber = string.IsNullOrEmpty(Input.IdentityNumber) ? null : Input.IdentityNumber.Replace(" ", "", StringComparison.Ordinal),
            FirstName = Input.FirstName.Trim(),
            LastName = Input.LastName.Trim(),
            BirthDate = birthDate,
            Phone = Input.Phone?.Trim(),
            Email = Input.Email?.Trim(),
            Address = Input.Address?.Trim(),
            Protection = Input.Protection,
        };
        var living = new LivingSituationPeriod { Id = Guid.CreateVersion7(), Kind = Input.LivingSituation!.Value, Start = Input.LivingSince!.Value };
        var enrolment = new Enrolment
        {
            Id = Guid.CreateVersion7(),
            DistrictId = District,
            TeamId = Input.TeamId,
            Category = Input.Category!.Value,
            OrganisationForm = Input.OrganisationForm!.Value,
            ContactPersonId = Input.ContactPersonId!.Value,
            ProjectId = Input.ProjectId,
            Start = Input.Start!.Value,
            SubmissionId = Input.SubmissionId == Guid.Empty ? null : Input.SubmissionId,
        };
        var result = await files.RegisterAsync(resident, living, enrolment, HttpContext.RequestAborted);
        if (result.AlreadyEnrolled)
        {
            ModelState.AddModelError("Input.IdentityNumber", l["Personen er allerede i oppfølging i bydelen. Åpne brukeren fra sakslisten i stedet."]);
            await LoadChoicesAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData.Flash(l["{0} er registrert og i oppfølging.", resident.FirstName + " " + resident.LastName]);
        return Redirect($"/casework/residents/details/{result.ResidentId}");
    }

    /// <summary>Checks what DataAnnotations cannot, and returns the birth date (from the identity number when there is one).</summary>
    private async Task<DateOnly> ValidateAsync()
    {
        var birthDate = Input.BirthDate ?? default;
        if (!string.IsNullOrWhiteSpace(Input.IdentityNumber))
        {
            var rules = new IdentityNumberRules(options.Value.AllowSyntheticIdentityNumbers);
            if (!IdentityNumber.TryParse(Input.IdentityNumber, rules, out var number, out var error))
            {
                ModelState.AddModelError("Input.IdentityNumber", l[IdentityNumberMessages.For(error)]);
            }
            else if (Input.BirthDate is { } given && given != number.BirthDate)
            {
                ModelState.AddModelError("Input.BirthDate", l["Fødselsdatoen stemmer ikke med fødselsnummeret."]);
            }
            else
            {
                birthDate = number.BirthDate;
            }
        }
        else if (Input.BirthDate is null)
        {
            ModelState.AddModelError("Input.BirthDate", l["Skriv inn fødselsdato når fødselsnummeret ikke er kjent."]);
        }
        if (Input.BirthDate is { } b && b > Today)
        {
            ModelState.AddModelError("Input.BirthDate", l["Fødselsdatoen kan ikke være fram i tid."]);
        }
        else if (Input.BirthDate is { } early && early.Year < 1880)
        {
            ModelState.AddModelError("Input.BirthDate", l["Fødselsdatoen er ikke gyldig."]);
        }
        else if (Input.BirthDate is null && birthDate > Today)
        {
            ModelState.AddModelError("Input.IdentityNumber", l["Fødselsnummeret gir en fødselsdato fram i tid."]);
        }
        if (birthDate != default && birthDate <= Today)
        {
            if (Input.LivingSince is { } living && living < birthDate)
            {
                ModelState.AddModelError("Input.LivingSince", l["Bosituasjonen kan ikke starte før personen ble født."]);
            }
            if (Input.Start is { } start && start < birthDate)
            {
                ModelState.AddModelError("Input.Start", l["Oppfølgingen kan ikke starte før personen ble født."]);
            }
        }
        if (Input.LivingSince is { } since && since > Today)
        {
            ModelState.AddModelError("Input.LivingSince", l["Bosituasjonen i dag kan ikke starte i framtiden."]);
        }
        if (Input.ContactPersonId is { } contact && !await lookups.IsWorkerAsync(District, contact))
        {
            ModelState.AddModelError("Input.ContactPersonId", l["Kontaktpersonen må arbeide i bydelen."]);
        }
        if (Input.TeamId is { } team && !await lookups.IsTeamAsync(District, team))
        {
            ModelState.AddModelError("Input.TeamId", l["Teamet hører ikke til bydelen."]);
        }
        if (Input.ProjectId is { } project && !await lookups.ProjectIds(District).ContainsAsync(project))
        {
            ModelState.AddModelError("Input.ProjectId", l["Prosjektet er ikke et av bydelens prosjekter."]);
        }
        return birthDate;
    }

    private async Task LoadChoicesAsync()
    {
        Teams = await lookups.TeamsAsync(District);
        Workers = await lookups.WorkersAsync(District);
        Projects = await lookups.ProjectsAsync(District);
    }
}
