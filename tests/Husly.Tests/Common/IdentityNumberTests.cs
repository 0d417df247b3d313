using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Husly.Common;

namespace Husly.Tests.Common;

/// <summary>Identity-number rules as properties over generated synthetic numbers (never real-format ones).</summary>
public sealed class IdentityNumberTests
{
    private static readonly IdentityNumberRules TestRules = new(AllowSynthetic: true);
    private static readonly IdentityNumberRules Pre2032 = new(AllowSynthetic: true, Accept2032Rule: false);

    /// <summary>A birth date from 1900 to 2039 and an individual number that gives its century.</summary>
    private static Gen<(DateOnly Birth, int Individual)> BirthAndIndividual() =>
        from day in Gen.Choose(0, 139 * 365)
        let birth = new DateOnly(1900, 1, 1).AddDays(day)
        from individual in birth.Year >= 2000 ? Gen.Choose(500, 999) : Gen.Choose(0, 499)
        select (birth, individual);

    private static Arbitrary<(DateOnly Birth, string Number)> Synthetic(bool dNumber = false) =>
        BirthAndIndividual()
            .Select(x => (x.Birth, Number: IdentityNumber.Synthetic(x.Birth, x.Individual, dNumber)))
            .Where(x => x.Number is not null)
            .Select(x => (x.Birth, x.Number!))
            .ToArbitrary();

    private static bool Parses(string number, IdentityNumberRules rules, out IdentityNumber parsed, out IdentityNumberError error) =>
        IdentityNumber.TryParse(number, rules, out parsed, out error);

    [Property]
    public Property A_synthetic_number_is_valid_where_allowed_and_gives_its_birth_date() =>
        Prop.ForAll(Synthetic(), x =>
            Parses(x.Number, TestRules, out var parsed, out _)
            && parsed.BirthDate == x.Birth && parsed.IsSynthetic && parsed.Kind == IdentityNumberKind.BirthNumber
            && parsed.Masked == x.Number[..6] + "*****");

    [Property]
    public Property A_synthetic_number_is_refused_where_synthetic_numbers_are_off() =>
        Prop.ForAll(Synthetic(), x =>
            !Parses(x.Number, IdentityNumberRules.Production, out _, out var error) && error == IdentityNumberError.SyntheticNotAllowed);

    [Property]
    public Property A_d_number_has_day_plus_40_and_can_be_turned_off() =>
        Prop.ForAll(Synthetic(dNumber: true), x =>
            Parses(x.Number, TestRules, out var parsed, out _) && parsed.Kind == IdentityNumberKind.DNumber && parsed.BirthDate == x.Birth
            && !Parses(x.Number, TestRules with { AllowDNumber = false }, out _, out var error) && error == IdentityNumberError.DNumberNotAllowed);

    [Property]
    public Property Changing_any_one_digit_breaks_the_check_digits_under_both_rules() =>
        Prop.ForAll(Synthetic(), Gen.Choose(0, 10).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (x, position, delta) =>
        {
            var digits = x.Number.ToCharArray();
            digits[position] = (char)('0' + (digits[position] - '0' + delta) % 10);
            var changed = new string(digits);
            return !Parses(changed, TestRules, out _, out var e1) && e1 == IdentityNumberError.InvalidCheckDigits
                && !Parses(changed, Pre2032, out _, out var e2) && e2 == IdentityNumberError.InvalidCheckDigits;
        });

    [Property]
    public Property From_2032_a_first_check_digit_leaving_remainder_1_to_3_is_accepted_but_not_before() =>
        Prop.ForAll(BirthAndIndividual().ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (x, remainder) =>
        {
            var number = With2032CheckDigits(x.Birth, x.Individual, remainder);
            return number is null // no such digits for this base; nothing to check
                || (Parses(number, TestRules, out var parsed, out _) && parsed.BirthDate == x.Birth
                    && !Parses(number, Pre2032, out _, out var error) && error == IdentityNumberError.InvalidCheckDigits);
        });

    [Property]
    public Property Anything_but_eleven_digits_is_refused_as_such(NonNull<string> input) =>
        (input.Get.Replace(" ", "", StringComparison.Ordinal) is var s && (s.Length != 11 || !s.All(char.IsAsciiDigit)))
            .Implies(() => !Parses(input.Get, TestRules, out _, out var error) && error == IdentityNumberError.NotElevenDigits);

    [Theory]
    [InlineData("01819010001", 1990, 1, 1)]
    [InlineData("15848520028", 1985, 4, 15)]
    [InlineData("29827230047", 1972, 2, 29)]
    [InlineData("12830550184", 2005, 3, 12)]
    [InlineData("47906701002", 1967, 10, 7)]
    [InlineData("018190 10001", 1990, 1, 1)]
    public void Known_synthetic_examples_parse(string number, int year, int month, int day)
    {
        Assert.True(Parses(number, TestRules, out var parsed, out var error), error.ToString());
        Assert.Equal(new DateOnly(year, month, day), parsed.BirthDate);
    }

    [Theory]
    [InlineData("15448520045", IdentityNumberError.InvalidDate)]     // NAV's month + 40 is not accepted as synthetic
    [InlineData("30829010008", IdentityNumberError.InvalidCheckDigits)]
    [InlineData("0181901000", IdentityNumberError.NotElevenDigits)]
    [InlineData("0181901000x", IdentityNumberError.NotElevenDigits)]
    [InlineData("", IdentityNumberError.NotElevenDigits)]
    public void Bad_numbers_are_refused_with_the_reason(string number, IdentityNumberError expected)
    {
        Assert.False(Parses(number, TestRules, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void An_impossible_date_is_refused_even_with_valid_check_digits()
    {
        // 30 February 1990, synthetic, with check digits computed for it.
        var number = CheckDigits("308290" + "100");
        Assert.NotNull(number);
        Assert.False(Parses(number, TestRules, out _, out var error));
        Assert.Equal(IdentityNumberError.InvalidDate, error);
    }

    private static readonly int[] W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private static string? CheckDigits(string nine)
    {
        var d = nine.Select(c => c - '0').ToList();
        var k1 = (11 - d.Select((v, i) => v * W1[i]).Sum() % 11) % 11;
        if (k1 == 10) return null;
        d.Add(k1);
        var k2 = (11 - d.Select((v, i) => v * W2[i]).Sum() % 11) % 11;
        return k2 == 10 ? null : nine + k1 + k2;
    }

    [Fact]
    public void A_number_is_found_in_a_text_however_it_is_written()
    {
        var n = Enumerable.Range(100, 200).Select(i => IdentityNumber.Synthetic(new DateOnly(1985, 3, 15), i)).First(x => x is not null)!;
        string[] written =
        [
            n, $"Han heter Ola, {n}.", $"{n[..6]} {n[6..]}", $"{n[..6]}-{n[6..]}", $"{n[..2]} {n[2..4]} {n[4..6]} {n[6..]}",
            string.Join(' ', n.ToCharArray()), string.Concat(n.Select(c => (char)(c - '0' + '\uFF10'))), n[..5] + "\u200B" + n[5..],
            $"tlf 912 34 567, nr {n}",
        ];
        Assert.All(written, text => Assert.True(IdentityNumber.AppearsIn(text), text));
        var wrongCheck = n[..10] + (char)('0' + ((n[10] - '0' + 1) % 10));
        Assert.False(IdentityNumber.AppearsIn(wrongCheck));
        Assert.False(IdentityNumber.AppearsIn("Ring 912 34 567 eller 22 33 44 55."));
        Assert.False(IdentityNumber.AppearsIn($"{n[..6]}  {n[6..]}"), "two spaces end a number");
    }

    /// <summary>A synthetic number whose first check digit leaves the given remainder (only valid under the 2032 rule).</summary>
    private static string? With2032CheckDigits(DateOnly birth, int individual, int remainder)
    {
        var nine = $"{birth.Day:00}{birth.Month + 80:00}{birth.Year % 100:00}{individual:000}";
        var d = nine.Select(c => c - '0').ToList();
        var sum = d.Select((v, i) => v * W1[i]).Sum();
        var k1 = Enumerable.Range(0, 10).Cast<int?>().FirstOrDefault(k => (sum + k!.Value) % 11 == remainder);
        if (k1 is null) return null;
        d.Add(k1.Value);
        var k2 = (11 - d.Select((v, i) => v * W2[i]).Sum() % 11) % 11;
        return k2 == 10 ? null : nine + k1 + k2;
    }
}
