using Husly.Features.Administration.Users;
using System.Security.Claims;
using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Applications;

/// <summary>What one user is to one application.</summary>
public sealed record ApplicationViewer(Guid UserId, string Name, MemberRole? Role, bool IsEndorser, bool IsManager, bool IsReviewer = false)
{
    public bool IsMember => Role is not null;
    public bool IsOwner => Role == MemberRole.Owner;
}

public sealed record OpenApplication(Application Application, Call Call, ApplicationViewer Viewer, bool NeedsEndorsement, IReadOnlyList<StageStep> Flow);

/// <summary>
/// Who sees an application: its members always; the director of the applying district once asked to endorse it (and
/// after); the programme's managers once it is submitted. Anyone else — and anyone for an id that does not exist — gets
/// "not found".
/// </summary>
public sealed class ApplicationAccess(HuslyDbContext db, CallAccess calls, CallStages stages)
{
    public async Task<OpenApplication?> OpenAsync(ClaimsPrincipal user, Guid id, bool tracking = false)
    {
        if (user.Id() is not { } userId)
        {
            return null;
        }
        var query = db.Applications.Include(a => a.Members).Include(a => a.TargetGroups).Include(a => a.Units).Include(a => a.Milestones)
            .Include(a => a.Budget).Include(a => a.Risks).Include(a => a.Answers).AsSplitQuery();
        var application = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return null;
        }
        var call = await db.Calls.AsNoTracking().Include(c => c.Questions).Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == application.CallId);
        var role = application.Members.FirstOrDefault(m => m.UserId == userId)?.Role;
        // A director who writes on the application does not endorse it.
        var endorser = role is null && user.IsInRole(Roles.DistrictDirector) && user.OrganisationId() == application.LeadUnitId
            && (application.EndorsementRequestedAt is not null || application.EndorsedAt is not null);
        var submitted = application.Stage is not (ApplicationStage.Draft or ApplicationStage.Endorsed);
        var manager = submitted && await calls.MayManageAsync(user, call.ProgrammeId);
        // An assigned reviewer reads the application until they declare a conflict of interest.
        var reviewer = submitted && await db.Reviews.AnyAsync(r => r.ApplicationId == id && r.ReviewerId == userId && r.ConflictDeclaredAt == null);
        if (role is null && !endorser && !manager && !reviewer)
        {
            return null;
        }
        var flow = await stages.ForProgrammeAsync(call.ProgrammeId);
        var isDistrict = await db.Organisations.AnyAsync(o => o.Id == application.LeadUnitId && o.Kind == Husly.Features.Administration.Organisations.OrganisationKind.District);
        // The district's director endorses; when the director is the one applying, there is nobody above to ask.
        var owner = application.Members.First(m => m.Role == MemberRole.Owner).UserId;
        var ownerIsDirector = await People.ActiveDistrictDirectors(db).AnyAsync(u => u.Id == owner && u.OrganisationId == application.LeadUnitId);
        var needsEndorsement = isDistrict && !ownerIsDirector && flow.Any(s => s.Stage == ApplicationStage.Endorsed && s.IsEnabled);
        return new OpenApplication(application, call, new ApplicationViewer(userId, user.DisplayName(), role, endorser, manager, reviewer), needsEndorsement,
            [.. flow.Where(s => s.IsEnabled && (needsEndorsement || s.Stage != ApplicationStage.Endorsed))]);
    }
}
