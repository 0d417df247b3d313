using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Caching.Memory;

namespace Husly.Features.Casework.Access;

/// <summary>Logs, as denied, an attempt to open a resident's page by someone a folder policy stops before anything is read
/// (a partner or a programme manager with a resident's address). The answer is the framework's as before; the attempt now
/// shows in the resident's access report and the privacy officer's search.</summary>
internal sealed class RefusedAttempts(AccessLog log, IMemoryCache seen) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var actor = CaseActor.From(context.User);
        // Once per user and resident a minute: a script hammering refused addresses must not flood the log.
        if (authorizeResult.Forbidden && ResidentIn(context) is { } residentId && FirstThisMinute(actor.UserId, residentId))
        {
            await log.AppendAsync([new AccessLogEntry
            {
                UserId = actor.UserId == Guid.Empty ? null : actor.UserId,
                UserName = actor.Name,
                Role = actor.Role,
                UnitId = actor.UnitId,
                UnitName = actor.UnitName,
                ResidentId = residentId,
                Action = HttpMethods.IsGet(context.Request.Method) ? AccessActions.View : AccessActions.Change,
                Outcome = AccessOutcome.Denied,
            }], context.RequestAborted);
        }
        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }

    private bool FirstThisMinute(Guid userId, Guid residentId)
    {
        var key = (nameof(RefusedAttempts), userId, residentId);
        if (seen.TryGetValue(key, out _))
        {
            return false;
        }
        seen.Set(key, true, TimeSpan.FromMinutes(1));
        return true;
    }

    /// <summary>The resident a casework or privacy address names, from its route values.</summary>
    private static Guid? ResidentIn(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/casework/residents") && !path.StartsWithSegments("/privacy/residents"))
        {
            return null;
        }
        var values = context.GetRouteData().Values;
        foreach (var name in new[] { "residentId", "id" })
        {
            if (Guid.TryParse(values[name]?.ToString(), out var id))
            {
                return id;
            }
        }
        return null;
    }
}
