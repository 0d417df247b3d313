namespace Husly.Common;

/// <summary>What a validator accepts. Synthetic numbers (Skatteetaten's Tenor: month + 80) belong in test and demo
/// environments only; configuration turns them on there.</summary>
public sealed record IdentityNumberRules(bool AllowSynthetic, bool AllowDNumber = true, bool Accept2032Rule = true)
{
    public static readonly IdentityNumberRules Production = new(AllowSynthetic: false);
}

public enum IdentityNumberKind
{
    BirthNumber,
    DNumber,
}

public enum IdentityNumberError
{
    None,
    NotElevenDigits,
    InvalidDate,
    InvalidCheckDigits,
    SyntheticNotAllowed,
    DNumberNotAllowed,
}

/// <summary>A Norwegian national identity number (fødselsnummer) or D-number, validated by its check digits.
/// Gender is never read from it (numbers issued from 2032 are gender-neutral).</summary>
public readonly record struct IdentityNumber
{
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private IdentityNumber(string value, IdentityNumberKind kind, bool isSynthetic, DateOnly birthDate)
    {
        Value = value;
        Kind = kind;
        IsSynthetic = isSynthetic;
        BirthDate = birthDate;
    }

    public string Value { get; }
    public IdentityNumberKind Kind { get; }
    public bool IsSynthetic { get; }

    /// <summary>The birth date the number encodes. Folkeregisteret's own date wins where it is known.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Whether a text holds what is a valid identity number or D-number (synthetic ones included), however it is
    /// written: digits grouped by single spaces, dashes, dots or slashes ("150385-10190", "15 03 85 10190", one digit at a
    /// time), full-width digits, invisible characters inside. Only whole groups count, so a number inside a longer number
    /// (an account, a KID) is not taken for one. For texts that become public or are kept as free text.</summary>
    public static bool AppearsIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var rules = new IdentityNumberRules(AllowSynthetic: true);
        var digits = new System.Text.StringBuilder();
        var starts = new List<int>();
        var separated = false;
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormKC))
        {
            if (char.IsAsciiDigit(c))
            {
                if (digits.Length == 0 || separated)
                {
                    starts.Add(digits.Length);
                }
                digits.Append(c);
                separated = false;
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                // Zero-width and direction marks hide nothing.
            }
            else if (digits.Length > 0 && !separated && c is ' ' or '-' or '.' or '/' or '\u00a0' or '\u2009' or '\u202f')
            {
                separated = true;
            }
            else
            {
                if (HoldsNumber(digits, starts, rules))
                {
                    return true;
                }
                digits.Clear();
                starts.Clear();
                separated = false;
            }
        }
        return HoldsNumber(digits, starts, rules);
    }

    /// <summary>Eleven digits from the start of one group to the end of another.</summary>
    private static bool HoldsNumber(System.Text.StringBuilder digits, List<int> starts, IdentityNumberRules rules)
    {
        var ends = starts.Skip(1).Append(digits.Length).ToHashSet();
        foreach (var start in starts)
        {
            if (start + 11 <= digits.Length && ends.Contains(start + 11) && TryParse(digits.ToString(start, 11), rules, out _, out _))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The six date digits and five stars, for showing where the full number is not needed.</summary>
    public string Masked => Value[..6] + "*****";

    public override string ToString() => Masked;

    public static bool TryParse(string? input, IdentityNumberRules rules, out IdentityNumber number, out IdentityNumberError error)
    {
        number = default;
        var digits = (input ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            error = IdentityNumberError.NotElevenDigits;
            return false;
        }
        var d = digits.Select(c => c - '0').ToArray();
        if (!CheckDigitsHold(d, rules.Accept2032Rule))
        {
            error = IdentityNumberError.InvalidCheckDigits;
            return false;
        }

        var day = d[0] * 10 + d[1];
        var month = d[2] * 10 + d[3];
        var kind = IdentityNumberKind.BirthNumber;
        if (day > 40)
        {
            kind = IdentityNumberKind.DNumber;
            day -= 40;
        }
        var synthetic = false;
        if (month > 80)
        {
            synthetic = true;
            month -= 80;
        }
        var year = Century(d[6] * 100 + d[7] * 10 + d[8], d[4] * 10 + d[5]);
        if (year is null || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year.Value, month))
        {
            error = IdentityNumberError.InvalidDate;
            return false;
        }
        if (synthetic && !rules.AllowSynthetic)
        {
            error = IdentityNumberError.SyntheticNotAllowed;
            return false;
        }
        if (kind == IdentityNumberKind.DNumber && !rules.AllowDNumber)
        {
            error = IdentityNumberError.DNumberNotAllowed;
            return false;
        }
        number = new IdentityNumber(digits, kind, synthetic, new DateOnly(year.Value, month, day));
        error = IdentityNumberError.None;
        return true;
    }

    /// <summary>A synthetic number (month + 80, optionally a D-number) for demo data and tests; null when the
    /// individual number gives no valid check digits under the pre-2032 rule (try the next one).</summary>
    public static string? Synthetic(DateOnly birthDate, int individual, bool dNumber = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(individual);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(individual, 999);
        var day = birthDate.Day + (dNumber ? 40 : 0);
        var first = $"{day:00}{birthDate.Month + 80:00}{birthDate.Year % 100:00}{individual:000}";
        var d = first.Select(c => c - '0').ToList();
        var k1 = Control(d, K1Weights);
        if (k1 is null)
        {
            return null;
        }
        d.Add(k1.Value);
        var k2 = Control(d, K2Weights);
        if (k2 is null)
        {
            return null;
        }
        var value = first + k1 + k2;
        // The individual number must also give this century; callers pick from the range that does.
        return Century(individual, birthDate.Year % 100) == birthDate.Year ? value : null;
    }

    // Traditional rule: the weighted sum including the control digit is divisible by 11. From 2032 Skatteetaten
    // also accepts remainders 1–3 for K1 (more numbers per day); K2 keeps the old rule. Both must be accepted in
    // parallel because existing numbers stay valid.
    private static bool CheckDigitsHold(int[] d, bool accept2032)
    {
        var r1 = (Sum(d, K1Weights) + d[9]) % 11;
        var r2 = (Sum(d, K2Weights) + d[10]) % 11;
        return (r1 == 0 || (accept2032 && r1 <= 3)) && r2 == 0;
    }

    private static int? Control(IReadOnlyList<int> d, int[] weights)
    {
        var k = 11 - Sum(d, weights) % 11;
        return k == 11 ? 0 : k == 10 ? null : k;
    }

    private static int Sum(IReadOnlyList<int> d, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += d[i] * weights[i];
        }
        return sum;
    }

    /// <summary>The full year from the individual number and two-digit year (Skatteetaten's ranges).</summary>
    private static int? Century(int individual, int yy) => individual switch
    {
        <= 499 => 1900 + yy,
        <= 749 when yy > 54 => 1800 + yy,
        _ when individual >= 500 && yy < 40 => 2000 + yy,
        >= 900 when yy > 39 => 1900 + yy,
        _ => null,
    };
}
