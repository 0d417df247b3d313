using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Users;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Account;

public sealed class ChangePasswordModel(UserManager<HuslyUser> users, SignInManager<HuslyUser> signIn, UserSessions sessions, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", l["Det nye passordet må være et annet enn det du har nå."]);
            return Page();
        }
        user.MustChangePassword = false; // saved only if the change succeeds (Identity updates the user once)
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        // Every sign-in made with the old password ends, on every device; this browser gets a new session.
        await sessions.EndAllAsync(user.Id, SessionEndReasons.PasswordChanged);
        await signIn.RefreshSignInAsync(user);
        TempData.Flash(l["Passordet er endret."]);
        return Redirect("/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv inn nåværende passord.")]
        [StringLength(256, ErrorMessage = "Passordet kan ha høyst {1} tegn.")]
        [Display(Name = "Nåværende passord")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn et nytt passord.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "Passordet må ha mellom {2} og {1} tegn.")]
        [Display(Name = "Nytt passord")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Gjenta det nye passordet.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Passordene er ikke like.")]
        [StringLength(256, ErrorMessage = "Passordet kan ha høyst {1} tegn.")]
        [Display(Name = "Gjenta nytt passord")]
        public string ConfirmPassword { get; set; } = "";
    }
}
