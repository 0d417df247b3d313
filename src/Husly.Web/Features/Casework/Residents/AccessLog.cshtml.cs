using Husly.Features.Casework.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Casework.Residents;

/// <summary>The resident's access report, printable to hand over when the resident asks who has looked at their data.</summary>
public sealed class AccessLogModel(AccessReports reports) : PageModel
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
