using System.Security.Claims;
using Husly.Data;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Access;

public sealed class CaseworkOptions
{
    /// <summary>Accept synthetic identity numbers (month + 80). Only for demo and test environments.</summary>
    public bool AllowSyntheticIdentityNumbers { get; set; }

    /// <summary>How long workers keep read access to a resident after their enrolment ended (e.g. after a transfer).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 365)]
    public int ReadAccessDaysAfterEnd { get; set; } = 90;

    /// <summary>How long emergency access ("break the glass") lasts.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24)]
    public int EmergencyAccessHours { get; set; } = 4;

    /// <summary>How many emergency accesses one worker may take to one resident in 24 hours; more needs ordinary access.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int EmergencyAccessGrantsPerDay { get; set; } = 2;

    /// <summary>Only for measuring what the read audit costs (bench/casework.sh): honoured solely in the "Benchmark"
    /// environment, ignored (with an error in the log) anywhere else.</summary>
    public bool SkipAccessLogInBenchmark { get; set; }
}

/// <summary>Who is asking, as the access rule needs it.</summary>
public sealed record CaseActor(Guid UserId, string Name, string Role, Guid? UnitId, string UnitName, Guid? DistrictId, Guid? TeamId)
{
    public static CaseActor From(ClaimsPrincipal user) => new(
        user.Id() ?? Guid.Empty, user.DisplayName(), user.Role() ?? "", user.OrganisationId(),
        user.FindFirstValue(HuslyClaims.OrganisationName) ?? "", user.DistrictId(), user.TeamId());

    /// <summary>Only case workers and team leaders work with residents; every other role sees nothing identifiable.</summary>
    public bool WorksWithResidents => Role is Roles.CaseWorker or Roles.TeamLeader && DistrictId is not null;
}

/// <summary>The audited path to residents' data, for every module's Access code: who is asking, the need-to-know rule as
/// queries (which enrolments give read or change access, which residents the actor may see, an active emergency
/// access) and the access log. Whatever reveals a resident appends an entry per resident it reveals, or a denied one.</summary>
public sealed class ResidentAccess(HuslyDbContext db, AccessLog log, TimeProvider clock, IOptions<CaseworkOptions> options, IHttpContextAccessor http)
{
    public CaseActor Actor => CaseActor.From(http.HttpContext?.User ?? new ClaimsPrincipal());

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>Enrolments that give the actor read access: open ones, and ended ones for a grace period.</summary>
    public IQueryable<Enrolment> ReadableEnrolments(CaseActor a)
    {
        if (!a.WorksWithResidents)
        {
            return db.Enrolments.Where(_ => false);
        }
        var since = Today.AddDays(-options.Value.ReadAccessDaysAfterEnd);
        var live = db.Enrolments.Where(e => e.End == null || e.End >= since);
        return a.Role == Roles.TeamLeader
            ? live.Where(e => e.DistrictId == a.DistrictId)
            : live.Where(e => e.ContactPersonId == a.UserId || (a.TeamId != null && e.TeamId == a.TeamId && e.DistrictId == a.DistrictId));
    }

    public IQueryable<Enrolment> ChangeableEnrolments(CaseActor a) => ReadableEnrolments(a).Where(e => e.End == null);

    /// <summary><see cref="ChangeableEnrolments"/> for an enrolment already loaded: the same rule in memory (a test holds the
    /// two together for every demo actor and enrolment).</summary>
    public static bool MayChange(CaseActor a, Enrolment e) => a.WorksWithResidents && e.End is null
        && (a.Role == Roles.TeamLeader
            ? e.DistrictId == a.DistrictId
            : e.ContactPersonId == a.UserId || (a.TeamId != null && e.TeamId == a.TeamId && e.DistrictId == a.DistrictId));

    /// <summary>Residents the actor may see: through a readable enrolment, and for a protected address only when named.
    /// Emergency access is not part of this: it opens one resident page, never lists or searches.</summary>
    public IQueryable<Resident> Visible(CaseActor a)
    {
        var enrolments = ReadableEnrolments(a);
        // The receiving district's team leaders must be able to read a resident proposed to them before they decide.
        var incoming = a.Role == Roles.TeamLeader
            ? db.Transfers.Where(t => t.Status == TransferStatus.Proposed && t.ToDistrictId == a.DistrictId)
            : db.Transfers.Where(_ => false);
        return db.Residents.Where(r => (enrolments.Any(e => e.ResidentId == r.Id) || incoming.Any(t => t.ResidentId == r.Id))
            && (r.Protection == ProtectionLevel.None || r.NamedWorkers.Any(n => n.UserId == a.UserId)));
    }

    /// <summary>Whether the actor may see this resident (for linking another module's record to them; reveals nothing).</summary>
    public Task<bool> MaySeeResidentAsync(CaseActor a, Guid residentId, CancellationToken ct) => Visible(a).AnyAsync(r => r.Id == residentId, ct);

    public Task<EmergencyAccess?> ActiveEmergencyAsync(CaseActor a, Guid residentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.EmergencyAccesses.AsNoTracking().Where(g => g.UserId == a.UserId && g.ResidentId == residentId && g.ExpiresAt > now)
            .OrderByDescending(g => g.ExpiresAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Appends the entries and returns when they are committed (see <see cref="AccessLog"/>).</summary>
    public Task LogAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken ct) => log.AppendAsync(entries, ct);

    /// <summary>One entry: about a resident, or (<paramref name="concernId"/>) a concern or rent alert, or both.</summary>
    public static AccessLogEntry Entry(CaseActor a, Guid? residentId, string action, AccessOutcome outcome, string? reason = null, Guid? concernId = null) => new()
    {
        ConcernId = concernId,
        UserId = a.UserId == Guid.Empty ? null : a.UserId,
        UserName = a.Name,
        Role = a.Role,
        UnitId = a.UnitId,
        UnitName = a.UnitName,
        ResidentId = residentId,
        Action = action,
        Outcome = outcome,
        Reason = reason,
    };
}
