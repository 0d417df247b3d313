using System.Globalization;
using System.Text;

namespace Husly.Common;

/// <summary>What counts as text someone actually wrote: invisible format characters (zero-width spaces, joiners,
/// direction marks) removed, whitespace trimmed, and at least a number of letters or digits.</summary>
public static class TextRules
{
    /// <summary>The cleaned text, or null when it has fewer than <paramref name="minimumLettersOrDigits"/> letters or digits.</summary>
    public static string? Meaningful(string? text, int minimumLettersOrDigits = 1)
    {
        if (text is null)
        {
            return null;
        }
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                cleaned.Append(c);
            }
        }
        var result = cleaned.ToString().Trim();
        return result.Count(char.IsLetterOrDigit) >= minimumLettersOrDigits ? result : null;
    }
}
