using Husly.Common;
using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Administration.Organisations;
using Husly.Features.Casework.Access;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns.Access;

public enum QueueView
{
    New,
    Mine,
    Open,
    Closed,
}

public sealed record QueueRow(
    Guid Id, DateTime ReportedAt, ConcernUrgency Urgency, DateTime DueAt, ConcernStatus Status, string? ClaimedBy, bool ClaimedByMe,
    DateTime? EscalatedAt, string About, string? Postcode, ConcernSeverity? Severity, ConcernOutcome? Outcome, int Additions);

/// <summary>The follow-up team's side of concerns: the district's queue and one concern's handling, on the audited path.
/// Need to know: case workers and team leaders of the district the concern belongs to (the central desk's for those with no
/// district); case workers see closed concerns only those they handled, for the casework grace period; team leaders see all
/// of their district's. Every concern shown is logged; an id the actor may not see is logged as refused and answers as if
/// it did not exist.</summary>
public sealed class ConcernCases(HuslyDbContext db, ResidentAccess access, TimeProvider clock, IOptions<CaseworkOptions> casework,
    IOptions<ConcernOptions> options)
{
    private const string Queue = AccessActions.ConcernQueue;
    private const string View = AccessActions.ConcernView;
    private const string Change = AccessActions.ConcernChange;

    /// <summary>The unit that receives concerns whose district is not known (reference data, every installation).</summary>
    public static readonly Guid CentralDesk = DemoIds.Organisation(ReferenceData.CentralDesk);

    public CaseActor Actor => access.Actor;

    public static bool IsCentralDesk(CaseActor a) => a.UnitId == CentralDesk;

    public static bool MayTriage(CaseActor a) => a.Role is Roles.CaseWorker or Roles.TeamLeader && (a.DistrictId is not null || IsCentralDesk(a));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IQueryable<Concern> Visible(CaseActor a)
    {
        if (!MayTriage(a))
        {
            return db.Concerns.Where(_ => false);
        }
        var mine = IsCentralDesk(a) ? db.Concerns.Where(c => c.DistrictId == null) : db.Concerns.Where(c => c.DistrictId == a.DistrictId);
        if (a.Role == Roles.TeamLeader)
        {
            return mine;
        }
        var since = Now.AddDays(-casework.Value.ReadAccessDaysAfterEnd);
        return mine.Where(c => c.Status != ConcernStatus.Closed || (c.ClaimedById == a.UserId && c.ClosedAt >= since));
    }

    public const int PageSize = 50;

    /// <summary>A page of the queue (50 rows: every row shown is a logged read, so the page shows what one can act on)
    /// and how many there are in all.</summary>
    public async Task<(IReadOnlyList<QueueRow> Rows, int Total)> QueueAsync(QueueView view, int page, CancellationToken ct)
    {
        var a = access.Actor;
        var visible = Visible(a);
        var query = view switch
        {
            QueueView.New => visible.Where(c => c.Status == ConcernStatus.Received),
            QueueView.Mine => visible.Where(c => c.Status != ConcernStatus.Closed && c.ClaimedById == a.UserId),
            QueueView.Open => visible.Where(c => c.Status != ConcernStatus.Closed),
            _ => visible.Where(c => c.Status == ConcernStatus.Closed),
        };
        var total = await query.CountAsync(ct);
        query = view == QueueView.Closed ? query.OrderByDescending(c => c.ClosedAt).ThenBy(c => c.Id) : query.OrderBy(c => c.DueAt).ThenBy(c => c.ReportedAt).ThenBy(c => c.Id);
        var rows = await query.Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(c => new QueueRow(c.Id, c.ReportedAt, c.Urgency, c.DueAt, c.Status, c.ClaimedByName, c.ClaimedById == a.UserId, c.EscalatedAt,
                c.PersonName ?? c.Address ?? c.PersonDescription ?? "", c.Postcode, c.Severity, c.Outcome, c.Additions.Count))
            .AsNoTracking().ToListAsync(ct);
        await LogAsync(a, rows.Select(r => r.Id), Queue, AccessOutcome.Granted, ct);
        return (rows, total);
    }

    /// <summary>How many are waiting and how many of those are past their deadline (the start page's task list).</summary>
    public async Task<(int Waiting, int Overdue, int Mine)> CountsAsync(CancellationToken ct)
    {
        var a = access.Actor;
        var now = Now;
        var counts = await Visible(a).Where(c => c.Status != ConcernStatus.Closed)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Waiting = g.Count(c => c.Status == ConcernStatus.Received),
                Overdue = g.Count(c => c.Status == ConcernStatus.Received && c.DueAt < now),
                Mine = g.Count(c => c.ClaimedById == a.UserId),
            })
            .FirstOrDefaultAsync(ct);
        return counts is null ? (0, 0, 0) : (counts.Waiting, counts.Overdue, counts.Mine);
    }

    /// <summary>One concern with what the reporter added, its history and meetings; null when it does not exist or the actor
    /// may not see it (logged as refused).</summary>
    public async Task<Concern?> OpenAsync(Guid id, CancellationToken ct)
    {
        var a = access.Actor;
        var concern = await Visible(a).Where(c => c.Id == id)
            .Include(c => c.Additions).Include(c => c.Events).Include(c => c.Meetings).Include(c => c.District).Include(c => c.ReporterOrganisation)
            .AsSplitQuery().AsNoTracking().FirstOrDefaultAsync(ct);
        await LogAsync(a, [id], View, concern is null ? AccessOutcome.Denied : AccessOutcome.Granted, ct);
        return concern;
    }

    public Task<ChangeResult> ClaimAsync(Guid id, Guid version, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) => Task.FromResult(c.Claim(a.UserId, a.Name, now)), ct);

    public Task<ChangeResult> AssessAsync(Guid id, Guid version, ConcernSeverity severity, ConcernKind kind, ConcernUrgency urgency, string? note, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) => Task.FromResult(c.Assess(severity, kind, urgency, note, options.Value.TimeLimit(urgency), a.UserId, a.Name, now)), ct);

    public Task<ChangeResult> RecordContactAsync(Guid id, Guid version, ContactKind kind, DateTime at, string? note, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) => Task.FromResult(c.RecordContact(kind, at, note, a.UserId, a.Name, now)), ct);

    public Task<ChangeResult> DecideAsync(Guid id, Guid version, ConcernOutcome outcome, string reason, string? referredTo, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) => Task.FromResult(c.Decide(outcome, reason, referredTo, a.UserId, a.Name, now)), ct);

    public Task<ChangeResult> CloseAsync(Guid id, Guid version, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) => Task.FromResult(c.Close(a.UserId, a.Name, now)), ct);

    /// <summary>Only a team leader reopens a closed concern.</summary>
    public Task<ChangeResult> ReopenAsync(Guid id, Guid version, string reason, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) => Task.FromResult<IReadOnlyList<RuleError>>(a.Role == Roles.TeamLeader
            ? c.Reopen(reason, a.UserId, a.Name, now)
            : [new Husly.Common.RuleError("", "Bare teamleder kan gjenåpne en avsluttet melding.")]), ct);

    /// <summary>Sends a concern to another district (it lies elsewhere, or came to the central desk). The sender loses it
    /// from their queue at once.</summary>
    public Task<ChangeResult> RouteAsync(Guid id, Guid version, Guid districtId, string reason, CancellationToken ct) =>
        ChangeAsync(id, version, async (c, a, now) =>
        {
            var district = await db.Organisations.AsNoTracking().Where(o => o.Id == districtId && o.Kind == OrganisationKind.District && o.IsActive)
                .Select(o => o.Name).FirstOrDefaultAsync(ct);
            return district is null ? [new RuleError("DistrictId", "Velg en bydel fra listen.")] : c.Route(districtId, district, reason, a.UserId, a.Name, now);
        }, ct);

    /// <summary>Links the concern to a resident the actor may see (found through the audited search, or just registered).</summary>
    public Task<ChangeResult> LinkAsync(Guid id, Guid version, Guid residentId, CancellationToken ct) =>
        ChangeAsync(id, version, async (c, a, now) => await access.MaySeeResidentAsync(a, residentId, ct)
            ? c.Link(residentId, a.UserId, a.Name, now)
            : [new RuleError("ResidentId", "Fant ikke brukeren blant dem du har tilgang til.")], ct);

    public Task<ChangeResult> AddMeetingAsync(Guid id, Guid version, ConcernMeeting meeting, CancellationToken ct) =>
        ChangeAsync(id, version, (c, a, now) =>
        {
            if (!c.IsOpen)
            {
                return Task.FromResult<IReadOnlyList<RuleError>>([new Husly.Common.RuleError("", "Meldingen er avsluttet.")]);
            }
            var errors = meeting.Validate();
            if (errors.Count == 0)
            {
                meeting.Id = Guid.CreateVersion7();
                meeting.ConcernId = c.Id;
                db.ConcernMeetings.Add(meeting);
                c.Record(ConcernEventKind.Meeting, a.UserId, a.Name, now, meeting.Participants);
            }
            return Task.FromResult(errors);
        }, ct);

    /// <summary>Loads the concern for change through the rule, checks the version the user saw, applies the step, saves
    /// and logs. Stale versions are refused, never overwritten.</summary>
    private async Task<ChangeResult> ChangeAsync(Guid id, Guid version, Func<Concern, CaseActor, DateTime, Task<IReadOnlyList<RuleError>>> step, CancellationToken ct)
    {
        var a = access.Actor;
        var concern = await Visible(a).Where(c => c.Id == id && (c.Status != ConcernStatus.Closed || a.Role == Roles.TeamLeader)).FirstOrDefaultAsync(ct);
        if (concern is null)
        {
            await LogAsync(a, [id], Change, AccessOutcome.Denied, ct);
            return ChangeResult.NotFound;
        }
        if (concern.Version != version)
        {
            return ChangeResult.Refused(Conflict);
        }
        db.Entry(concern).Property(c => c.Version).OriginalValue = version;
        var errors = await step(concern, a, Now);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ChangeResult.Refused([.. errors]);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ChangeResult.Refused(Conflict);
        }
        await LogAsync(a, [id], Change, AccessOutcome.Granted, ct);
        return ChangeResult.Done;
    }

    public const string Conflict = "Noen andre har endret meldingen i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen.";

    private Task LogAsync(CaseActor a, IEnumerable<Guid> ids, string action, AccessOutcome outcome, CancellationToken ct) =>
        access.LogAsync(ids.Select(id => ResidentAccess.Entry(a, null, action, outcome, concernId: id)).ToList(), ct);
}
