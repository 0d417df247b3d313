using Husly.Data;
using Husly.Features.Administration.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>What the create and edit pages share: the form, the units an invitation can go to, and saving.</summary>
public abstract class CallFormPage(HuslyDbContext db, OrganisationLookups units, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CallForm Input { get; set; } = new();

    /// <summary>Units besides the districts (whose directors are always invited): agencies, departments, partners.</summary>
    public List<SelectListItem> UnitChoices { get; private set; } = [];

    protected HuslyDbContext Db => db;
    protected IStringLocalizer<SharedResource> L => l;

    protected async Task LoadChoicesAsync()
    {
        UnitChoices = [.. (await units.UnitsAsync())
            .Where(u => u.Kind is not (OrganisationKind.District or OrganisationKind.Team))
            .OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new SelectListItem(u.Name, u.Id.ToString(), Input.InvitedUnits.Contains(u.Id)))];
    }

    /// <summary>Checks the input and copies it onto the call; false leaves the errors in ModelState.</summary>
    protected async Task<bool> TryApplyAsync(Call call)
    {
        await LoadChoicesAsync();
        if (Input.InvitedUnits.Any(id => !UnitChoices.Any(c => c.Value == id.ToString())))
        {
            ModelState.AddModelError("Input.InvitedUnits", l["En av enhetene finnes ikke lenger. Velg på nytt."]);
        }
        if (!Input.TryApply(call, ModelState, key => l[key]))
        {
            return false;
        }
        foreach (var error in call.Validate())
        {
            ModelState.AddModelError("Input." + error.Field, l[error.Message]);
        }
        return ModelState.IsValid;
    }

    protected PageResult ShowForm()
    {
        Input.AddBlankRows();
        return Page();
    }
}
