using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Portfolio;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Applications;

/// <summary>Members write the application's sections while it is an open draft; each save keeps the draft.</summary>
public sealed class EditModel(HuslyDbContext db, ApplicationAccess access, PortfolioLookups portfolio, OrganisationLookups units,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ApplicationForm Input { get; set; } = new();

    public OpenApplication Open { get; private set; } = null!;
    public List<SelectListItem> TargetGroupChoices { get; private set; } = [];
    public List<SelectListItem> DistrictChoices { get; private set; } = [];
    public List<SelectListItem> PartnerChoices { get; private set; } = [];

    /// <summary>The applying unit's projects in the call's programme, which this application may continue.</summary>
    public List<SelectListItem> ProjectChoices { get; private set; } = [];
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id, tracking: false) is { } refusal)
        {
            return refusal;
        }
        if (!Open.Application.IsOpenForChanges)
        {
            return Redirect($"/applications/{id}");
        }
        Input = ApplicationForm.From(Open.Application);
        return Show();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await OpenAsync(id, tracking: true) is { } refusal)
        {
            return refusal;
        }
        var a = Open.Application;
        if (!a.IsOpenForChanges)
        {
            ModelState.AddModelError("", l["Søknaden er sendt videre og kan ikke endres nå. Ingenting er lagret."]);
            return Show();
        }
        if (Input.Version != a.Version)
        {
            Conflict = true;
            ModelState.AddModelError("", l["Noen andre har lagret søknaden mens du skrev. Ingenting er overskrevet. Åpne søknaden på nytt i en ny fane, og før inn endringene dine der."]);
            return Show();
        }
        static HashSet<Guid> Ids(List<SelectListItem> items) => [.. items.Select(i => Guid.Parse(i.Value))];
        if (!Input.TryApply(a, Open.Call, Ids(TargetGroupChoices), Ids(DistrictChoices), Ids(PartnerChoices), Ids(ProjectChoices), ModelState, key => l[key]))
        {
            return Show();
        }
        db.Entry(a).Property(x => x.Version).OriginalValue = Input.Version;
        db.Entry(a).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            Conflict = true;
            ModelState.AddModelError("", l["Noen andre har lagret søknaden mens du skrev. Ingenting er overskrevet. Åpne søknaden på nytt i en ny fane, og før inn endringene dine der."]);
            return Show();
        }
        TempData.Flash(l["Søknaden er lagret."]);
        return Redirect($"/applications/{id}");
    }

    private PageResult Show()
    {
        Input.AddBlankRows();
        return Page();
    }

    private async Task<IActionResult?> OpenAsync(Guid id, bool tracking)
    {
        var open = await access.OpenAsync(User, id, tracking);
        if (open is null)
        {
            return NotFound();
        }
        if (!open.Viewer.IsMember)
        {
            return Forbid();
        }
        Open = open;
        TargetGroupChoices = await portfolio.TargetGroupsAsync();
        DistrictChoices = await units.DistrictsAsync(except: open.Application.LeadUnitId);
        PartnerChoices = await units.PartnersAsync();
        ProjectChoices = [.. (await db.Projects.AsNoTracking()
            .Where(p => p.ProgrammeId == open.Call.ProgrammeId && p.LeadUnitId == open.Application.LeadUnitId && !p.IsArchived)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync()).Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
        return null;
    }
}
