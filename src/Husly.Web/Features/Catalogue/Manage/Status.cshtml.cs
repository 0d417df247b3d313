using Husly.Common;
using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue.Manage;

/// <summary>A solution as its editors see it: state, preview, the editorial steps and the history of who did what.
/// Sending to review is for every editor; publishing, returning and withdrawing are for the programme's managers.</summary>
public sealed class StatusModel(HuslyDbContext db, CatalogueAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public SolutionView View { get; private set; } = null!;
    public bool Manages { get; private set; }
    public List<SolutionEvent> Events { get; private set; } = [];

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    [System.ComponentModel.DataAnnotations.StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Kommentar")]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, managerOnly: false, s => s.SendToReview(User.DisplayName(), Now) is { } e ? [e] : [], l["Sendt til gjennomgang."], ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, managerOnly: true, s => s.ReturnToDraft(Comment ?? "", User.DisplayName(), Now) is { } e ? [e] : [], l["Sendt tilbake til utkast."], ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, managerOnly: true, s => s.Publish(User.DisplayName(), Now), l["Løsningen er publisert."], ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, managerOnly: true, s => s.Withdraw(Comment ?? "", User.DisplayName(), Now) is { } e ? [e] : [], l["Løsningen er trukket tilbake."], ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> StepAsync(Guid id, bool managerOnly, Func<Solution, IReadOnlyList<RuleError>> step, string done, CancellationToken ct)
    {
        var solution = await db.Solutions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (solution is null || !await access.EditsAsync(User, solution, ct))
        {
            return NotFound();
        }
        if (managerOnly && !await access.ManagesAsync(User, solution.ProgrammeId))
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        if (solution.Version != Version)
        {
            ModelState.AddModelError("", l["Noen andre har endret løsningen etter at du åpnet siden. Ingenting er gjort. Se over den nye versjonen."]);
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var errors = step(solution);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field is "Comment" or "Reason" ? nameof(Comment) : "", l[e.Message]);
            }
            await LoadAsync(id, ct);
            return Page();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret løsningen etter at du åpnet siden. Ingenting er gjort. Se over den nye versjonen."]);
            await LoadAsync(id, ct);
            return Page();
        }
        TempData.Flash(done);
        return Redirect($"/catalogue/manage/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var solution = await db.Solutions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (solution is null || !await access.EditsAsync(User, solution, ct) || await SolutionView.LoadAsync(db, id, ct) is not { } view)
        {
            return false;
        }
        View = view;
        Manages = await access.ManagesAsync(User, solution.ProgrammeId);
        Events = await db.SolutionEvents.AsNoTracking().Where(e => e.SolutionId == id).OrderByDescending(e => e.At).ToListAsync(ct);
        if (!HttpMethods.IsPost(Request.Method) || ModelState.IsValid)
        {
            Version = solution.Version;
        }
        return true;
    }
}
