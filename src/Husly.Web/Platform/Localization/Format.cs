using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Localization;

/// <summary>Norwegian formatting of dates, times and kroner, and the UI names of enum values.</summary>
public static class Format
{
    private static readonly CultureInfo Nb = CultureInfo.GetCultureInfo("nb-NO");
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static string Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", Nb) ?? "";

    public static string Timestamp(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Oslo).ToString("dd.MM.yyyy HH:mm", Nb);

    /// <summary>A wall-clock time in Oslo as UTC; null when that time does not exist (the hour skipped when summer time starts).</summary>
    public static DateTime? OsloToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return Oslo.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, Oslo);
    }

    /// <summary>A stored UTC time as Oslo's wall clock.</summary>
    public static DateTime ToOslo(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Oslo);

    public static string Nok(long amount) => amount.ToString("N0", Nb) + " kr";

    public static string Number(long value) => value.ToString("N0", Nb);

    public static string Percent(double share) => share.ToString("P0", Nb);

    /// <summary>The Bokmål name of an enum value, from its [Display] attribute; it is also the localization key.</summary>
    public static string EnumName(Enum value) => EnumNames.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString());

    // Reflection per call showed up in the list benchmark; enum values are few, so the cache stays small.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Enum, string> EnumNames = new();

    /// <summary>The enum value's name in the current UI language.</summary>
    public static string Enum(this IStringLocalizer l, Enum value) => l[EnumName(value)];
}
