using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Concerns.Rent;

/// <summary>The administrators upload the municipal landlord's rent ledger (CSV, docs/rent-ledger-format.md) and follow
/// each import: rows added, changed, unchanged and refused, and the alerts raised.</summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(RentImports.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RentImports.MaxBytes + 64 * 1024)]
public sealed class IndexModel(HuslyDbContext db, RentImports imports, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<RentImport> Imports { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", l["Velg en CSV-fil med husleieregnskapet."]);
        }
        else if (file.Length > RentImports.MaxBytes)
        {
            ModelState.AddModelError("file", l["Filen er større enn {0} MB. Del den opp.", RentImports.MaxBytes / 1024 / 1024]);
        }
        else if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("file", l["Filen må være en CSV-fil (.csv) i formatet som er beskrevet."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var started = await imports.StartAsync(file.FileName, buffer.ToArray(), User.DisplayName(), ct);
        if (started.Refusal is { } why)
        {
            ModelState.AddModelError("file", l[why]);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData.Flash(started.AlreadyImported
            ? l["Denne filen ble importert {0}. Den er ikke lest inn på nytt.", Platform.Localization.Format.Timestamp(started.UploadedAt)]
            : l["Filen er lastet opp og importeres nå."]);
        return Redirect("/administration/rent-ledger/" + started.ImportId);
    }

    private async Task LoadAsync() =>
        Imports = await db.RentImports.AsNoTracking().OrderByDescending(i => i.UploadedAt).Take(50).ToListAsync();
}
