using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Administration.Users;

/// <summary>The people the grant cycle mails and checks: one definition of "an active district director" and of finding an
/// active user by the address someone typed.</summary>
public static class People
{
    public static IQueryable<HuslyUser> ActiveDistrictDirectors(HuslyDbContext db) =>
        db.Users.Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.DistrictDirector)));

    public static IQueryable<HuslyUser> ActiveProgrammeManagers(HuslyDbContext db, Guid programmeId) =>
        db.Users.Where(u => u.IsActive && db.ProgrammeManagers.Any(m => m.UserId == u.Id && m.ProgrammeId == programmeId));

    /// <summary>Active team leaders working in a unit: the district itself or a team under it (or the central desk).</summary>
    public static IQueryable<HuslyUser> ActiveTeamLeaders(HuslyDbContext db, Guid unitId) =>
        db.Users.Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.TeamLeader))
            && (u.OrganisationId == unitId || db.Organisations.Any(o => o.Id == u.OrganisationId && o.ParentId == unitId)));

    public static Task<HuslyUser?> ActiveByEmailAsync(HuslyDbContext db, string? email)
    {
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        return db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.IsActive);
    }
}
