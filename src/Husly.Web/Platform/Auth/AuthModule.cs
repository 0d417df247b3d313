using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Husly.Platform.Auth;

internal static class AuthModule
{
    public static IServiceCollection AddHuslyAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<CurrentActor>();

        // A change of role, unit or active state ends the user's sessions at once (Features/Account/UserSessions), so
        // access never waits for the stamp check. It stays at Identity's 30 minutes for the rest (a new display name):
        // at one minute it rebuilt the principal from four queries and re-issued the cookie every minute per user.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(30));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "husly.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            // Set on Identity's events object, never a new one: that would drop the security-stamp check it installs.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            // Render the Norwegian 403 page in place instead of redirecting, for pages and API alike.
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden, redirect: false);
        });

        // The framework leaves the antiforgery cookie without Secure; over HTTPS it must have it.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Privacy, p => p.RequireRole(Roles.PrivacyOfficer))
            .AddPolicy(Policies.Casework, p => p.RequireRole(Roles.CaseWorker, Roles.TeamLeader).RequireClaim(HuslyClaims.DistrictId));
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx,
        int status, bool redirect = true)
    {
        if (redirect && !ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }
        else
        {
            ctx.Response.StatusCode = status;
        }
        return Task.CompletedTask;
    }
}
