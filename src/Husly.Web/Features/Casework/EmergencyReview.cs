using Husly.Features.Casework.Access;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework;

/// <summary>Marking an emergency access reviewed, the same from the team leader's page and the privacy officer's desk:
/// an over-long note shows the page again (422), an access the reviewer may not review answers not found.</summary>
public static class EmergencyReview
{
    public static async Task<IActionResult> HandleAsync(PageModel page, Emergencies emergencies, Guid emergencyId, string? note,
        Func<Task> reloadPage, IStringLocalizer<SharedResource> l)
    {
        // Only the note is this form's: other fields a page binds alongside it are empty here.
        if (page.ModelState.GetFieldValidationState("note") == ModelValidationState.Invalid)
        {
            await reloadPage();
            page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page.Page();
        }
        if (!(await emergencies.MarkEmergencyReviewedAsync(emergencyId, note, page.HttpContext.RequestAborted)).IsDone)
        {
            return page.NotFound();
        }
        page.TempData.Flash(l["Nødtilgangen er merket som gjennomgått."]);
        return page.RedirectToPage();
    }
}
