using System.ComponentModel.DataAnnotations;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Administration.Users;

public sealed class CreateModel(UserManager<HuslyUser> users, UserChoices choices, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Units { get; private set; } = [];
    public IEnumerable<SelectListItem> RoleOptions => choices.Roles(Input.Role);

    public async Task OnGetAsync() => Units = await choices.UnitsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await choices.CheckAsync(Input, ModelState);
        if (ModelState.IsValid)
        {
            var user = new HuslyUser
            {
                Id = Guid.CreateVersion7(),
                UserName = Input.Email.Trim(),
                Email = Input.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = Input.DisplayName.Trim(),
                Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim(),
                OrganisationId = Input.OrganisationId!.Value,
                MustChangePassword = true,
            };
            var result = await users.CreateAsync(user, Input.Password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, Input.Role!);
            }
            if (result.Succeeded)
            {
                TempData.Flash(l["Brukeren {0} er opprettet.", user.DisplayName]);
                return RedirectToPage("Index");
            }
            // Identity reports a taken e-mail twice (as user name and as e-mail); say it once.
            foreach (var error in result.Errors.DistinctBy(e => e.Description))
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }
        }
        Units = await choices.UnitsAsync();
        return Page();
    }

    public sealed class InputModel : UserInput
    {
        [Required(ErrorMessage = "Skriv inn et startpassord.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "Passordet må ha mellom {2} og {1} tegn.")]
        [Display(Name = "Startpassord")]
        public string Password { get; set; } = "";
    }
}
