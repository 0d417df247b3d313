using Husly.Data;
using Husly.Features.Administration.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>What the create and edit pages share: the form, the units an invitation can go to, and saving.</summary>
public abstract class CallFormPage(HuslyDbContext db, OrganisationLookups units, CallText text, IStringLocalizer<SharedResource> l) : PageModel
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
        if (!text.TryToHtml(call.Text, out _))
        {
            ModelState.AddModelError("Input.Text", l["Teksten har for mange nivåer inni hverandre (for eksempel sitat i sitat). Forenkle den."]);
        }
        foreach (var error in call.Validate())
        {
            ModelState.AddModelError("Input." + error.Field, l[error.Message]);
        }
        // A published call stays publishable: criteria totalling 100 and a budget frame (the deadline may have passed).
        if (call.PublishedAt is not null)
        {
            foreach (var error in call.ValidateForPublishing(DateTime.MinValue))
            {
                ModelState.AddModelError("Input.Criteria", l[error.Message]);
            }
        }
        return ModelState.IsValid;
    }

    protected PageResult ShowForm()
    {
        Input.AddBlankRows();
        return Page();
    }
}
