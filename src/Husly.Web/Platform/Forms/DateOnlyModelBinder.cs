using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Forms;

/// <summary>Reads a date the way a Norwegian user writes one (30.11.2026, 5.11.26) or the way a date picker sends it
/// (2026-11-30), whatever the interface language; anything else gets a message that says how to write it, instead of
/// "the value is not valid".</summary>
public sealed class DateOnlyModelBinder : IModelBinder
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    /// <summary>A date as a date picker sends it (2026-11-30) or as Norwegians write it (30.11.2026, 5.11.26); also for
    /// dates inside free text fields, such as a list of report dates.</summary>
    public static bool TryRead(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParse(text, Norwegian, DateTimeStyles.None, out date);

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue?.Trim();
        var metadata = bindingContext.ModelMetadata;
        if (string.IsNullOrEmpty(text))
        {
            // As the framework does: nothing for an optional date ([Required] speaks for a required one).
            if (metadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    metadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(metadata.GetDisplayName()));
            }
            return Task.CompletedTask;
        }
        if (TryRead(text, out var date) || DateOnly.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.None, out date))
        {
            bindingContext.Result = ModelBindingResult.Success(date);
            return Task.CompletedTask;
        }
        var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["{0}: skriv datoen som dd.mm.åååå, for eksempel 30.11.2026.", metadata.GetDisplayName()]);
        return Task.CompletedTask;
    }
}

/// <summary>Uses <see cref="DateOnlyModelBinder"/> for every DateOnly and DateOnly? on pages and in the API's forms.</summary>
public sealed class DateOnlyModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(DateOnly) ? new DateOnlyModelBinder() : null;
}
