using Husly.Features.Casework.Access;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework;

/// <summary>The team leader's queue of transfers (brukerbytte): incoming proposals with how long they have waited, to
/// accept with a team and contact person or decline with a reason; the district's outgoing proposals; and possible
/// duplicates (a number registered here that a record elsewhere has, or the other way round) to agree on.</summary>
public sealed class TransfersModel(TransferRequests transfers, PossibleDuplicates duplicates, CaseworkLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<TransferRequests.TransferRow> Incoming { get; private set; } = [];
    public IReadOnlyList<TransferRequests.TransferRow> Outgoing { get; private set; } = [];
    public IReadOnlyList<PossibleDuplicates.DuplicateRow> Duplicates { get; private set; } = [];
    public List<SelectListItem> Teams { get; private set; } = [];
    public List<SelectListItem> Workers { get; private set; } = [];

    /// <summary>The transfer whose form failed, so its input and errors show again.</summary>
    public Guid? FailedId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsInRole(Roles.TeamLeader))
        {
            return Forbid();
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid transferId, Guid? teamId, Guid? contactPersonId)
    {
        if (!User.IsInRole(Roles.TeamLeader))
        {
            return Forbid();
        }
        var district = User.DistrictId()!.Value;
        if (contactPersonId is null || !await lookups.IsWorkerAsync(district, contactPersonId.Value))
        {
            ModelState.AddModelError("contactPersonId", l["Velg en kontaktperson i bydelen."]);
        }
        if (teamId is { } team && !await lookups.IsTeamAsync(district, team))
        {
            ModelState.AddModelError("teamId", l["Teamet hører ikke til bydelen."]);
        }
        if (ModelState.IsValid)
        {
            foreach (var error in (await transfers.AcceptTransferAsync(transferId, teamId, contactPersonId!.Value, HttpContext.RequestAborted)).Errors)
            {
                ModelState.AddModelError(error.Field, l[error.Message]);
            }
        }
        return await DoneAsync(transferId, l["Brukerbyttet er akseptert. Brukeren er nå i oppfølging i bydelen."]);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid transferId, [System.ComponentModel.DataAnnotations.StringLength(1000, ErrorMessage = "Begrunnelsen kan ha høyst {1} tegn.")] string? reason)
    {
        if (!User.IsInRole(Roles.TeamLeader))
        {
            return Forbid();
        }
        if (ModelState.IsValid)
        {
            foreach (var error in (await transfers.DeclineTransferAsync(transferId, reason, HttpContext.RequestAborted)).Errors)
            {
                ModelState.AddModelError(error.Field, l[error.Message]);
            }
        }
        return await DoneAsync(transferId, l["Brukerbyttet er avslått. Bydelen som foreslo det, ser begrunnelsen."]);
    }

    public async Task<IActionResult> OnPostResolveDuplicateAsync(Guid duplicateId, Guid version, DuplicateResolution? resolution, [System.ComponentModel.DataAnnotations.StringLength(1000, ErrorMessage = "Merknaden kan ha høyst {1} tegn.")] string? note)
    {
        if (!User.IsInRole(Roles.TeamLeader))
        {
            return Forbid();
        }
        if (resolution is null || !Enum.IsDefined(resolution.Value))
        {
            ModelState.AddModelError("resolution", l["Velg hva som er avklart."]);
        }
        else if (ModelState.IsValid && await duplicates.ResolveDuplicateAsync(duplicateId, version, resolution.Value, note, HttpContext.RequestAborted) is { Errors: [var error, ..] })
        {
            ModelState.AddModelError(error.Field, l[error.Message]);
        }
        return await DoneAsync(duplicateId, l["Den mulige dubletten er behandlet."]);
    }

    private async Task<IActionResult> DoneAsync(Guid transferId, string message)
    {
        if (ModelState.IsValid)
        {
            TempData.Flash(message);
            return RedirectToPage();
        }
        FailedId = transferId;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync()
    {
        var district = User.DistrictId()!.Value;
        Incoming = await transfers.TransfersAsync(incoming: true, HttpContext.RequestAborted);
        Outgoing = await transfers.TransfersAsync(incoming: false, HttpContext.RequestAborted);
        Duplicates = await duplicates.DuplicatesAsync(HttpContext.RequestAborted);
        Teams = await lookups.TeamsAsync(district);
        Workers = await lookups.WorkersAsync(district);
    }
}
