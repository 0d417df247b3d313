using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Calls.Applications;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>A project lead or district director starts an application from an open call: it is saved as a draft they own.</summary>
public sealed class ApplyModel(HuslyDbContext db, CallAccess access, OrganisationLookups units, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Display(Name = "Navn på søknaden")]
        [Required(ErrorMessage = "Gi søknaden et navn.")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
        public string Title { get; set; } = "";

        [Display(Name = "Enheten som søker")]
        [Required(ErrorMessage = "Velg enheten som søker.")]
        public Guid? LeadUnitId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Call Call { get; private set; } = null!;
    public List<SelectListItem> LeadUnits { get; private set; } = [];
    public bool IsOpen { get; private set; }

    public const int MaxDrafts = 20;

    /// <summary>Municipal units apply; programme managers assess, so they do not.</summary>
    public static bool MayApply(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.ProjectLead) || user.IsInRole(Roles.DistrictDirector);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        Input.LeadUnitId = LeadUnits.Count == 1 ? Guid.Parse(LeadUnits[0].Value) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (Input.LeadUnitId is { } unit && !LeadUnits.Any(u => u.Value == unit.ToString()))
        {
            ModelState.AddModelError("Input.LeadUnitId", l["Du kan søke for enheten du hører til. Velg den fra listen."]);
        }
        var me = User.Id()!.Value;
        if (await db.Applications.CountAsync(a => a.Stage == ApplicationStage.Draft && a.Members.Any(m => m.UserId == me && m.Role == MemberRole.Owner)) >= MaxDrafts)
        {
            ModelState.AddModelError("", l["Du har allerede {0} utkast. Send inn eller slett noen før du starter flere.", MaxDrafts]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var application = new Application
        {
            Id = Guid.CreateVersion7(),
            CallId = id,
            Title = Input.Title.Trim(),
            LeadUnitId = Input.LeadUnitId!.Value,
            Members = [new ApplicationMember { UserId = User.Id()!.Value, Role = MemberRole.Owner }],
        };
        application.Members[0].ApplicationId = application.Id;
        db.Applications.Add(application);
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = application.Id, At = clock.GetUtcNow().UtcDateTime, By = User.DisplayName(), What = "Påbegynt" });
        await db.SaveChangesAsync();
        TempData.Flash(l["Søknaden er lagret som utkast. Fyll ut delene og lagre underveis."]);
        return Redirect($"/applications/edit/{application.Id}");
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var call = await access.FindAsync(User, id);
        if (call is null)
        {
            return NotFound();
        }
        if (!MayApply(User))
        {
            return Forbid();
        }
        Call = call;
        IsOpen = call.StateAt(clock.GetUtcNow().UtcDateTime) == CallState.Open;
        if (!IsOpen && HttpMethods.IsPost(Request.Method))
        {
            ModelState.AddModelError("", l["Utlysningen er ikke åpen. Du kan søke mens den er åpen."]);
        }
        // One applies for one's own unit (a team applies through its district), so the right director is asked to endorse.
        var all = await units.UnitsAsync();
        var own = all.FirstOrDefault(u => u.Id == User.OrganisationId());
        var unit = own?.Kind == OrganisationKind.Team ? all.FirstOrDefault(u => u.Id == own.ParentId) : own;
        LeadUnits = unit is { Kind: OrganisationKind.District or OrganisationKind.Agency } ? [new SelectListItem(unit.Name, unit.Id.ToString())] : [];
        if (LeadUnits.Count == 0)
        {
            ModelState.AddModelError("", l["Enheten din kan ikke søke. Søknader kommer fra bydeler og etater."]);
        }
        return null;
    }
}
