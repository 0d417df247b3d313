using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Enrolments;

/// <summary>An action on one enrolment, on a page of its own (log hours, record a meeting, add a partner, propose a
/// transfer, close). The page opens the case file with only the parts the action needs, and saves through
/// <see cref="CaseFileChange"/>. Unknown, unseen and another resident's enrolment all answer "not found"; read-only
/// access answers 403 as on the resident's page; a closed enrolment or one in another district shows why nothing can
/// be done.</summary>
public abstract class EnrolmentActionModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    /// <summary>What of the case file the action needs beyond the resident and the enrolments.</summary>
    protected abstract CaseFileParts Parts { get; }

    protected CaseFiles Files { get; } = files;
    protected IStringLocalizer<SharedResource> L { get; } = l;
    protected TimeProvider Clock { get; } = clock;

    public CaseFile CaseFile { get; private set; } = null!;
    public Enrolment Enrolment { get; private set; } = null!;

    /// <summary>False when the enrolment is closed or belongs to another district: the page says so and offers no form.</summary>
    public bool MayChange { get; private set; }

    /// <summary>Why the enrolment cannot be changed here, in the user's words.</summary>
    public string NotChangeableReason => Enrolment.End is not null ? L["Oppfølgingen er avsluttet og kan ikke endres."]
        : Enrolment.DistrictId != CaseFile.Actor.DistrictId ? L["Oppfølgingen hører til en annen bydel. Bare den bydelen kan endre den."]
        : L["Oppfølgingen hører til et annet team. Bare teamet, kontaktpersonen og teamlederen kan endre den."];

    /// <summary>Set when someone else saved first: the page now shows what is stored.</summary>
    protected bool Conflicted { get; private set; }

    /// <summary>Sets the page's title (with the resident's name) and breadcrumb, as every casework page has them. In the
    /// page itself: a partial's ViewData is a copy, so the layout would not see them.</summary>
    public void SetHeading(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary viewData, string title)
    {
        viewData["Title"] = $"{title} – {CaseFile.Resident.FullName}";
        viewData["Heading"] = title;
        viewData.SetCrumbs(new Crumb(L["Start"], "/"), new Crumb(L["Bo-oppfølging"], "/casework"),
            new Crumb(CaseFile.Resident.FullName, ResidentUrl), new Crumb(title));
    }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().Date);
    public string ResidentUrl => $"/casework/residents/details/{CaseFile.Resident.Id}";

    /// <summary>Opens the case file for the page; null when it may be shown, else the refusal to return.</summary>
    protected async Task<IActionResult?> OpenAsync(Guid id, Guid enrolmentId, string action)
    {
        var file = await Files.OpenAsync(id, action, Parts, HttpContext.RequestAborted);
        var enrolment = file?.Enrolments.FirstOrDefault(e => e.Id == enrolmentId);
        if (file is null || enrolment is null)
        {
            return NotFound();
        }
        // Read-only access (an ended follow-up, emergency access) may see why nothing can be done here, not change it.
        if (!file.CanChange && action == AccessActions.Change)
        {
            return Forbid();
        }
        CaseFile = file;
        Enrolment = enrolment;
        MayChange = file.MayChange(enrolment);
        return null;
    }

    /// <summary>Opens, applies the change and saves: redirects to the resident's page when saved, otherwise shows this
    /// page again with the user's input (after a conflict, with what is stored now).</summary>
    protected async Task<IActionResult> ChangeAsync(Guid id, Guid enrolmentId, Func<CaseFile, Enrolment, string?> change)
    {
        if (await OpenAsync(id, enrolmentId, AccessActions.Change) is { } refused)
        {
            return refused;
        }
        if (!MayChange)
        {
            // The page says why (NotChangeableReason); the summary says what happened.
            ModelState.AddModelError("", L["Ingenting er lagret."]);
        }
        await ValidateAsync();
        switch (await CaseFileChange.SaveAsync(this, CaseFile, file => change(file, Enrolment), L))
        {
            case CaseFileChange.Outcome.Saved:
                if (await AfterSaveAsync() is not { } undone)
                {
                    return Redirect(ResidentUrl);
                }
                // A check that only holds once the save is in (see HoursModel) took it back: show the form again.
                TempData.ClearFlash();
                ModelState.AddModelError(undone.Field, undone.Message);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case CaseFileChange.Outcome.Conflict:
                Conflicted = true;
                // What is stored now; if the other save took the worker's access or the enrolment away, say so as for any id.
                if (await OpenAsync(id, enrolmentId, AccessActions.View) is { } gone)
                {
                    return gone;
                }
                break;
        }
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>Checks that need the database (a chosen organisation or district exists), before the change runs.</summary>
    protected virtual Task ValidateAsync() => Task.CompletedTask;

    /// <summary>A rule that only holds across requests once the save is in: an error (in the user's words) when it had to
    /// undo the save.</summary>
    protected virtual Task<Husly.Common.RuleError?> AfterSaveAsync() => Task.FromResult<Husly.Common.RuleError?>(null);

    /// <summary>The choice lists the form offers.</summary>
    protected virtual Task LoadChoicesAsync() => Task.CompletedTask;

    /// <summary>Shows the form.</summary>
    protected async Task<IActionResult> ShowAsync(Guid id, Guid enrolmentId)
    {
        if (await OpenAsync(id, enrolmentId, AccessActions.View) is { } refused)
        {
            return refused;
        }
        await LoadChoicesAsync();
        return Page();
    }
}
