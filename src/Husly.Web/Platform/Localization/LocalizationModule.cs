using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Platform.Localization;

internal static class LocalizationModule
{
    public const string Norwegian = "nb-NO";
    public const string English = "en";

    public static IServiceCollection AddHuslyLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Dates, numbers and kroner are always formatted the Norwegian way; only the UI language switches.
            o.DefaultRequestCulture = new RequestCulture(Norwegian, Norwegian);
            o.SupportedCultures = [new CultureInfo(Norwegian)];
            o.SupportedUICultures = [new CultureInfo(Norwegian), new CultureInfo(English)];
            // Printed letters to residents are Bokmål unless "?language=en" asks otherwise, whatever the worker's UI language.
            o.RequestCultureProviders = [new CustomRequestCultureProvider(LetterLanguage), new CookieRequestCultureProvider()];
            o.FallBackToParentUICultures = true;
        });
        services.AddSingleton<IConfigureOptions<MvcOptions>, NorwegianBindingMessages>();
        return services;
    }

    private static Task<ProviderCultureResult?> LetterLanguage(HttpContext context) =>
        Task.FromResult(context.Request.Path.Value?.EndsWith("/print", StringComparison.OrdinalIgnoreCase) == true
            ? new ProviderCultureResult(Norwegian, context.Request.Query["language"] == "en" ? English : Norwegian)
            : null);

    /// <summary>Fields a form writes itself (hidden): their code names mean nothing to the user.</summary>
    public static readonly IReadOnlySet<string> HiddenFields = new HashSet<string>(["Version", "SubmissionId", "version", "EnrolmentId", "BasedOnVersion"]);

    /// <summary>Replaces the framework's English model-binding messages ("The value 'x' is not valid").</summary>
    private sealed class NorwegianBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var l = factory.Create(typeof(SharedResource));
            var m = options.ModelBindingMessageProvider;
            // A hidden field the form wrote itself (its version, its submission id) is only wrong when the page is stale or
            // was tampered with: the user cannot fix the field, only reload the page. Its code name means nothing to them.
            string? Hidden(string field) => HiddenFields.Contains(field) ? l["Skjemaet er utdatert eller ødelagt. Last siden på nytt og prøv igjen."].Value : null;
            m.SetValueIsInvalidAccessor(v => l["Verdien «{0}» er ugyldig.", v]);
            m.SetAttemptedValueIsInvalidAccessor((v, f) => Hidden(f) ?? l["Verdien «{0}» er ugyldig for {1}.", v, f]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Verdien «{0}» er ugyldig.", v]);
            m.SetUnknownValueIsInvalidAccessor(f => Hidden(f) ?? l["Verdien er ugyldig for {0}.", f]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Verdien er ugyldig."]);
            m.SetValueMustNotBeNullAccessor(f => Hidden(f) ?? l["{0} må fylles ut.", f]);
            m.SetMissingBindRequiredValueAccessor(f => Hidden(f) ?? l["{0} må fylles ut.", f]);
            m.SetMissingKeyOrValueAccessor(() => l["Verdien må fylles ut."]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["Forespørselen mangler innhold."]);
            m.SetValueMustBeANumberAccessor(f => l["{0} må være et tall.", f]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["Verdien må være et tall."]);
        }
    }
}
