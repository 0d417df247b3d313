using Ganss.Xss;
using Markdig;

namespace Husly.Features.Calls;

/// <summary>A call's Markdown as safe HTML: raw HTML in the text is shown as text, and what Markdown produces is
/// sanitised (no scripts, event handlers or javascript: links), so a call text can never run code in a reader's browser.</summary>
public sealed partial class CallText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UsePipeTables().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    [System.Text.RegularExpressions.GeneratedRegex("<(/?)h([1-5])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Headings();

    public string ToHtml(string markdown) => TryToHtml(markdown, out var html) ? html : System.Net.WebUtility.HtmlEncode(markdown);

    /// <summary>False for text Markdig refuses (nesting deeper than it allows); forms refuse such text, and a page falls
    /// back to showing it as plain text.</summary>
    public bool TryToHtml(string markdown, out string html)
    {
        try
        {
            // The page has its own h1: the text's headings start one level below it.
            html = Headings().Replace(_sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)), m => $"<{m.Groups[1].Value}h{int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}");
            return true;
        }
        catch (ArgumentException)
        {
            html = "";
            return false;
        }
    }
}
