using Husly.Features.Administration.Users;
using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Applications;

/// <summary>The owner invites colleagues by their Husly e-mail address (co-applicants from other units too, and a finance
/// contact), each with their own account, and removes them again.</summary>
public sealed class MembersModel(HuslyDbContext db, ApplicationAccess access, Outbox outbox, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Display(Name = "E-postadressen til personen")]
        [Required(ErrorMessage = "Skriv e-postadressen til personen du vil invitere.")]
        [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
        [StringLength(320, ErrorMessage = "E-postadressen kan ha høyst 320 tegn.")]
        public string Email { get; set; } = "";

        [Display(Name = "Rolle")]
        public MemberRole Role { get; set; } = MemberRole.CoApplicant;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OpenApplication Open { get; private set; } = null!;
    public List<(Guid UserId, string Name, string? Unit, MemberRole Role)> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await OpenAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (Input.Role == MemberRole.Owner || !Enum.IsDefined(Input.Role))
        {
            ModelState.AddModelError("Input.Role", l["Velg medsøker eller økonomikontakt."]);
        }
        var user = ModelState.IsValid ? await People.ActiveByEmailAsync(db, Input.Email) : null;
        if (ModelState.IsValid && user is null)
        {
            ModelState.AddModelError("Input.Email", l["Ingen aktiv bruker i Husly har denne adressen. Be en administrator opprette brukeren først."]);
        }
        if (user is not null && Open.Application.Members.Any(m => m.UserId == user.Id))
        {
            ModelState.AddModelError("Input.Email", l["Personen er allerede med på søknaden."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.ApplicationMembers.Add(new ApplicationMember { ApplicationId = id, UserId = user!.Id, Role = Input.Role });
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = clock.GetUtcNow().UtcDateTime, By = Open.Viewer.Name, What = "Ny på søknaden", Comment = user.DisplayName });
        outbox.Queue(user.Email!, user.DisplayName, $"Du er invitert til søknaden «{Open.Application.Title}»",
            $"Hei {user.DisplayName},\n\n{Open.Viewer.Name} har lagt deg til som {l[Husly.Platform.Localization.Format.EnumName(Input.Role)].Value.ToLowerInvariant()} på søknaden «{Open.Application.Title}» til «{Open.Call.Title}».\n\nSe søknaden: {outbox.Link($"/applications/{id}")}",
            "application");
        if (!await ApplicationChange.TrySaveAsync(db, Open))
        {
            ModelState.AddModelError("", l["Noen andre endret søknaden samtidig. Ingenting er lagret. Se over den og prøv igjen."]);
            return Page();
        }
        TempData.Flash(l["{0} er lagt til på søknaden.", user.DisplayName]);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        var member = await db.ApplicationMembers.FirstOrDefaultAsync(m => m.ApplicationId == id && m.UserId == userId && m.Role != MemberRole.Owner);
        if (member is null)
        {
            return NotFound();
        }
        db.ApplicationMembers.Remove(member);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync();
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = clock.GetUtcNow().UtcDateTime, By = Open.Viewer.Name, What = "Fjernet fra søknaden", Comment = name });
        if (!await ApplicationChange.TrySaveAsync(db, Open))
        {
            ModelState.AddModelError("", l["Noen andre endret søknaden samtidig. Ingenting er lagret. Se over den og prøv igjen."]);
            return Page();
        }
        TempData.Flash(l["Personen er fjernet fra søknaden."]);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null)
        {
            return NotFound();
        }
        if (!open.Viewer.IsOwner || !open.Application.IsOpenForChanges)
        {
            return Forbid();
        }
        Open = open;
        var ids = open.Application.Members.Select(m => m.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, Unit = u.Organisation!.Name }).ToListAsync();
        Members = [.. open.Application.Members.OrderBy(m => m.Role).Select(m => users.Single(u => u.Id == m.UserId) is var u ? (m.UserId, u.DisplayName, (string?)u.Unit, m.Role) : default)];
        return null;
    }
}
