using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Forms;

/// <summary>Reads a date the way a Norwegian user writes one (30.11.2026, 5.11.26) or the way a date picker sends it
/// (2026-11-30), whatever the interface language; anything else gets a message that says how to write it, instead of
/// "the value is not valid".</summary>
public sealed class DateOnlyModelBinder : TextModelBinder
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    /// <summary>A date as a date picker sends it (2026-11-30) or as Norwegians write it (30.11.2026, 5.11.26); also for
    /// dates inside free text fields, such as a list of report dates.</summary>
    public static bool TryRead(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParse(text, Norwegian, DateTimeStyles.None, out date);

    protected override bool TryRead(string text, out object? value)
    {
        var ok = TryRead(text, out DateOnly date) || DateOnly.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.None, out date);
        value = date;
        return ok;
    }

    protected override string Unreadable(ModelMetadata metadata, IStringLocalizer l, string text) =>
        l["{0}: skriv datoen som dd.mm.åååå, for eksempel 30.11.2026.", metadata.GetDisplayName()];
}

/// <summary>Uses <see cref="DateOnlyModelBinder"/> for every DateOnly and DateOnly? on pages and in the API's forms.</summary>
public sealed class DateOnlyModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(DateOnly) ? new DateOnlyModelBinder() : null;
}
