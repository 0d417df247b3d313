using Husly.Common;
using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Applications;

/// <summary>The application as a whole: where it stands, whether it is eligible, what it says, who works on it, what
/// happened; and the next step for whoever may take it.</summary>
public sealed class DetailsModel(HuslyDbContext db, ApplicationAccess access, ApplicationFlow flow, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public OpenApplication Open { get; private set; } = null!;
    public List<string> Ineligible { get; private set; } = [];
    public List<RuleError> Missing { get; private set; } = [];
    public List<ApplicationEvent> Events { get; private set; } = [];
    public List<(string Name, string? Email, MemberRole Role)> Members { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public List<(Guid Id, string FileName, long Size)> Attachments { get; private set; } = [];
    public Husly.Features.Calls.Awards.FundingDecision? Decision { get; private set; }

    /// <summary>The application's deadline (the call's, or the one for more information) has passed by the server's clock.</summary>
    public bool PastDeadline { get; private set; }

    [BindProperty]
    [System.ComponentModel.DataAnnotations.StringLength(2000, ErrorMessage = "Kommentaren kan ha høyst 2000 tegn.")]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null)
        {
            return NotFound();
        }
        await ShowAsync(open);
        return Page();
    }

    public Task<IActionResult> OnPostRequestEndorsementAsync(Guid id, Guid version) => StepAsync(id, version, flow.RequestEndorsementAsync, "Søknaden er sendt til bydelsdirektøren for godkjenning.");

    public Task<IActionResult> OnPostWithdrawRequestAsync(Guid id, Guid version) => StepAsync(id, version, o => Task.FromResult(flow.WithdrawRequest(o)), "Forespørselen er trukket tilbake. Søknaden kan endres igjen.");

    public Task<IActionResult> OnPostEndorseAsync(Guid id, Guid version) => StepAsync(id, version, flow.EndorseAsync, "Søknaden er godkjent. Søkerne har fått beskjed.");

    public Task<IActionResult> OnPostSecondRoundAsync(Guid id, Guid version) => StepAsync(id, version, flow.ToSecondRoundAsync, "Søknaden er tatt med videre. Søkerne har fått beskjed.");

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid version) => StepAsync(id, version, o => flow.ReturnAsync(o, Comment), "Søknaden er sendt tilbake med kommentaren din.");

    public Task<IActionResult> OnPostSubmitAsync(Guid id, Guid version) => StepAsync(id, version, flow.SubmitAsync, "Søknaden er sendt inn. Den er låst, og du får e-post når den går videre.");

    /// <summary>One step: the posted version must be the one the user saw, the flow decides, and the change and its mail are
    /// saved together.</summary>
    private async Task<IActionResult> StepAsync(Guid id, Guid version, Func<OpenApplication, Task<ChangeResult>> step, string done)
    {
        var open = await access.OpenAsync(User, id, tracking: true);
        if (open is null)
        {
            return NotFound();
        }
        if (open.Application.Version != version)
        {
            ModelState.AddModelError("", l["Søknaden er endret siden du åpnet den. Se over den og prøv igjen."]);
            await ShowAsync(open);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            await ShowAsync(open);
            return Page();
        }
        var result = await step(open);
        if (result.Status == ChangeStatus.NotFound)
        {
            return open.Viewer.IsMember || open.Viewer.IsEndorser || open.Viewer.IsManager ? Forbid() : NotFound();
        }
        if (result.Status == ChangeStatus.Refused)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", l[error.Message]);
            }
            db.ChangeTracker.Clear();
            await ShowAsync((await access.OpenAsync(User, id))!);
            return Page();
        }
        db.Entry(open.Application).Property(a => a.Version).OriginalValue = version;
        db.Entry(open.Application).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["Noen andre endret søknaden samtidig. Ingenting er lagret. Se over den og prøv igjen."]);
            var current = await access.OpenAsync(User, id);
            if (current is null)
            {
                return NotFound();
            }
            await ShowAsync(current);
            return Page();
        }
        TempData.Flash(l[done]);
        return Redirect($"/applications/{id}");
    }

    private async Task ShowAsync(OpenApplication open)
    {
        Open = open;
        var a = open.Application;
        Ineligible = ApplicationFlow.IneligibleBecause(a, open.Call);
        PastDeadline = clock.GetUtcNow().UtcDateTime >= (a.InformationDueAt ?? open.Call.ClosesAt);
        Missing = [.. ApplicationFlow.Incomplete(a, open.Call)];
        Decision = await db.FundingDecisions.AsNoTracking().Where(d => d.ApplicationId == a.Id).OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync();
        Events = await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == a.Id).OrderBy(e => e.At).ToListAsync();
        var userIds = a.Members.Select(m => m.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync();
        Members = [.. a.Members.OrderBy(m => m.Role).Select(m => users.Single(u => u.Id == m.UserId) is var u ? (u.DisplayName, u.Email, m.Role) : default)];
        var unitIds = a.Units.Select(u => u.OrganisationId).Append(a.LeadUnitId).ToList();
        var groupIds = a.TargetGroups.Select(t => t.TargetGroupId).ToList();
        Names = (await db.Organisations.AsNoTracking().Where(o => unitIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Concat(await db.TargetGroups.AsNoTracking().Where(t => groupIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync())
            .ToDictionary(x => x.Id, x => x.Name);
        Attachments = [.. (await db.ApplicationAttachments.AsNoTracking().Where(x => x.ApplicationId == a.Id).OrderBy(x => x.UploadedAt)
            .Select(x => new { x.Id, x.FileName, x.Size }).ToListAsync()).Select(x => (x.Id, x.FileName, x.Size))];
    }
}
