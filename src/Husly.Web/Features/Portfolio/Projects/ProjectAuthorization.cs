using System.Linq.Expressions;
using System.Security.Claims;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Husly.Features.Portfolio.Projects;

public static class ProjectOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Create = new() { Name = nameof(Create) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
    public static readonly OperationAuthorizationRequirement Archive = new() { Name = nameof(Archive) };

    /// <summary>The programme's own follow-up of a project: approving reports, reopening a period, setting the schedule.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>The facts about a project that authorization needs; for Create, the programme and unit the user chose.</summary>
public sealed record ProjectScope(Guid ProgrammeId, Guid LeadUnitId, Guid? ProjectLeadId, IReadOnlyCollection<Guid> PartnerOrganisationIds);

/// <summary>The portfolio's access rules, written once and used by pages and API alike:
/// everyone in the municipality reads the portfolio (it holds no personal data), a partner reads the projects their
/// organisation takes part in; the programme owner manages everything; a program manager manages their programmes'
/// projects; a district director edits their district's; a project lead edits the projects they lead and may propose
/// new ones in their own unit.</summary>
internal sealed class ProjectAuthorizationHandler(PortfolioAccess access)
    : AuthorizationHandler<OperationAuthorizationRequirement, ProjectScope>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ProjectScope project)
    {
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(ProjectOperations.Read) => CanRead(user, project),
            nameof(ProjectOperations.Create) => await CanManageAsync(user, project) ||
                (IsOwnUnit(user, project) && user.IsInRole(Roles.DistrictDirector)) ||
                (IsOwnUnit(user, project) && user.IsInRole(Roles.ProjectLead) && project.ProjectLeadId == user.Id()),
            nameof(ProjectOperations.Edit) => await CanManageAsync(user, project) ||
                (IsOwnUnit(user, project) && user.IsInRole(Roles.DistrictDirector)) ||
                (user.IsInRole(Roles.ProjectLead) && project.ProjectLeadId is { } lead && lead == user.Id()),
            nameof(ProjectOperations.Archive) or nameof(ProjectOperations.Manage) => await CanManageAsync(user, project),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    private static bool IsOwnUnit(ClaimsPrincipal user, ProjectScope project) => user.OrganisationId() == project.LeadUnitId;

    private async Task<bool> CanManageAsync(ClaimsPrincipal user, ProjectScope project) =>
        user.IsInRole(Roles.ProgrammeOwner) ||
        (user.IsInRole(Roles.ProgrammeManager) && (await access.ManagedProgrammesAsync()).Contains(project.ProgrammeId));

    public static bool CanRead(ClaimsPrincipal user, ProjectScope project) =>
        !user.IsInRole(Roles.Partner) || (user.OrganisationId() is { } org && project.PartnerOrganisationIds.Contains(org));

    /// <summary>Who sees the same list: everyone but partners sees every project, a partner their organisation's.
    /// Part of a cached list's key, so it must change whenever <see cref="ReadableBy"/> does.</summary>
    public static string ReadScope(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Partner) ? "partner:" + (user.OrganisationId() ?? Guid.Empty) : "all";

    /// <summary>The read rule as a query filter for lists, so a list never shows what the detail page would refuse.</summary>
    public static Expression<Func<Project, bool>> ReadableBy(ClaimsPrincipal user)
    {
        if (!user.IsInRole(Roles.Partner))
        {
            return _ => true;
        }
        var org = user.OrganisationId() ?? Guid.Empty;
        return p => p.Partners.Any(x => x.OrganisationId == org);
    }
}
