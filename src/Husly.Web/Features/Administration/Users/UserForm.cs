using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Organisations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Administration.Users;

/// <summary>The user fields an administrator sets, shared by Create and Edit.</summary>
public class UserInput
{
    [Required(ErrorMessage = "Skriv inn navnet.")]
    [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
    [Display(Name = "Navn")]
    public string DisplayName { get; set; } = "";

    [StringLength(200, ErrorMessage = "Tittelen kan ha høyst {1} tegn.")]
    [Display(Name = "Stillingstittel")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Skriv inn e-postadressen.")]
    [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
    [StringLength(256, ErrorMessage = "E-postadressen kan ha høyst {1} tegn.")]
    [Display(Name = "E-post")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Velg rolle.")]
    [StringLength(60, ErrorMessage = "Velg en av rollene i listen.")]
    [Display(Name = "Rolle")]
    public string? Role { get; set; }

    [Required(ErrorMessage = "Velg enhet.")]
    [Display(Name = "Enhet")]
    public Guid? OrganisationId { get; set; }
}

public sealed class UserChoices(Organisations.OrganisationLookups organisations, IStringLocalizer<SharedResource> l)
{
    public IEnumerable<SelectListItem> Roles(string? selected) =>
        Platform.Auth.Roles.All.Select(r => new SelectListItem(l[Platform.Auth.Roles.DisplayName(r)], r, r == selected));

    public Task<List<SelectListItem>> UnitsAsync() => organisations.ByKindAsync();

    public async Task CheckAsync(UserInput input, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        if (input.Role is not null && !Platform.Auth.Roles.All.Contains(input.Role))
        {
            modelState.AddModelError("Input.Role", l["Velg en av rollene i listen."]);
        }
        if (input.OrganisationId is { } org && !await organisations.IsActiveAsync(org))
        {
            modelState.AddModelError("Input.OrganisationId", l["Velg en av enhetene i listen."]);
        }
        else if (input.OrganisationId is { } unitId && input.Role is { } role && UnitKindsFor.TryGetValue(role, out var kinds)
            && (await organisations.UnitsAsync()).FirstOrDefault(u => u.Id == unitId) is { } unit && !kinds.Contains(unit.Kind))
        {
            modelState.AddModelError("Input.OrganisationId", l["Rollen {0} hører til {1}. Velg en enhet av den typen, eller en annen rolle.",
                l[Platform.Auth.Roles.DisplayName(role)], string.Join(l[" eller "], kinds.Select(k => l[Kinds[k]].Value.ToLowerInvariant()))]);
        }
    }

    private static readonly Dictionary<OrganisationKind, string> Kinds = new()
    {
        [OrganisationKind.Municipality] = "Kommune",
        [OrganisationKind.CityDepartment] = "Byrådsavdeling",
        [OrganisationKind.Agency] = "Etat",
        [OrganisationKind.District] = "Bydel",
        [OrganisationKind.Partner] = "Samarbeidspartner",
        [OrganisationKind.Team] = "Team",
    };

    /// <summary>Which kinds of unit each role belongs to: a district director in a district, a team leader in a team, a
    /// partner in a partner organisation, and no municipal role in a partner organisation.</summary>
    private static readonly Dictionary<string, OrganisationKind[]> UnitKindsFor = new()
    {
        [Platform.Auth.Roles.ProgrammeOwner] = [OrganisationKind.CityDepartment, OrganisationKind.Agency],
        [Platform.Auth.Roles.ProgrammeManager] = [OrganisationKind.Agency, OrganisationKind.CityDepartment],
        [Platform.Auth.Roles.DistrictDirector] = [OrganisationKind.District],
        [Platform.Auth.Roles.ProjectLead] = [OrganisationKind.District, OrganisationKind.Agency, OrganisationKind.CityDepartment],
        [Platform.Auth.Roles.CaseWorker] = [OrganisationKind.Team, OrganisationKind.District],
        [Platform.Auth.Roles.TeamLeader] = [OrganisationKind.Team],
        [Platform.Auth.Roles.PrivacyOfficer] = [OrganisationKind.Agency, OrganisationKind.CityDepartment, OrganisationKind.District, OrganisationKind.Municipality],
        [Platform.Auth.Roles.Partner] = [OrganisationKind.Partner],
        [Platform.Auth.Roles.Administrator] = [OrganisationKind.Agency, OrganisationKind.CityDepartment, OrganisationKind.Municipality],
    };
}
