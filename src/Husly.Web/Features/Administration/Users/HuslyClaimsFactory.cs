using System.Security.Claims;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Administration.Users;

/// <summary>Adds the display name and unit to the sign-in cookie, so authorization needs no database round trip for them.</summary>
internal sealed class HuslyClaimsFactory(
    UserManager<HuslyUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, HuslyDbContext db)
    : UserClaimsPrincipalFactory<HuslyUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HuslyUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HuslyClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(HuslyClaims.OrganisationId, user.OrganisationId.ToString()));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(HuslyClaims.MustChangePassword, "true"));
        }
        var unit = await db.Organisations.AsNoTracking().Where(o => o.Id == user.OrganisationId)
            .Select(o => new { o.Name, o.Kind, o.ParentId, ParentKind = db.Organisations.Where(p => p.Id == o.ParentId).Select(p => (OrganisationKind?)p.Kind).FirstOrDefault() })
            .FirstOrDefaultAsync();
        if (unit is not null)
        {
            identity.AddClaim(new Claim(HuslyClaims.OrganisationName, unit.Name));
            // Casework's access rule works with the district and the team; a team sits under its district.
            if (unit.Kind == OrganisationKind.District)
            {
                identity.AddClaim(new Claim(HuslyClaims.DistrictId, user.OrganisationId.ToString()));
            }
            // A team outside the districts (the central desk for concerns) works with no district's residents.
            else if (unit is { Kind: OrganisationKind.Team, ParentId: { } district, ParentKind: OrganisationKind.District })
            {
                identity.AddClaim(new Claim(HuslyClaims.DistrictId, district.ToString()));
                identity.AddClaim(new Claim(HuslyClaims.TeamId, user.OrganisationId.ToString()));
            }
        }
        return identity;
    }
}
