using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features;

/// <summary>Norwegian error pages, reached by status-code re-execution and by the exception handler.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
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
        _ => l["Noe gikk galt"],
    };

    public string Message => Code switch
    {
        400 or 405 => l["Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen."],
        401 => l["Logg inn for å se denne siden."],
        403 => l["Du har ikke tilgang til denne siden eller handlingen. Ta kontakt med lederen din hvis du mener du skal ha tilgang."],
        404 => l["Vi fant ikke siden du lette etter. Den kan være flyttet, eller adressen kan være feil."],
        _ => l["Det oppstod en uventet feil. Feilen er logget. Prøv igjen om litt."],
    };

    public void OnGet(int? code) => Handle(code);

    public void OnPost(int? code) => Handle(code);

    private void Handle(int? code)
    {
        Code = code is >= 400 and < 600 ? code.Value : 500;
        Response.StatusCode = Code;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
