using System.IO.Compression;

namespace Husly.Features.Calls.Applications;

/// <summary>What a file really is, read from its content: a PDF, a Word document or an Excel workbook. The name the
/// browser sent decides nothing; macro-enabled or ActiveX Office files and anything else are refused. This is a type
/// check, not a malware scan: embedded objects in Office files and PDF content are passed through as they are, and files
/// are only ever served as downloads.</summary>
public static class AttachmentType
{
    public const long MaxBytes = 10 * 1024 * 1024;
    private const int MaxEntries = 5000;

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
            // Only the directory is read, never the entries; a real document has hundreds of parts, not many thousands.
            if (zip.Entries.Count > MaxEntries)
            {
                return null;
            }
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml") || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || n.Contains("/activeX/", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
            return names.Contains("word/document.xml") ? Docx : names.Contains("xl/workbook.xml") ? Xlsx : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException or OverflowException)
        {
            // A damaged or crafted archive is simply not a document.
            return null;
        }
    }

    /// <summary>The name to store: the given name without its path or extension, cleaned, with the real type's extension.</summary>
    public static string SafeName(string given, Kind kind)
    {
        var name = Path.GetFileNameWithoutExtension(given.Replace('\\', '/').Split('/').Last());
        // Control and invisible format characters (such as right-to-left override, which can disguise an extension) go.
        var clean = new string([.. name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format
            && c is not ('"' or '<' or '>' or ':' or '|' or '?' or '*'))]).Trim();
        var info = new System.Globalization.StringInfo(clean);
        if (info.LengthInTextElements > 150)
        {
            clean = info.SubstringByTextElements(0, 150);
        }
        return (clean.Length == 0 ? "vedlegg" : clean) + kind.Extension;
    }
}
