using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Husly.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Husly.Features.Account;

public sealed class SessionOptions
{
    /// <summary>Signed out after this long without a request (the cookie slides).</summary>
    [Range(5, 24 * 60)]
    public int IdleMinutes { get; set; } = 120;

    /// <summary>Signed out this long after signing in, however active: a working day.</summary>
    [Range(1, 24)]
    public int AbsoluteHours { get; set; } = 10;

    /// <summary>How long this instance trusts a session it has checked before it asks the database again. Ending a
    /// session here takes effect at once on this instance, and within this many seconds on others. 0 checks every request.</summary>
    [Range(0, 60)]
    public int CheckSeconds { get; set; } = 10;
}

/// <summary>One sign-in, kept on the server. The cookie names it; a session that has ended or expired is refused on the
/// next request, so sign-out, a password change, deactivation and a role change end sessions at once, on every
/// instance, even for a copied cookie.</summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }

    [MaxLength(40)]
    public string? EndReason { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b) => b.HasIndex(s => new { s.UserId, s.EndedAt });
}

public static class SessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string PasswordChanged = "password-changed";
    public const string UserChanged = "user-changed";
}

public sealed class UserSessions(HuslyDbContext db, TimeProvider clock, IOptions<SessionOptions> options, IMemoryCache checkedSessions)
{
    public const string ClaimType = "husly:sid";

    public static Guid? SessionId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimType), out var id) ? id : null;

    public async Task<Guid> StartAsync(Guid userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession { Id = Guid.CreateVersion7(), UserId = userId, StartedAt = now, ExpiresAt = now.AddHours(options.Value.AbsoluteHours) };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        // The user's sessions that ended or expired over 30 days ago tell nobody anything: pruned at each sign-in.
        var before = now.AddDays(-30);
        await db.UserSessions.Where(s => s.UserId == userId && ((s.EndedAt != null && s.EndedAt < before) || s.ExpiresAt < before)).ExecuteDeleteAsync();
        return session.Id;
    }

    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId)
    {
        var key = (nameof(UserSessions), sessionId);
        if (checkedSessions.TryGetValue(key, out Guid cachedUser) && cachedUser == userId)
        {
            return true;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // The user must still be active too, whatever path deactivated them.
        var expires = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now
            && db.Users.Any(u => u.Id == userId && u.IsActive)).Select(s => (DateTime?)s.ExpiresAt).FirstOrDefaultAsync();
        if (expires is { } end && options.Value.CheckSeconds > 0)
        {
            var trust = TimeSpan.FromSeconds(options.Value.CheckSeconds);
            checkedSessions.Set(key, userId, end - now < trust ? end - now : trust);
        }
        return expires is not null;
    }

    public Task EndAsync(Guid sessionId, string reason) =>
        End(db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null), reason);

    /// <summary>Ends every open session of the user (all devices).</summary>
    public Task EndAllAsync(Guid userId, string reason) =>
        End(db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null), reason);

    private async Task End(IQueryable<UserSession> sessions, string reason)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in await sessions.Select(s => s.Id).ToListAsync())
        {
            checkedSessions.Remove((nameof(UserSessions), id)); // at once on this instance
        }
        await sessions.ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason));
    }

}

internal static class SessionModule
{
    /// <summary>Wires server-side sessions into Identity's cookie. PostConfigure, so it runs after Identity and the
    /// platform's cookie settings whatever the registration order, and keeps Identity's security-stamp check.</summary>
    public static IServiceCollection AddUserSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration("Sessions").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<UserSessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<IOptions<SessionOptions>, IOptions<SecurityStampValidatorOptions>, TimeProvider>((o, sessions, stamp, clock) =>
            {
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(sessions.Value.IdleMinutes);
                var validateStamp = o.Events.OnValidatePrincipal;
                o.Events.OnSigningIn = async ctx =>
                {
                    // A fresh sign-in (or Identity's refresh after a password change) starts a session of its own.
                    if (ctx.Principal?.Identity is ClaimsIdentity identity && Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
                    {
                        var id = await ctx.HttpContext.RequestServices.GetRequiredService<UserSessions>().StartAsync(userId);
                        identity.AddClaim(new Claim(ClaimType, id.ToString()));
                    }
                };
                o.Events.OnValidatePrincipal = async ctx =>
                {
                    var principal = ctx.Principal;
                    var sessionId = principal is null ? null : UserSessions.SessionId(principal);
                    var userId = Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var u) ? u : Guid.Empty;
                    if (sessionId is null || !await ctx.HttpContext.RequestServices.GetRequiredService<UserSessions>().IsActiveAsync(sessionId.Value, userId))
                    {
                        ctx.RejectPrincipal();
                        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }
                    // Identity's check does nothing until the interval has passed, but resolving it builds the user manager and
                    // sign-in manager on every request: ask only when it is due.
                    if (ctx.Properties.IssuedUtc is { } issued && clock.GetUtcNow() - issued < stamp.Value.ValidationInterval)
                    {
                        return;
                    }
                    await validateStamp(ctx);
                };
            });
        services.AddTransient<FirstPasswordGate>();
        // The stamp check rebuilds the principal every minute (roles, unit); the session id must survive that.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.CurrentPrincipal?.FindFirst(ClaimType) is { } sid && ctx.NewPrincipal?.Identity is ClaimsIdentity identity && identity.FindFirst(ClaimType) is null)
            {
                identity.AddClaim(new Claim(ClaimType, sid.Value));
            }
            return Task.CompletedTask;
        });
        return services;
    }

    private const string ClaimType = UserSessions.ClaimType;
}

/// <summary>Someone signed in with a password an administrator chose gets only the change-password page (and sign-out)
/// until they have chosen their own; the API answers 403.</summary>
internal sealed class FirstPasswordGate : IMiddleware
{
    private static readonly string[] Open = ["/account", "/error", "/lib", "/css", "/favicon.ico", "/health", "/language"];

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.HasClaim(c => c.Type == Husly.Platform.Auth.HuslyClaims.MustChangePassword)
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            else
            {
                context.Response.Redirect("/account/changepassword");
            }
            return Task.CompletedTask;
        }
        return next(context);
    }
}
