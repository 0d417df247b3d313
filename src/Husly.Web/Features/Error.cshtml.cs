using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features;

/// <summary>Norwegian error pages, reached by status-code re-execution and by the exception handler.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, ILogger<ErrorModel> logger) : PageModel
{
    public int Code { get; private set; }
    public string? TraceId { get; private set; }

    public string Title => Code switch
    {
        400 => l["Ugyldig forespørsel"],
        401 => l["Du må logge inn"],
        403 => l["Du har ikke tilgang"],
        404 => l["Siden finnes ikke"],
        405 => l["Ugyldig forespørsel"],
        429 => l["For mange forespørsler"],
        _ => l["Noe gikk galt"],
    };

    public string Message => Code switch
    {
        400 or 405 => l["Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen."],
        401 => l["Logg inn for å se denne siden."],
        403 => l["Du har ikke tilgang til denne siden eller handlingen. Ta kontakt med lederen din hvis du mener du skal ha tilgang."],
        404 => l["Vi fant ikke siden du lette etter. Den kan være flyttet, eller adressen kan være feil."],
        429 => l["Du har gjort mange søk på kort tid. Vent et minutt og prøv igjen."],
        _ => l["Det oppstod en uventet feil. Feilen er logget. Prøv igjen om litt."],
    };

    // No parameters to bind: a re-executed POST whose form could not be read (too many fields) must not be read again.
    public void OnGet() => Handle();

    public void OnPost() => Handle();

    private void Handle()
    {
        int? code = int.TryParse(RouteData.Values["code"]?.ToString(), out var c) ? c : null;
        // After an exception the handler has chosen the status (400 for a request it could not read, else 500).
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is { } failure)
        {
            code = Response.StatusCode;
            if (code < 500)
            {
                logger.LogWarning("{Method} {Path} could not be read ({Error}): answered {Status}", failure.Endpoint?.DisplayName, failure.Path, failure.Error.GetType().Name + ": " + failure.Error.Message, code);
            }
        }
        Code = code is >= 400 and < 600 ? code.Value : 500;
        if (Code == 400 && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } original)
        {
            // Antiforgery refusals and forms that could not be read end here without an exception.
            logger.LogWarning("{Method} {Path} was refused as a bad request (400)", Request.Method, original.OriginalPath);
        }
        Response.StatusCode = Code;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
