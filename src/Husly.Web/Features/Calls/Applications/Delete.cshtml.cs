using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Applications;

/// <summary>The owner deletes a draft that will not be sent (after a confirmation page); a submitted application stays.</summary>
public sealed class DeleteModel(HuslyDbContext db, ApplicationAccess access, IStringLocalizer<SharedResource> l) : PageModel
{
    public OpenApplication Open { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await OpenAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid version)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (await db.Applications.Where(a => a.Id == id && a.Version == version && a.Stage == ApplicationStage.Draft && a.EndorsementRequestedAt == null)
                .ExecuteDeleteAsync() == 0)
        {
            ModelState.AddModelError("", l["Søknaden er endret siden du åpnet den. Se over den og prøv igjen."]);
            return Page();
        }
        TempData.Flash(l["Utkastet «{0}» er slettet.", Open.Application.Title]);
        return Redirect("/applications");
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
        return null;
    }
}
