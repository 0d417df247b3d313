using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Husly.Features.Portfolio.Programmes;

public static class ProgrammeOperations
{
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
}

/// <summary>Identifies the programme being authorized.</summary>
public sealed record ProgrammeScope(Guid ProgrammeId);

/// <summary>Everyone signed in reads programmes. The programme owner edits every programme; a program manager edits the
/// programmes they manage.</summary>
internal sealed class ProgrammeAuthorizationHandler(PortfolioAccess access)
    : AuthorizationHandler<OperationAuthorizationRequirement, ProgrammeScope>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ProgrammeScope programme)
    {
        if (requirement.Name == nameof(ProgrammeOperations.Edit) &&
            (context.User.IsInRole(Roles.ProgrammeOwner) ||
             (context.User.IsInRole(Roles.ProgrammeManager) && (await access.ManagedProgrammesAsync()).Contains(programme.ProgrammeId))))
        {
            context.Succeed(requirement);
        }
    }
}
