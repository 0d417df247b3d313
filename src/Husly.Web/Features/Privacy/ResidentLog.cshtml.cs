using Husly.Features.Casework.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Privacy;

/// <summary>The privacy officer's copy of a resident's access report, for any resident (e.g. on a request for access).</summary>
public sealed class ResidentLogModel(AccessReports reports) : PageModel
{
    public AccessReports.AccessReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var report = await reports.AccessReportAsync(id, HttpContext.RequestAborted);
        if (report is null)
        {
            return NotFound();
        }
        Report = report;
        return Page();
    }
}
