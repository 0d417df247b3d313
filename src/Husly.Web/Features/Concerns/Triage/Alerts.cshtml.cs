using Husly.Features.Concerns.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Concerns.Triage;

/// <summary>Rent-arrears and eviction alerts: the worker's own (tenants they follow up) and the district's unassigned ones
/// (tenants not in follow-up), by deadline; or those closed with their outcome.</summary>
public sealed class AlertsModel(RentAlerts alerts, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Closed { get; set; }

    public IReadOnlyList<AlertRow> Rows { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ConcernCases.MayTriage(alerts.Actor))
        {
            return Forbid();
        }
        Now = clock.GetUtcNow().UtcDateTime;
        Rows = await alerts.ListAsync(!Closed, ct);
        return Page();
    }
}
