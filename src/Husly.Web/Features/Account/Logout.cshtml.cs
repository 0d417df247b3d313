using Husly.Features.Administration.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<HuslyUser> signIn, UserSessions sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // End the session on the server too: a copy of the cookie must not outlive the sign-out.
        if (UserSessions.SessionId(User) is { } session)
        {
            await sessions.EndAsync(session, SessionEndReasons.SignedOut);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("Login");
    }
}
