using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

public sealed class DetailsModel(HuslyDbContext db, CallAccess access, CallStages stages, Invitations invitations, CallText text,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Call Call { get; private set; } = null!;
    public string ProgrammeName { get; private set; } = "";
    public CallState State { get; private set; }
    public string TextHtml { get; private set; } = "";
    public bool MayManage { get; private set; }
    public List<StageStep> Flow { get; private set; } = [];
    public List<string> InvitedUnitNames { get; private set; } = [];

    /// <summary>Who the invitation goes to (before publication) or went to, for the programme's managers.</summary>
    public int RecipientCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var call = await access.FindAsync(User, id);
        if (call is null)
        {
            return NotFound();
        }
        await ShowAsync(call);
        return Page();
    }

    /// <summary>Publishes a draft: the call becomes visible to everyone signed in and the invitation is put in the outbox
    /// in the same save, so either both happen or neither. Two managers publishing at once: one wins, the other is told.</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, Guid version)
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
        if (call.PublishedAt is not null || call.Version != version)
        {
            ModelState.AddModelError("", call.PublishedAt is not null
                ? l["Utlysningen er allerede publisert, og invitasjonen er sendt."]
                : l["Noen andre har endret utlysningen siden du åpnet den. Se over den og publiser på nytt."]);
            await ShowAsync(call);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var error in call.ValidateForPublishing(now))
        {
            ModelState.AddModelError(error.Field, l[error.Message]);
        }
        if (!ModelState.IsValid)
        {
            await ShowAsync(call);
            return Page();
        }
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        call.PublishedAt = now;
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == call.ProgrammeId).Select(p => p.Name).SingleAsync();
        var sent = await invitations.QueueAsync(call, programme);
        call.InvitationsSent = sent;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await access.FindAsync(User, id);
            if (current is null)
            {
                return NotFound();
            }
            ModelState.AddModelError("", current.PublishedAt is not null
                ? l["Noen andre publiserte utlysningen samtidig. Invitasjonen er sendt én gang."]
                : l["Noen andre har endret utlysningen siden du åpnet den. Se over den og publiser på nytt."]);
            await ShowAsync(current);
            return Page();
        }
        TempData.Flash(l["Utlysningen er publisert. Invitasjonen er sendt til {0} mottakere.", sent]);
        return Redirect($"/calls/{id}");
    }

    private async Task ShowAsync(Call call)
    {
        Call = call;
        State = call.StateAt(clock.GetUtcNow().UtcDateTime);
        ProgrammeName = await db.Programmes.AsNoTracking().Where(p => p.Id == call.ProgrammeId).Select(p => p.Name).SingleAsync();
        TextHtml = text.ToHtml(call.Text);
        Flow = [.. (await stages.ForProgrammeAsync(call.ProgrammeId)).Where(s => s.IsEnabled)];
        MayManage = await access.MayManageAsync(User, call.ProgrammeId);
        if (MayManage)
        {
            var unitIds = call.InvitedUnits.Select(u => u.OrganisationId).ToList();
            InvitedUnitNames = await db.Organisations.AsNoTracking().Where(o => unitIds.Contains(o.Id)).OrderBy(o => o.Name).Select(o => o.Name).ToListAsync();
            RecipientCount = call.PublishedAt is null ? (await invitations.RecipientsAsync(call)).Count : call.InvitationsSent;
        }
    }
}
