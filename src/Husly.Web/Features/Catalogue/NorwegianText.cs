using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.No;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Husly.Features.Catalogue;

/// <summary>Words as Norwegian search sees them: Snowball's Norwegian stemmer and stop words (the same algorithm and list
/// as PostgreSQL's <c>norwegian</c> text-search configuration), so "boliger" and "bolig" meet on both databases.</summary>
public static class NorwegianText
{
    /// <summary>Words of letters and digits, lower-cased; everything else (quotes, operators, markup) separates words.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    public static bool IsStopWord(string word) => NorwegianAnalyzer.DefaultStopSet.Contains(word);

    public static string Stem(string word)
    {
        // The stemmer keeps state, so each call gets its own; it is a small object.
        var stemmer = new NorwegianStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>The stems of a text's words, stop words left out, separated by spaces.</summary>
    public static string Stems(string text) =>
        string.Join(' ', Words(text).Where(w => !IsStopWord(w)).Select(Stem));
}
