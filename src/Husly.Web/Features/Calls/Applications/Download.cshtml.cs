using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Applications;

/// <summary>An attachment, to whoever may see the application; always as a download with its checked type, never inline.</summary>
public sealed class DownloadModel(HuslyDbContext db, ApplicationAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId)
    {
        if (await access.OpenAsync(User, id) is null)
        {
            return NotFound();
        }
        var file = await db.ApplicationAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.ApplicationId == id);
        if (file is null)
        {
            return NotFound();
        }
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
