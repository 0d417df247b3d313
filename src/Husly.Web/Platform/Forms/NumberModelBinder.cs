using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Forms;

/// <summary>Reads a number the way Norwegians write it and the pages show it: with spaces between the thousands
/// ("4 000", also the non-breaking space the pages print) and a decimal comma or point ("12,5"), whatever the interface
/// language; anything else gets a message that says how to write it, instead of "the value is not valid".</summary>
public sealed class NumberModelBinder(Type type) : TextModelBinder
{
    private static readonly NumberStyles Whole = NumberStyles.AllowLeadingSign;
    private static readonly NumberStyles Decimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static readonly Type[] Types = [typeof(int), typeof(long), typeof(decimal), typeof(double)];

    /// <summary>The text without the spaces between thousands, with a decimal point.</summary>
    private static string Normalise(string text) =>
        text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal)
            .Replace("\u202f", "", StringComparison.Ordinal).Replace(',', '.').Replace('\u2212', '-');

    public static bool TryRead(string text, Type type, out object? value)
    {
        var s = Normalise(text);
        var invariant = CultureInfo.InvariantCulture;
        (var ok, value) = type == typeof(int) ? (int.TryParse(s, Whole, invariant, out var i), i)
            : type == typeof(long) ? (long.TryParse(s, Whole, invariant, out var l), l)
            : type == typeof(decimal) ? (decimal.TryParse(s, Decimal, invariant, out var m), m)
            : (double.TryParse(s, Decimal, invariant, out var d) && double.IsFinite(d), (object)d);
        return ok;
    }

    protected override bool TryRead(string text, out object? value) => TryRead(text, type, out value);

    protected override string Unreadable(ModelMetadata metadata, IStringLocalizer l, string text) =>
        // A field the form wrote itself: the framework's message says to reload the page.
        Localization.LocalizationModule.HiddenFields.Contains(metadata.GetDisplayName())
            ? metadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, metadata.GetDisplayName())
            : type == typeof(int) || type == typeof(long)
                ? l["{0}: skriv et helt tall, bare med sifre.", metadata.GetDisplayName()]
                : l["{0}: skriv et tall med sifre, for eksempel 4 000 eller 12,5.", metadata.GetDisplayName()];
}

/// <summary>Uses <see cref="NumberModelBinder"/> for every int, long, decimal and double (and their nullables) that pages
/// and the API's forms bind; JSON bodies keep JSON's numbers.</summary>
public sealed class NumberModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return NumberModelBinder.Types.Contains(type) && context.Metadata.IsComplexType is false ? new NumberModelBinder(type) : null;
    }
}
