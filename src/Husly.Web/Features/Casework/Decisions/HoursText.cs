using System.Globalization;

namespace Husly.Features.Casework.Decisions;

/// <summary>Hours as people type them: "2,5", "2.5" or "2". Shown with a comma (nb-NO).</summary>
public static class HoursText
{
    public static bool TryParse(string? text, out double hours)
    {
        hours = 0;
        var s = text?.Trim().Replace(',', '.');
        return !string.IsNullOrEmpty(s)
            && double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours)
            && Math.Round(hours, 2) == hours;
    }

    public static string Format(double hours) => hours.ToString("0.##", CultureInfo.GetCultureInfo("nb-NO"));

    /// <summary>"1 time per uke", "2,5 timer per uke": Bokmål has a singular for exactly one.</summary>
    public static string PerWeek(Microsoft.Extensions.Localization.IStringLocalizer l, double hours) =>
        hours == 1 ? l["1 time per uke"] : l["{0} timer per uke", Format(hours)];
}
