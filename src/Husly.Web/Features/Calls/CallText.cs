using Ganss.Xss;
using Markdig;

namespace Husly.Features.Calls;

/// <summary>A call's Markdown as safe HTML: raw HTML in the text is shown as text, and what Markdown produces is
/// sanitised (no scripts, event handlers or javascript: links), so a call text can never run code in a reader's browser.</summary>
public sealed class CallText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UsePipeTables().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public string ToHtml(string markdown) => TryToHtml(markdown, out var html) ? html : System.Net.WebUtility.HtmlEncode(markdown);

    /// <summary>False for text Markdig refuses (nesting deeper than it allows); forms refuse such text, and a page falls
    /// back to showing it as plain text.</summary>
    public bool TryToHtml(string markdown, out string html)
    {
        try
        {
            html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
            return true;
        }
        catch (ArgumentException)
        {
            html = "";
            return false;
        }
    }
}
