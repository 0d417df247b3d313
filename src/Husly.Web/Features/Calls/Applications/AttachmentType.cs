using System.IO.Compression;

namespace Husly.Features.Calls.Applications;

/// <summary>What a file really is, read from its content: a PDF, a Word document or an Excel workbook. The name the
/// browser sent decides nothing; a macro-enabled Office file or anything else is refused.</summary>
public static class AttachmentType
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public sealed record Kind(string ContentType, string Extension);

    public static readonly Kind Pdf = new("application/pdf", ".pdf");
    public static readonly Kind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly Kind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    public static Kind? Detect(byte[] content)
    {
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return null;
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml") || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
            return names.Contains("word/document.xml") ? Docx : names.Contains("xl/workbook.xml") ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The name to store: the given name without its path or extension, cleaned, with the real type's extension.</summary>
    public static string SafeName(string given, Kind kind)
    {
        var name = Path.GetFileNameWithoutExtension(given.Replace('\\', '/').Split('/').Last());
        var clean = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '|' or '?' or '*'))]).Trim();
        if (clean.Length == 0)
        {
            clean = "vedlegg";
        }
        return (clean.Length > 150 ? clean[..150] : clean) + kind.Extension;
    }
}
