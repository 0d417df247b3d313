using Husly.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features;

/// <summary>The language switch: a plain form post that stores the choice in a cookie for a year.</summary>
[AllowAnonymous]
public sealed class LanguageModel : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPost([System.ComponentModel.DataAnnotations.StringLength(10)] string? culture, [System.ComponentModel.DataAnnotations.StringLength(2000)] string? returnUrl)
    {
        var ui = culture == LocalizationModule.English ? LocalizationModule.English : LocalizationModule.Norwegian;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(LocalizationModule.Norwegian, ui)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
