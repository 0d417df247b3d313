using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>Edits a call, also after publication (a correction, a moved deadline); the invitation is not sent again.</summary>
public sealed class EditModel(HuslyDbContext db, OrganisationLookups units, CallText text, CallAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : CallFormPage(db, units, text, l)
{
    public Guid Id { get; private set; }
    public string CallTitle { get; private set; } = "";
    public bool IsPublished { get; private set; }

    /// <summary>The stored values when someone else saved while this user edited.</summary>
    public CallForm? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var call = await access.FindAsync(User, id);
        if (call is null)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(User, call.ProgrammeId))
        {
            return Forbid();
        }
        Show(call);
        Input = CallForm.From(call);
        await LoadChoicesAsync();
        return ShowForm();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var call = await access.FindAsync(User, id, tracking: true);
        if (call is null)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(User, call.ProgrammeId))
        {
            return Forbid();
        }
        Show(call);
        if (Input.Version != call.Version)
        {
            return await ShowConflictAsync(call);
        }
        // What others have already relied on: the criteria reviewers score and the questions applicants answered.
        static string Terms(Call c) => string.Join("|", c.Criteria.OrderBy(x => x.SortOrder).Select(x => $"{x.Name}/{x.Weight}"))
            + "#" + string.Join("|", c.Questions.OrderBy(x => x.SortOrder).Select(x => $"{x.Text}/{x.YesDisqualifies}"));
        var termsBefore = Terms(call);
        var closesBefore = call.ClosesAt;
        var hasApplications = call.PublishedAt is not null && await Db.Applications.AnyAsync(a => a.CallId == id);
        if (!await TryApplyAsync(call))
        {
            return ShowForm();
        }
        if (hasApplications && Terms(call) != termsBefore)
        {
            ModelState.AddModelError("Input.Criteria", L["Kriteriene og spørsmålene kan ikke endres etter at noen har begynt å søke: søknader er besvart og vurdert etter dem."]);
        }
        if (call.PublishedAt is not null && call.ClosesAt < closesBefore && call.ClosesAt <= clock.GetUtcNow().UtcDateTime)
        {
            ModelState.AddModelError("Input.ClosesOn", L["Fristen kan ikke flyttes til et tidspunkt som har vært."]);
        }
        if (call.BudgetFrame < call.AwardedTotal)
        {
            ModelState.AddModelError("Input.BudgetFrame", L["Budsjettrammen kan ikke være mindre enn det som allerede er tildelt ({0}).", Husly.Platform.Localization.Format.Nok(call.AwardedTotal)]);
        }
        if (!ModelState.IsValid)
        {
            return ShowForm();
        }
        Db.Entry(call).Property(c => c.Version).OriginalValue = Input.Version;
        // Saving renews the version even when only rows changed, so other open forms see the change.
        Db.Entry(call).State = EntityState.Modified;
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            var current = await access.FindAsync(User, id);
            return current is null ? NotFound() : await ShowConflictAsync(current);
        }
        TempData.Flash(L["Endringene er lagret."]);
        return Redirect($"/calls/{id}");
    }

    private void Show(Call call)
    {
        Id = call.Id;
        CallTitle = call.Title;
        IsPublished = call.PublishedAt is not null;
    }

    private async Task<IActionResult> ShowConflictAsync(Call current)
    {
        ModelState.AddModelError("", L["Noen andre har endret utlysningen mens du redigerte. Ingenting er overskrevet. Skjemaet viser dine verdier; de lagrede står i boksen over. Lagre på nytt for å bruke dine."]);
        Current = CallForm.From(current);
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
        await LoadChoicesAsync();
        return ShowForm();
    }
}
