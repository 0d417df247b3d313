using Husly.Features.Concerns.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Concerns.Triage;

/// <summary>The district's queue of concerns: new ones by deadline (escalated and overdue first), the worker's own, all
/// open ones, and the closed. Shows how urgent each is and how long it has waited.</summary>
public sealed class IndexModel(ConcernCases cases, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public QueueView View { get; set; } = QueueView.New;

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public bool CentralDesk { get; private set; }

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = cases.Actor;
        if (!ConcernCases.MayTriage(actor))
        {
            return Forbid();
        }
        CentralDesk = ConcernCases.IsCentralDesk(actor);
        Now = clock.GetUtcNow().UtcDateTime;
        Rows = await cases.QueueAsync(View, ct);
        return Page();
    }
}
