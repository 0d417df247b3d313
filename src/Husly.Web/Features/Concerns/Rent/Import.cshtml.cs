using Htmx;
using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Concerns.Rent;

/// <summary>One import: progress while it runs (htmx asks again every two seconds; without script, a link reloads), then
/// the counts and every refused row with why.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ImportModel(HuslyDbContext db) : PageModel
{
    public const int ShownRejections = 1000;

    [FromRoute]
    public Guid Id { get; set; }

    public RentImport Import { get; private set; } = null!;

    public IReadOnlyList<RentImportRejection> Rejections { get; private set; } = [];

    public bool Running => Import.Status is ImportStatus.Queued or ImportStatus.Running;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await db.RentImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id) is not { } import)
        {
            return NotFound();
        }
        Import = import;
        if (!Running)
        {
            Rejections = await db.RentImportRejections.AsNoTracking().Where(r => r.ImportId == Id).OrderBy(r => r.Row).Take(ShownRejections).ToListAsync();
        }
        if (Request.IsHtmx() && !Running)
        {
            // Done: the whole page again, with the counts and refused rows.
            Response.Headers["HX-Refresh"] = "true";
        }
        return Request.IsHtmx() && Running ? Partial("_Progress", this) : Page();
    }
}
