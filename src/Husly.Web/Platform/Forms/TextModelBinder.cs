using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Forms;

/// <summary>What the date and number binders share: an empty field is nothing (or "must be filled in" for a non-nullable
/// one, as the framework does), a readable one is the value, anything else gets the binder's own message that says how to
/// write it.</summary>
public abstract class TextModelBinder : IModelBinder
{
    protected abstract bool TryRead(string text, out object? value);

    /// <summary>The message for text that could not be read, for the field by its display name.</summary>
    protected abstract string Unreadable(ModelMetadata metadata, IStringLocalizer l, string text);

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
        if (TryRead(text, out var value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }
        var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, Unreadable(metadata, l, text));
        return Task.CompletedTask;
    }
}
