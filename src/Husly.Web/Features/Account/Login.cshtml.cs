using System.ComponentModel.DataAnnotations;
using Husly.Data.DemoData;
using Husly.Features.Administration.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Husly.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<HuslyUser> signIn, IOptions<DemoDataOptions> demo, ILogger<LoginModel> logger,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<DemoAccount> DemoAccounts => demo.Value.Enabled ? Data.DemoData.DemoAccounts.All : [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email);
        if (user is null || !user.IsActive)
        {
            Error = l["Feil e-postadresse eller passord."];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out after failed sign-ins", user.Id);
            Error = l["Kontoen er midlertidig låst etter for mange mislykkede forsøk. Prøv igjen om 15 minutter."];
            return Page();
        }
        if (!result.Succeeded)
        {
            Error = l["Feil e-postadresse eller passord."];
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv inn e-postadressen din.")]
        [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
        [Display(Name = "E-post")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn passordet ditt.")]
        [Display(Name = "Passord")]
        public string Password { get; set; } = "";
    }
}
