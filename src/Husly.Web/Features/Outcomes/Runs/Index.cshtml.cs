using Husly.Features.Shared;
using Husly.Platform.Auth;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Outcomes.Runs;

/// <summary>The results computation for administrators: the running run's progress (polled by htmx, a reload link
/// without script), the runs before it, and a button to start one now.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(OutcomeRuns runs, IStringLocalizer<SharedResource> l) : PageModel
{
    public OutcomeRun? Running { get; private set; }
    public IReadOnlyList<OutcomeRun> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Running = await runs.RunningAsync(ct);
        Recent = await runs.RecentAsync(ct);
        return Request.IsHtmx() ? Partial("_RunProgress", this) : Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var already = await runs.RunningAsync(ct) is not null;
        await runs.StartAsync(User.FindFirst(HuslyClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "", ct);
        TempData.Flash(already ? l["En beregning kjører allerede; den fortsetter."] : l["Beregningen er startet."]);
        return RedirectToPage();
    }
}
