using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Administration.Users;

/// <summary>Edit a user's name, role, unit and whether they may sign in. Users are deactivated, never deleted.</summary>
public sealed class EditModel(HuslyDbContext db, UserManager<HuslyUser> users, UserChoices choices, Account.UserSessions sessions, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid Id { get; private set; }
    public bool IsLockedOut { get; private set; }
    public List<SelectListItem> Units { get; private set; } = [];
    public IEnumerable<SelectListItem> RoleOptions => choices.Roles(Input.Role);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }
        Input = new InputModel
        {
            DisplayName = user.DisplayName,
            Title = user.Title,
            Email = user.Email ?? "",
            OrganisationId = user.OrganisationId,
            Role = (await users.GetRolesAsync(user)).FirstOrDefault(),
            IsActive = user.IsActive,
            Version = user.Version,
        };
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }
        await choices.CheckAsync(Input, ModelState);
        if (ModelState.IsValid && user.Id == Platform.Auth.CurrentUser.Id(User) && (!Input.IsActive || Input.Role != Platform.Auth.Roles.Administrator))
        {
            ModelState.AddModelError("Input.IsActive", l["Du kan ikke deaktivere deg selv eller fjerne din egen administratorrolle."]);
        }
        if (ModelState.IsValid && Input.Version != user.Version)
        {
            ModelState.Clear();
            ModelState.AddModelError("", l["Noen andre har endret brukeren mens du redigerte. Ingenting er lagret. Skjemaet viser nå de lagrede verdiene."]);
            return await OnGetConflictAsync(user);
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(user);
        }
        db.Entry(user).Property(u => u.Version).OriginalValue = Input.Version;
        var deactivating = user.IsActive && !Input.IsActive;
        var accessChanges = deactivating || user.OrganisationId != Input.OrganisationId || !string.Equals(user.Email, Input.Email.Trim(), StringComparison.OrdinalIgnoreCase);
        user.DisplayName = Input.DisplayName.Trim();
        user.Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim();
        user.Email = user.UserName = Input.Email.Trim();
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.OrganisationId = Input.OrganisationId!.Value;
        user.IsActive = Input.IsActive;
        if (await db.Users.AnyAsync(u => u.Id != id && u.NormalizedEmail == user.NormalizedEmail))
        {
            ModelState.AddModelError("Input.Email", l["E-postadressen er allerede i bruk."]);
            return await ShowAsync(user);
        }
        // A changed role or unit, or a deactivation, must reach existing sign-ins: a new stamp forces them to re-validate.
        user.SecurityStamp = Guid.NewGuid().ToString();
        var currentRoles = await users.GetRolesAsync(user);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.Clear();
            ModelState.AddModelError("", l["Noen andre har endret brukeren mens du redigerte. Ingenting er lagret. Skjemaet viser nå de lagrede verdiene."]);
            return await OnGetConflictAsync((await db.Users.FirstAsync(u => u.Id == id)));
        }
        if (!currentRoles.SequenceEqual([Input.Role!]))
        {
            await users.RemoveFromRolesAsync(user, currentRoles);
            await users.AddToRoleAsync(user, Input.Role!);
            accessChanges = true;
        }
        // What someone may see follows from role, unit and being active: their open sessions end now, not in a minute.
        if (accessChanges)
        {
            await sessions.EndAllAsync(user.Id, Account.SessionEndReasons.UserChanged);
        }
        TempData.Flash(deactivating ? l["Brukeren {0} er deaktivert.", user.DisplayName] : l["Endringene er lagret."]);
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData.Flash(l["Kontoen er låst opp."]);
        return RedirectToPage("Edit", new { id });
    }

    private async Task<IActionResult> OnGetConflictAsync(HuslyUser current)
    {
        Input = new InputModel
        {
            DisplayName = current.DisplayName,
            Title = current.Title,
            Email = current.Email ?? "",
            OrganisationId = current.OrganisationId,
            Role = (await users.GetRolesAsync(current)).FirstOrDefault(),
            IsActive = current.IsActive,
            Version = current.Version,
        };
        return await ShowAsync(current);
    }

    private async Task<IActionResult> ShowAsync(HuslyUser user)
    {
        Id = user.Id;
        IsLockedOut = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        Units = await choices.UnitsAsync();
        return Page();
    }

    public sealed class InputModel : UserInput
    {
        [Display(Name = "Kan logge inn (aktiv)")]
        public bool IsActive { get; set; }

        public Guid Version { get; set; }
    }
}
