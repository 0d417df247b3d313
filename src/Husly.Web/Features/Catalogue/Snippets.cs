using Microsoft.AspNetCore.Html;

namespace Husly.Features.Catalogue;

/// <summary>A short extract around the first searched word, with every word whose stem was searched for marked. Made
/// here for both databases, from the text as written, and HTML-encoded word by word, so nothing typed or stored can
/// inject markup.</summary>
public static class Snippets
{
    public static IHtmlContent Make(string text, IReadOnlyCollection<string> stems, int words = 32)
    {
        var tokens = Tokens(text).ToList();
        var content = new HtmlContentBuilder();
        if (tokens.Count == 0)
        {
            return content;
        }
        bool Hit((string Text, bool IsWord) t) => t.IsWord && stems.Count > 0 && stems.Contains(NorwegianText.Stem(t.Text.ToLowerInvariant()));
        var wordIndexes = tokens.Select((t, i) => (t, i)).Where(x => x.t.IsWord).Select(x => x.i).ToList();
        var first = tokens.FindIndex(t => Hit(t));
        // Start a few words before the first hit, so it is read in context.
        var startWord = first < 0 ? 0 : Math.Max(0, wordIndexes.IndexOf(first) - 8);
        var endWord = Math.Min(wordIndexes.Count, startWord + words);
        var from = wordIndexes[startWord];
        var to = endWord >= wordIndexes.Count ? tokens.Count : wordIndexes[endWord];
        if (startWord > 0)
        {
            content.Append("… ");
        }
        for (var i = from; i < to; i++)
        {
            if (Hit(tokens[i]))
            {
                content.AppendHtml("<mark>").Append(tokens[i].Text).AppendHtml("</mark>");
            }
            else
            {
                content.Append(tokens[i].Text);
            }
        }
        if (to < tokens.Count)
        {
            content.Append(" …");
        }
        return content;
    }

    private static IEnumerable<(string Text, bool IsWord)> Tokens(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            var wasWord = i > start && char.IsLetterOrDigit(text[start]);
            if (i == text.Length || (i > start && isWord != wasWord))
            {
                if (i > start)
                {
                    yield return (text[start..i], wasWord);
                }
                start = i;
            }
        }
    }
}
