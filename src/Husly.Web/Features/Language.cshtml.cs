using Husly.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features;

/// <summary>The language switch: a plain form post (or a link on public pages) that stores the choice in a cookie for a year.</summary>
[AllowAnonymous]
public sealed class LanguageModel : PageModel
{
    /// <summary>With a culture: the same switch as a link, for public pages, which carry no form token so that they can be
    /// cached. Choosing a language changes nothing but the cookie.</summary>
    public IActionResult OnGet([System.ComponentModel.DataAnnotations.StringLength(10)] string? culture, [System.ComponentModel.DataAnnotations.StringLength(2000)] string? returnUrl) =>
        culture is null ? Page() : OnPost(culture, returnUrl);

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
