using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

public sealed class CreateModel(HuslyDbContext db, OrganisationLookups units, CallText text, CallAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : CallFormPage(db, units, text, l)
{
    public List<SelectListItem> ProgrammeChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? programmeId)
    {
        if (!await LoadProgrammesAsync())
        {
            return Forbid();
        }
        var today = DateOnly.FromDateTime(Husly.Platform.Localization.Format.ToOslo(clock.GetUtcNow().UtcDateTime));
        var year = today.Year + 1;
        Input = new CallForm
        {
            ProgrammeId = programmeId is { } p && ProgrammeChoices.Any(c => c.Value == p.ToString()) ? p : null,
            Year = year,
            OpensOn = today,
            ClosesOn = new DateOnly(year, 1, 15),
            BudgetFrame = 0,
        };
        await LoadChoicesAsync();
        return ShowForm();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadProgrammesAsync())
        {
            return Forbid();
        }
        if (Input.ProgrammeId is not { } programmeId || !ProgrammeChoices.Any(c => c.Value == programmeId.ToString()))
        {
            ModelState.AddModelError("Input.ProgrammeId", L["Velg et program du leder."]);
        }
        var call = new Call { Id = Guid.CreateVersion7(), ProgrammeId = Input.ProgrammeId ?? Guid.Empty };
        if (!await TryApplyAsync(call))
        {
            return ShowForm();
        }
        Db.Calls.Add(call);
        await Db.SaveChangesAsync();
        TempData.Flash(L["Utlysningen er lagret som utkast. Den er synlig bare for programmets ledere til den publiseres."]);
        return Redirect($"/calls/{call.Id}");
    }

    /// <summary>The programmes this user may create calls for; none means the page is not for them.</summary>
    private async Task<bool> LoadProgrammesAsync()
    {
        ProgrammeChoices = [.. (await access.ManagedProgrammesAsync(User)).Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
        return ProgrammeChoices.Count > 0;
    }
}
