using System.Security.Claims;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Husly.Features.Administration.Users;

/// <summary>Adds the display name and unit to the sign-in cookie, so authorization needs no database round trip for them.</summary>
internal sealed class HuslyClaimsFactory(
    UserManager<HuslyUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HuslyUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HuslyUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HuslyClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(HuslyClaims.OrganisationId, user.OrganisationId.ToString()));
        return identity;
    }
}
