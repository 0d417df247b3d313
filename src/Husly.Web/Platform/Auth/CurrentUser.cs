using System.Security.Claims;

namespace Husly.Platform.Auth;

/// <summary>Reads Husly's claims off a principal. Authorization rules use this instead of parsing claims themselves.</summary>
public static class CurrentUser
{
    public static Guid? Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? OrganisationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(HuslyClaims.OrganisationId), out var id) ? id : null;

    public static Guid? DistrictId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(HuslyClaims.DistrictId), out var id) ? id : null;

    public static Guid? TeamId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(HuslyClaims.TeamId), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(HuslyClaims.DisplayName) ?? user.Identity?.Name ?? "";

    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
}

/// <summary>Who is acting right now, for the audit columns: the signed-in user, or "system" for jobs and seeding.</summary>
public sealed class CurrentActor(IHttpContextAccessor accessor)
{
    public const string System = "system";

    public Guid? UserId => accessor.HttpContext?.User.Id();

    public string Name
    {
        get
        {
            var user = accessor.HttpContext?.User;
            return user?.Identity?.IsAuthenticated == true ? user.DisplayName() : System;
        }
    }
}
