using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Applications;

/// <summary>Members add PDF, Word and Excel files to a draft (10 MB each, 20 in all) and remove them.</summary>
[RequestSizeLimit(AttachmentType.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentType.MaxBytes + 1024 * 1024)]
public sealed class AttachmentsModel(HuslyDbContext db, ApplicationAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxFiles = 20;

    public OpenApplication Open { get; private set; } = null!;
    public List<(Guid Id, string FileName, long Size, DateTime UploadedAt, string UploadedBy)> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await OpenAsync(id) ?? Page();

    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", l["Velg en fil."]);
            return Page();
        }
        if (file.Length > AttachmentType.MaxBytes)
        {
            ModelState.AddModelError("file", l["Filen er større enn 10 MB. Del den opp eller komprimer den."]);
            return Page();
        }
        if (Files.Count >= MaxFiles)
        {
            ModelState.AddModelError("file", l["Søknaden har allerede {0} vedlegg, som er det meste. Fjern et først.", MaxFiles]);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var content = buffer.ToArray();
        if (AttachmentType.Detect(content) is not { } kind)
        {
            ModelState.AddModelError("file", l["Filen er ikke en PDF-, Word- (.docx) eller Excel-fil (.xlsx). Typen leses fra innholdet, ikke fra navnet; filer med makroer tas ikke imot."]);
            return Page();
        }
        db.ApplicationAttachments.Add(new ApplicationAttachment
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = id,
            FileName = AttachmentType.SafeName(file.FileName, kind),
            ContentType = kind.ContentType,
            Size = content.Length,
            Content = content,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = Open.Viewer.Name,
        });
        if (!await ApplicationChange.TrySaveAsync(db, Open))
        {
            ModelState.AddModelError("file", l["Noen andre endret søknaden samtidig. Ingenting er lagret. Se over den og prøv igjen."]);
            return Page();
        }
        TempData.Flash(l["Vedlegget er lagt til."]);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid attachmentId)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        var attachment = await db.ApplicationAttachments.FirstOrDefaultAsync(x => x.Id == attachmentId && x.ApplicationId == id);
        if (attachment is null)
        {
            return NotFound();
        }
        db.ApplicationAttachments.Remove(attachment);
        if (!await ApplicationChange.TrySaveAsync(db, Open))
        {
            ModelState.AddModelError("", l["Noen andre endret søknaden samtidig. Ingenting er lagret. Se over den og prøv igjen."]);
            return Page();
        }
        TempData.Flash(l["Vedlegget er fjernet."]);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null)
        {
            return NotFound();
        }
        if (!open.Viewer.IsMember || !open.Application.IsOpenForChanges)
        {
            return Forbid();
        }
        Open = open;
        Files = [.. (await db.ApplicationAttachments.AsNoTracking().Where(x => x.ApplicationId == id).OrderBy(x => x.UploadedAt)
            .Select(x => new { x.Id, x.FileName, x.Size, x.UploadedAt, x.UploadedBy }).ToListAsync())
            .Select(x => (x.Id, x.FileName, x.Size, x.UploadedAt, x.UploadedBy))];
        return null;
    }
}
