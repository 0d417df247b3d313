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

        // Roles and unit are re-read within a minute of a change (the stamp check rebuilds the principal). Ending a
        // session is immediate: see Features/Account/UserSessions.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
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
