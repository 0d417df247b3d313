using System.ComponentModel.DataAnnotations;
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
    }
}
