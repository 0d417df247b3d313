using Husly.Features.Casework.Access;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework;

/// <summary>How every casework page saves a change to a case file it opened for change. The change runs only on valid
/// input; it reports its rule errors to ModelState and, when it refuses, leaves what the page shows untouched (the
/// domain methods validate before they change anything). A save that loses to someone else's says so.</summary>
public static class CaseFileChange
{
    public enum Outcome
    {
        /// <summary>Saved and flashed: redirect.</summary>
        Saved,

        /// <summary>Invalid input or a refused rule: show the page again (422) from what is already loaded.</summary>
        Refused,

        /// <summary>Someone else saved first; nothing was saved: open the case file again to show what is stored now.</summary>
        Conflict,
    }

    /// <summary>Runs <paramref name="change"/> (which returns the success message, or null when the row it names is
    /// gone) and saves. Sets 422 unless saved.</summary>
    public static async Task<Outcome> SaveAsync(PageModel page, CaseFile file, Func<CaseFile, string?> change,
        IStringLocalizer<SharedResource> l, string? conflictMessage = null)
    {
        var message = page.ModelState.IsValid ? change(file) : null;
        if (page.ModelState.IsValid && message is null)
        {
            // The row the form named is gone (or was never this resident's); say so rather than show the page unexplained.
            page.ModelState.AddModelError("", l["Raden finnes ikke lenger. Kanskje noen andre har fjernet den."]);
        }
        var outcome = Outcome.Refused;
        if (page.ModelState.IsValid && message is not null)
        {
            if (await file.TrySaveAsync(page.HttpContext.RequestAborted))
            {
                page.TempData.Flash(message);
                return Outcome.Saved;
            }
            page.ModelState.AddModelError("", conflictMessage ?? l["Noen andre har endret brukeren i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
            outcome = Outcome.Conflict;
        }
        file.Discard();
        page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return outcome;
    }
}
