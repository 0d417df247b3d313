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

    // Razor Pages has a route value called "page"; only the query string may set this.
    [FromQuery(Name = "page")]
    [System.ComponentModel.DataAnnotations.Range(1, 100_000, ErrorMessage = "Sidetallet må være minst {1}.")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int CurrentPage { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Total + ConcernCases.PageSize - 1) / ConcernCases.PageSize);

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
        CurrentPage = ModelState.IsValid ? PageNumber ?? 1 : 1;
        (Rows, Total) = await cases.QueueAsync(View, CurrentPage, ct);
        return Page();
    }
}
