using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Husly.Platform.Forms;

/// <summary>A date within a sensible window around today: no project from year 1 to 9999, no plan evaluated in 9999.
/// Today comes from the app's <see cref="TimeProvider"/> when validation runs in a request.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlausibleDateAttribute(int yearsBack, int yearsAhead) : ValidationAttribute("{0} må være mellom {1} og {2}.")
{
    public int YearsBack { get; } = yearsBack;
    public int YearsAhead { get; } = yearsAhead;

    // No state on the attribute: one instance serves every request at once.
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var (min, max) = (today.AddYears(-YearsBack), today.AddYears(YearsAhead));
        if (value is not DateOnly d || (d >= min && d <= max))
        {
            return ValidationResult.Success;
        }
        // Translated here: MVC translates an attribute's message only with the field name as argument, not the window.
        var (from, to) = (min.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), max.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        var message = validationContext.GetService(typeof(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>))
            is Microsoft.Extensions.Localization.IStringLocalizer localizer
            ? localizer[ErrorMessageString, validationContext.DisplayName, from, to].Value
            : string.Format(CultureInfo.CurrentCulture, ErrorMessageString, validationContext.DisplayName, from, to);
        return new ValidationResult(message, validationContext.MemberName is { } m ? [m] : null);
    }
}
