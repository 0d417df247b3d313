using System.Security.Claims;
using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Plans;
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

public enum CaseloadScope
{
    Mine,
    Team,
    District,
}

public sealed record CaseloadRow(Guid ResidentId, string Name, DateOnly BirthDate, ProtectionLevel Protection,
    LivingSituationKind? LivingSituation, FollowUpCategory Category, string ContactPerson, DateOnly Start, string? Team,
    bool NeedsDecision);

/// <summary>What registering did: a new enrolment, or nothing because the person already has an open one in the district.</summary>
public sealed record RegisterResult(Guid ResidentId, bool AlreadyEnrolled);

/// <summary>What of a case file a page shows, beyond the resident, their living situations and enrolments (always
/// loaded): each part is one query, so a page asks only for what it shows.</summary>
[Flags]
public enum CaseFileParts
{
    None = 0,
    Decisions = 1,
    Hours = 2,
    Consents = 4,
    Partners = 8,
    Meetings = 16,
    Transfers = 32,
    Plans = 64,
    Household = 128,
    Links = 256,
    All = Decisions | Hours | Consents | Partners | Meetings | Transfers | Plans | Household | Links,
}

/// <summary>Another resident shown on a resident's page (household member, linked record). Name and id only when the
/// actor may see that resident too.</summary>
public sealed record RelatedResident(Guid? ResidentId, string? Name, bool IsMainTenant, Guid? LinkId);

public sealed record SearchHit(Guid ResidentId, string Name, DateOnly BirthDate, string MaskedIdentity);

/// <summary>An opened resident: the tracked resident and their enrolments, after the rule allowed it and the read
/// was logged. Pages change these entities and call <see cref="TrySaveAsync"/>.</summary>
public sealed class CaseFile(HuslyDbContext db, Resident resident, List<Enrolment> enrolments, List<Decision> decisions,
    List<DeliveredHours> hours, bool canChange, CaseActor actor)
{
    public IReadOnlyList<Consent> Consents { get; init; } = [];
    public IReadOnlyList<FollowUpPartner> Partners { get; init; } = [];
    public IReadOnlyList<Transfer> Transfers { get; init; } = [];
    public IReadOnlyList<CooperationMeeting> Meetings { get; init; } = [];

    public void Add(CooperationMeeting meeting) => db.Add(meeting);
    public IndividualPlan? IndividualPlan { get; init; }

    /// <summary>The household's members other than the resident: named when the actor may see them, else only counted.</summary>
    public IReadOnlyList<RelatedResident> HouseholdMembers { get; init; } = [];
    public Guid? HouseholdId { get; init; }
    public bool IsMainTenant { get; init; }

    /// <summary>Records linked to this one as the same person (active links only).</summary>
    public IReadOnlyList<RelatedResident> Links { get; init; } = [];
    public CrisisPlan? CrisisPlan { get; init; }

    public void Add(IndividualPlan plan) => db.Add(plan);

    public void Add(CrisisPlan plan) => db.Add(plan);

    /// <summary>Whether a consent covering the purpose (and, for sharing, the kind of partner) holds on the day.</summary>
    public bool HasConsent(ConsentPurpose purpose, PartnerKind? partner, DateOnly day) => Consents.Any(c => c.Covers(purpose, partner, day));

    public void Add(Consent consent) => db.Add(consent);

    public void Add(FollowUpPartner partner) => db.Add(partner);

    public void Add(Transfer transfer) => db.Add(transfer);

    public void Add(ResidentChange change) => db.Add(change);

    /// <summary>The corrections of the resident's contact details, newest first (part of the record the actor opened).</summary>
    public Task<List<ResidentChange>> ChangesAsync(CancellationToken ct) =>
        db.ResidentChanges.AsNoTracking().Where(c => c.ResidentId == Resident.Id).OrderByDescending(c => c.ChangedAt).ToListAsync(ct);

    public Resident Resident { get; } = resident;
    public IReadOnlyList<Enrolment> Enrolments { get; } = enrolments;

    /// <summary>The decisions on the resident's enrolments, newest first.</summary>
    public IReadOnlyList<Decision> Decisions { get; } = decisions;

    /// <summary>Delivered hours on the resident's enrolments, newest first (the last year).</summary>
    public IReadOnlyList<DeliveredHours> Hours { get; } = hours;

    public CaseActor Actor { get; } = actor;

    /// <summary>Set when the actor reads this resident only through emergency access.</summary>
    public EmergencyAccess? Emergency { get; init; }

    /// <summary>False when the user only keeps read access for a while after their enrolment ended.</summary>
    public bool CanChange { get; } = canChange;

    public void ExpectVersion(Platform.Auditing.IAuditable entity, Guid version) =>
        db.Entry(entity).Property(nameof(entity.Version)).OriginalValue = version;

    public void Add(Enrolment enrolment) => db.Add(enrolment);

    public void Add(Decision decision) => db.Add(decision);

    public void Add(DeliveredHours logged) => db.Add(logged);

    public void Remove(DecisionService service) => db.Remove(service);

    /// <summary>Whether the actor may change this enrolment: an open one in their own district.</summary>
    public bool MayChange(Enrolment enrolment) => CanChange && enrolment.End is null && enrolment.DistrictId == Actor.DistrictId;

    /// <summary>Renews the version of a record whose child rows changed, so open forms see the change.</summary>
    public void Touch(Platform.Auditing.IAuditable entity)
    {
        if (db.Entry(entity).State == EntityState.Unchanged)
        {
            db.Entry(entity).State = EntityState.Modified;
        }
    }

    /// <summary>Saves, or returns false when someone else saved first (the posted version is stale); then nothing is
    /// saved and the unsaved changes are forgotten. A form posted twice (the same submission id, or a unique row that the
    /// first post created) counts as saved: what the user asked for is there, once.</summary>
    public async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            Discard();
            return false;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && e.Entries.All(x => x.Entity is DeliveredHours))
        {
            Discard();
            return true;
        }
    }

    /// <summary>Forgets unsaved changes, before the page is shown again with errors.</summary>
    public void Discard() => db.ChangeTracker.Clear();
}

/// <summary>The one path to residents' data. Every method authorises with the need-to-know rule and writes an
/// access-log entry for each resident it reveals (or a denied entry). No page reads casework tables itself; an
/// architecture test holds that.</summary>
public sealed class CaseFiles(HuslyDbContext db, AccessLog log, TimeProvider clock, IOptions<CaseworkOptions> options, IHttpContextAccessor http,
    IdentityNumberVault numbers)
{
    private CaseActor Actor => CaseActor.From(http.HttpContext?.User ?? new ClaimsPrincipal());

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>Enrolments that give the actor read access: open ones, and ended ones for a grace period.</summary>
    private IQueryable<Enrolment> ReadableEnrolments(CaseActor a)
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

    private IQueryable<Enrolment> ChangeableEnrolments(CaseActor a) => ReadableEnrolments(a).Where(e => e.End == null);

    /// <summary>Residents the actor may see: through a readable enrolment, and for a protected address only when named.
    /// Emergency access is not part of this: it opens one resident page, never lists or searches.</summary>
    private IQueryable<Resident> Visible(CaseActor a)
    {
        var enrolments = ReadableEnrolments(a);
        // The receiving district's team leaders must be able to read a resident proposed to them before they decide.
        var incoming = a.Role == Roles.TeamLeader
            ? db.Transfers.Where(t => t.Status == TransferStatus.Proposed && t.ToDistrictId == a.DistrictId)
            : db.Transfers.Where(_ => false);
        return db.Residents.Where(r => (enrolments.Any(e => e.ResidentId == r.Id) || incoming.Any(t => t.ResidentId == r.Id))
            && (r.Protection == ProtectionLevel.None || r.NamedWorkers.Any(n => n.UserId == a.UserId)));
    }

    private Task<EmergencyAccess?> ActiveEmergencyAsync(CaseActor a, Guid residentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.EmergencyAccesses.AsNoTracking().Where(g => g.UserId == a.UserId && g.ResidentId == residentId && g.ExpiresAt > now)
            .OrderByDescending(g => g.ExpiresAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Services at home lasting more than two weeks normally need a decision.</summary>
    public const int DecisionDueAfterDays = 14;

    /// <summary>How many of the actor's own open enrolments have run past 14 days without a decision in force.
    /// A count reveals no one, so it is not logged.</summary>
    public async Task<int> DecisionTasksAsync(CancellationToken ct)
    {
        var a = Actor;
        var today = Today;
        var dueBy = today.AddDays(-DecisionDueAfterDays);
        var visible = Visible(a);
        return await ReadableEnrolments(a).Where(e => e.End == null && e.ContactPersonId == a.UserId && e.Start <= dueBy)
            .Where(e => visible.Any(r => r.Id == e.ResidentId))
            .CountAsync(e => !db.Decisions.Any(d => d.EnrolmentId == e.Id && d.Status == DecisionStatus.Decided
                && d.ValidFrom <= today && (d.ValidTo == null || d.ValidTo >= today)), ct);
    }

    /// <summary>Planned against delivered hours per week for the actor's caseload (planned on their enrolments, delivered
    /// by them) or their team's. Sums only: nothing identifiable, nothing logged.</summary>
    public async Task<IReadOnlyList<WeekHours>> WeeklyHoursAsync(CaseloadScope scope, int weeks, CancellationToken ct)
    {
        var a = Actor;
        var enrolments = ReadableEnrolments(a);
        enrolments = scope == CaseloadScope.Team && a.TeamId is { } team
            ? enrolments.Where(e => e.TeamId == team)
            : scope == CaseloadScope.District && a.Role == Roles.TeamLeader ? enrolments : enrolments.Where(e => e.ContactPersonId == a.UserId);
        var since = Today.AddDays(-7 * weeks);
        var decisions = await db.Decisions.AsNoTracking().Where(d => enrolments.Any(e => e.Id == d.EnrolmentId) && d.Status != DecisionStatus.Draft
                && (d.ValidTo == null || d.ValidTo >= since)).Include(d => d.Services).ToListAsync(ct);
        var hours = scope == CaseloadScope.Mine
            ? db.DeliveredHours.Where(h => h.WorkerId == a.UserId)
            : db.DeliveredHours.Where(h => enrolments.Any(e => e.Id == h.EnrolmentId));
        var delivered = await hours.Where(h => h.Date >= since).Select(h => new { h.Date, h.Hours }).ToListAsync(ct);
        return PlannedVsDelivered.Weeks(decisions.Select(PlannedVsDelivered.Granted).OfType<GrantedHours>(),
            delivered.Select(h => (h.Date, h.Hours)), Today, weeks);
    }

    /// <summary>The hours the actor has logged on a day, over all residents: a sum, nothing identifiable, not logged.</summary>
    public async Task<double> HoursLoggedByMeOnAsync(DateOnly date, CancellationToken ct)
    {
        var me = Actor.UserId;
        // Summed here: SQLite cannot sum a double column translated from every provider the same way.
        return (await db.DeliveredHours.Where(h => h.WorkerId == me && h.Date == date).Select(h => h.Hours).ToListAsync(ct)).Sum();
    }

    public async Task<IReadOnlyList<CaseloadRow>> CaseloadAsync(CaseloadScope scope, CancellationToken ct)
    {
        var a = Actor;
        var enrolments = ReadableEnrolments(a).Where(e => e.End == null);
        enrolments = scope switch
        {
            CaseloadScope.Mine => enrolments.Where(e => e.ContactPersonId == a.UserId),
            CaseloadScope.Team => enrolments.Where(e => e.TeamId == a.TeamId),
            _ => enrolments,
        };
        var visible = Visible(a);
        var today = Today;
        var dueBy = today.AddDays(-DecisionDueAfterDays);
        var rows = await enrolments
            .Where(e => visible.Any(r => r.Id == e.ResidentId))
            .OrderBy(e => e.Resident!.LastName).ThenBy(e => e.Resident!.FirstName)
            .Take(500)
            .Select(e => new CaseloadRow(e.ResidentId, e.Resident!.FirstName + " " + e.Resident.LastName, e.Resident.BirthDate,
                e.Resident.Protection,
                e.Resident.LivingSituations.Where(p => p.End == null).OrderByDescending(p => p.Start).Select(p => (LivingSituationKind?)p.Kind).FirstOrDefault(),
                e.Category, e.ContactPerson!.DisplayName, e.Start, e.Team != null ? e.Team.Name : null,
                e.Start <= dueBy && !db.Decisions.Any(d => d.EnrolmentId == e.Id && d.Status == DecisionStatus.Decided
                    && d.ValidFrom <= today && (d.ValidTo == null || d.ValidTo >= today))))
            .AsNoTracking().ToListAsync(ct);
        await log.AppendAsync(rows.Select(r => r.ResidentId).Distinct().Select(id => Entry(a, id, AccessActions.Caseload, AccessOutcome.Granted)).ToList(), ct);
        return rows;
    }

    /// <summary>Finds residents by exact identity number, or by name and birth year, among those the actor may see.</summary>
    public async Task<IReadOnlyList<SearchHit>> FindAsync(string? identityNumber, string? name, int? birthYear, CancellationToken ct)
    {
        var a = Actor;
        var query = Visible(a);
        if (!string.IsNullOrWhiteSpace(identityNumber))
        {
            var hash = numbers.Hash(identityNumber.Replace(" ", "", StringComparison.Ordinal));
            query = query.Where(r => r.IdentityNumberHash == hash);
        }
        else if (!string.IsNullOrWhiteSpace(name) && birthYear is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            var words = name.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            query = query.Where(r => r.BirthDate >= from && r.BirthDate <= to);
            foreach (var word in words)
            {
                query = query.Where(r => r.SearchName.Contains(word));
            }
        }
        else
        {
            return [];
        }
        var hits = (await query.OrderBy(r => r.LastName).ThenBy(r => r.FirstName).Take(50)
            .Select(r => new { r.Id, Name = r.FirstName + " " + r.LastName, r.BirthDate, r.IdentityNumberCipher })
            .AsNoTracking().ToListAsync(ct))
            .Select(r => new SearchHit(r.Id, r.Name, r.BirthDate, Masked(numbers.Unprotect(r.IdentityNumberCipher))))
            .ToList();
        await log.AppendAsync(hits.Select(h => Entry(a, h.ResidentId, AccessActions.Search, AccessOutcome.Granted)).ToList(), ct);
        return hits;
    }

    /// <summary>Opens a resident for reading (and changing, where allowed), with the parts of the case file the page shows
    /// (the resident, living situations and enrolments always). Null both when the resident does not exist and when the
    /// actor may not see them, so ids cannot be probed; the refusal is logged.</summary>
    public async Task<CaseFile?> OpenAsync(Guid residentId, string action, CaseFileParts parts, CancellationToken ct)
    {
        var a = Actor;
        // One query in the common case: the resident, and whether the actor may change anything (the same rule, in SQL).
        // The emergency lookup only when the rule says no.
        var changeable = ChangeableEnrolments(a);
        var opened = await Visible(a).Where(r => r.Id == residentId)
            .Include(r => r.LivingSituations).Include(r => r.NamedWorkers).ThenInclude(n => n.User).AsSingleQuery()
            .Select(r => new { Resident = r, CanChange = changeable.Any(e => e.ResidentId == r.Id) })
            .FirstOrDefaultAsync(ct);
        var resident = opened?.Resident;
        var emergency = resident is null && a.WorksWithResidents ? await ActiveEmergencyAsync(a, residentId, ct) : null;
        if (emergency is not null)
        {
            resident = await db.Residents.Where(r => r.Id == residentId)
                .Include(r => r.LivingSituations).Include(r => r.NamedWorkers).ThenInclude(n => n.User).AsSingleQuery()
                .FirstOrDefaultAsync(ct);
        }
        if (resident is null)
        {
            await log.AppendAsync([Entry(a, residentId, action, AccessOutcome.Denied)], ct);
            return null;
        }
        var enrolments = await db.Enrolments.Where(e => e.ResidentId == residentId)
            .Include(e => e.District).Include(e => e.Team).Include(e => e.ContactPerson).Include(e => e.Project)
            .OrderByDescending(e => e.Start).ToListAsync(ct);
        var loaded = await LoadPartsAsync(residentId, parts, emergency is null ? Visible(a) : db.Residents.Where(_ => false), ct);
        // One append for the page: the resident, and household members and linked records it names (reads of their data too).
        var related = loaded.Members.Where(m => m.Seen).Select(m => m.ResidentId).Concat(loaded.Links.Where(l => l.Seen).Select(l => l.Other)).Distinct()
            .Select(id => Entry(a, id, AccessActions.Related, AccessOutcome.Granted));
        await log.AppendAsync([emergency is null
            ? Entry(a, residentId, action, AccessOutcome.Granted)
            : Entry(a, residentId, action, AccessOutcome.Emergency, emergency.Reason), .. related], ct);
        var self = loaded.Members.FirstOrDefault(m => m.ResidentId == residentId);
        // Emergency access reads only.
        return new CaseFile(db, resident, enrolments, loaded.Decisions, loaded.Hours, emergency is null && opened!.CanChange, a)
        {
            Emergency = emergency,
            Consents = loaded.Consents,
            Partners = loaded.Partners,
            Transfers = loaded.Transfers,
            Meetings = loaded.Meetings,
            IndividualPlan = loaded.Plan,
            CrisisPlan = loaded.Crisis,
            HouseholdId = self?.HouseholdId,
            IsMainTenant = self?.IsMainTenant == true,
            HouseholdMembers = loaded.Members.Where(m => m.ResidentId != residentId)
                .Select(m => m.Seen ? new RelatedResident(m.ResidentId, m.Name, m.IsMainTenant, null) : new RelatedResident(null, null, m.IsMainTenant, null)).ToList(),
            Links = loaded.Links.Select(l => l.Seen ? new RelatedResident(l.Other, l.Name, false, l.Id) : new RelatedResident(null, null, false, l.Id)).ToList(),
        };
    }

    private sealed record Member(Guid HouseholdId, Guid ResidentId, bool IsMainTenant, bool Seen, string Name);

    private sealed record Link(Guid Id, Guid Other, bool Seen, string Name);

    private sealed record Parts(List<Decision> Decisions, List<DeliveredHours> Hours, List<Consent> Consents, List<FollowUpPartner> Partners,
        List<CooperationMeeting> Meetings, List<Transfer> Transfers, IndividualPlan? Plan, CrisisPlan? Crisis, List<Member> Members, List<Link> Links);

    /// <summary>Loads the parts asked for, each by the resident's id (no wait for the enrolments first). Names of related
    /// residents only where <paramref name="visible"/> allows.</summary>
    private async Task<Parts> LoadPartsAsync(Guid residentId, CaseFileParts parts, IQueryable<Resident> visible, CancellationToken ct)
    {
        bool Has(CaseFileParts part) => (parts & part) == part;
        var since = Today.AddYears(-1);
        var enrolmentIds = db.Enrolments.Where(e => e.ResidentId == residentId).Select(e => e.Id);
        var decisions = Has(CaseFileParts.Decisions)
            ? await db.Decisions.Where(d => enrolmentIds.Contains(d.EnrolmentId)).Include(d => d.Services).Include(d => d.DecidedBy)
                .OrderByDescending(d => d.ValidFrom).ThenByDescending(d => d.CreatedAt).AsSingleQuery().ToListAsync(ct)
            : [];
        var hours = Has(CaseFileParts.Hours)
            ? await db.DeliveredHours.Where(h => enrolmentIds.Contains(h.EnrolmentId) && h.Date >= since).Include(h => h.Worker)
                .OrderByDescending(h => h.Date).ThenByDescending(h => h.LoggedAt).ToListAsync(ct)
            : [];
        var consents = Has(CaseFileParts.Consents)
            ? await db.Consents.Where(c => c.ResidentId == residentId).OrderByDescending(c => c.GivenOn).ToListAsync(ct)
            : [];
        var partners = Has(CaseFileParts.Partners)
            ? await db.FollowUpPartners.Where(p => enrolmentIds.Contains(p.EnrolmentId)).Include(p => p.Organisation).OrderBy(p => p.Kind).ToListAsync(ct)
            : [];
        var meetings = Has(CaseFileParts.Meetings)
            ? await db.CooperationMeetings.Where(m => enrolmentIds.Contains(m.EnrolmentId))
                .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.RecordedAt).ToListAsync(ct)
            : [];
        var transfers = Has(CaseFileParts.Transfers)
            ? await db.Transfers.Where(t => t.ResidentId == residentId).Include(t => t.FromDistrict).Include(t => t.ToDistrict)
                .Include(t => t.ProposedBy).Include(t => t.DecidedBy).OrderByDescending(t => t.ProposedAt).ToListAsync(ct)
            : [];
        var plan = Has(CaseFileParts.Plans) ? await db.IndividualPlans.Include(p => p.Goals).FirstOrDefaultAsync(p => p.ResidentId == residentId, ct) : null;
        var crisis = Has(CaseFileParts.Plans) ? await db.CrisisPlans.FirstOrDefaultAsync(p => p.ResidentId == residentId, ct) : null;
        // The whole household in one query, the resident's own membership included.
        var members = Has(CaseFileParts.Household)
            ? await db.HouseholdMembers.AsNoTracking()
                .Where(m => db.HouseholdMembers.Any(me => me.ResidentId == residentId && me.HouseholdId == m.HouseholdId))
                .Select(m => new Member(m.HouseholdId, m.ResidentId, m.IsMainTenant, m.ResidentId == residentId || visible.Any(r => r.Id == m.ResidentId),
                    db.Residents.Where(r => r.Id == m.ResidentId).Select(r => r.FirstName + " " + r.LastName).First()))
                .ToListAsync(ct)
            : [];
        var links = Has(CaseFileParts.Links)
            ? await db.ResidentLinks.AsNoTracking()
                .Where(l => l.UnlinkedAt == null && (l.ResidentId == residentId || l.OtherResidentId == residentId))
                .Select(l => new { l.Id, Other = l.ResidentId == residentId ? l.OtherResidentId : l.ResidentId })
                .Select(l => new Link(l.Id, l.Other, visible.Any(r => r.Id == l.Other), db.Residents.Where(r => r.Id == l.Other).Select(r => r.FirstName + " " + r.LastName).First()))
                .ToListAsync(ct)
            : [];
        return new Parts(decisions, hours, consents, partners, meetings, transfers, plan, crisis, members, links);
    }

    /// <summary>Registers a resident with their current living situation and first enrolment. A number the actor already
    /// sees gets the new enrolment on that record. A number held only by records the actor may not see gives a new record
    /// and a <see cref="PossibleDuplicate"/> for the team leaders: the answer is the same as for an unknown number, so
    /// registering reveals nobody and opens nothing.</summary>
    public async Task<RegisterResult> RegisterAsync(Resident resident, LivingSituationPeriod living, Enrolment enrolment, CancellationToken ct)
    {
        var a = Actor;
        if (!a.WorksWithResidents)
        {
            throw new InvalidOperationException("Only case workers and team leaders register residents.");
        }
        // The same form posted again (a double click, a resent post): the first post's registration is the answer.
        if (enrolment.SubmissionId is { } submission && await RegisteredByAsync(a, submission, ct) is { } earlier)
        {
            return new RegisterResult(earlier, AlreadyEnrolled: false);
        }
        var visible = Visible(a);
        var numberHash = numbers.Hash(resident.IdentityNumber);
        var sameNumber = numberHash is null ? []
            : await db.Residents.AsNoTracking().Where(r => r.IdentityNumberHash == numberHash)
                .Select(r => new { r.Id, Seen = visible.Any(v => v.Id == r.Id), r.Protection })
                .ToListAsync(ct);
        var seen = sameNumber.FirstOrDefault(r => r.Seen);
        var existing = seen is null ? null : await db.Residents.Include(r => r.LivingSituations).Include(r => r.NamedWorkers).FirstAsync(r => r.Id == seen.Id, ct);
        if (existing is null)
        {
            resident.Normalise();
            living.ResidentId = resident.Id;
            resident.LivingSituations.Add(living);
            db.Residents.Add(resident);
        }
        else
        {
            if (await db.Enrolments.AnyAsync(e => e.ResidentId == existing.Id && e.End == null && e.DistrictId == enrolment.DistrictId, ct))
            {
                db.ChangeTracker.Clear();
                // The open enrolment may be this very form's, committed by a parallel post a moment ago.
                var mine = enrolment.SubmissionId is { } s ? await RegisteredByAsync(a, s, ct) : null;
                return new RegisterResult(mine ?? existing.Id, AlreadyEnrolled: mine is null);
            }
            resident = existing;
            var current = existing.CurrentLivingSituation;
            if (current?.Kind != living.Kind)
            {
                existing.AddLivingSituation(living.Kind, current is null || living.Start > current.Start ? living.Start : Today, living.Note, living.Id);
            }
        }
        // A protected address narrows access to named workers; the ones taking this person in need to be named.
        if (resident.Protection != ProtectionLevel.None)
        {
            foreach (var userId in new[] { a.UserId, enrolment.ContactPersonId }.Distinct().Where(u => resident.NamedWorkers.All(n => n.UserId != u)))
            {
                resident.NamedWorkers.Add(new ResidentNamedWorker { ResidentId = resident.Id, UserId = userId });
            }
        }
        enrolment.ResidentId = resident.Id;
        db.Enrolments.Add(enrolment);
        var unseen = existing is null ? sameNumber.Where(r => !r.Seen).ToList() : [];
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var other in unseen)
        {
            var district = await db.Enrolments.Where(e => e.ResidentId == other.Id)
                .OrderBy(e => e.End == null ? 0 : 1).ThenByDescending(e => e.Start).Select(e => e.DistrictId).FirstAsync(ct);
            db.PossibleDuplicates.Add(new PossibleDuplicate
            {
                Id = Guid.CreateVersion7(),
                ResidentId = resident.Id,
                RegisteredInDistrictId = enrolment.DistrictId,
                RegisteredById = a.UserId,
                ExistingResidentId = other.Id,
                ExistingDistrictId = district,
                ExistingProtected = other.Protection != ProtectionLevel.None,
                DetectedAt = now,
                Version = Guid.NewGuid(),
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && enrolment.SubmissionId is not null)
        {
            db.ChangeTracker.Clear();
            if (await RegisteredByAsync(a, enrolment.SubmissionId.Value, ct) is { } parallel)
            {
                return new RegisterResult(parallel, AlreadyEnrolled: false);
            }
            throw;
        }
        // The other record was not shown, but someone typed its number: its access report and the privacy officer see that.
        await log.AppendAsync([Entry(a, resident.Id, AccessActions.Register, AccessOutcome.Granted),
            .. unseen.Select(o => Entry(a, o.Id, AccessActions.Register, AccessOutcome.Denied))], ct);
        return new RegisterResult(resident.Id, AlreadyEnrolled: false);
    }

    public enum BreakGlassOutcome { Opened, NotGiven, LimitReached, AlreadyVisible }

    public sealed record BreakGlassResult(BreakGlassOutcome Outcome, Guid? ResidentId);

    /// <summary>The resident an earlier post of the same registration form enrolled in the actor's district, if any.</summary>
    private Task<Guid?> RegisteredByAsync(CaseActor a, Guid submission, CancellationToken ct) =>
        db.Enrolments.Where(e => e.SubmissionId == submission && e.DistrictId == a.DistrictId).Select(e => (Guid?)e.ResidentId).FirstOrDefaultAsync(ct);

    /// <summary>Breaks the glass: gives the actor a few hours' read access to the resident with this identity number, for
    /// the stated reason, logged and queued for review by team leaders of both districts. No such number and a protected
    /// address (named workers only) answer alike, and both are queued for review too, so the form is no oracle.</summary>
    public async Task<BreakGlassResult> BreakGlassAsync(string identityNumber, string reason, CancellationToken ct)
    {
        var a = Actor;
        if (!a.WorksWithResidents)
        {
            throw new InvalidOperationException("Only case workers and team leaders may use emergency access.");
        }
        var visible = Visible(a);
        var hash = numbers.Hash(identityNumber);
        var candidates = await db.Residents.Where(r => r.IdentityNumberHash == hash)
            .Select(r => new { r.Id, r.Protection, Seen = visible.Any(v => v.Id == r.Id) }).ToListAsync(ct);
        // Nothing to break when the worker already sees every record with the number. A record of their own (a
        // duplicate they registered) does not hide the original they cannot see: that one is what an emergency needs.
        if (candidates.All(c => c.Seen) && candidates.FirstOrDefault() is { } own)
        {
            return new BreakGlassResult(BreakGlassOutcome.AlreadyVisible, own.Id);
        }
        candidates = candidates.Where(c => !c.Seen).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        // A protected person is never opened this way, not even through an unprotected duplicate record of them: if any
        // record with the number is protected, nothing is given, and the protected record's district reviews the attempt.
        var anyProtected = candidates.FirstOrDefault(c => c.Protection != ProtectionLevel.None);
        var target = anyProtected is null ? candidates.OrderBy(c => c.Id).FirstOrDefault() : null;
        if (target is not null)
        {
            var since = now.AddHours(-24);
            var recent = await db.EmergencyAccesses.CountAsync(g => g.UserId == a.UserId && g.ResidentId == target.Id && g.GrantedAt > since, ct);
            if (recent >= options.Value.EmergencyAccessGrantsPerDay)
            {
                await log.AppendAsync([Entry(a, target.Id, AccessActions.Emergency, AccessOutcome.Denied, reason)], ct);
                return new BreakGlassResult(BreakGlassOutcome.LimitReached, target.Id);
            }
        }
        var reviewedBy = target ?? anyProtected;
        var residentDistrict = reviewedBy is null ? null : await db.Enrolments.Where(e => e.ResidentId == reviewedBy.Id)
            .OrderBy(e => e.End == null ? 0 : 1).ThenByDescending(e => e.Start).Select(e => (Guid?)e.DistrictId).FirstOrDefaultAsync(ct);
        db.EmergencyAccesses.Add(new EmergencyAccess
        {
            Id = Guid.CreateVersion7(),
            UserId = a.UserId,
            ResidentId = target?.Id,
            DistrictId = a.DistrictId!.Value,
            ResidentDistrictId = residentDistrict,
            Reason = reason,
            GrantedAt = now,
            ExpiresAt = target is null ? now : now.AddHours(options.Value.EmergencyAccessHours),
        });
        await db.SaveChangesAsync(ct);
        // A protected resident's own log shows the attempt; the worker's answer does not.
        await log.AppendAsync(target is not null ? [Entry(a, target.Id, AccessActions.Emergency, AccessOutcome.Emergency, reason)]
            : [Entry(a, null, AccessActions.Emergency, AccessOutcome.Denied, reason),
                .. candidates.Select(c => Entry(a, c.Id, AccessActions.Emergency, AccessOutcome.Denied, reason))], ct);
        return target is null ? new BreakGlassResult(BreakGlassOutcome.NotGiven, null) : new BreakGlassResult(BreakGlassOutcome.Opened, target.Id);
    }

    public sealed record EmergencyRow(Guid Id, Guid? ResidentId, string ResidentName, string Worker, string WorkerDistrict, string? ResidentDistrict,
        string Reason, DateTime GrantedAt, DateTime ExpiresAt);

    private IQueryable<EmergencyAccess> EmergenciesToReview(CaseActor a) => a.Role switch
    {
        Roles.PrivacyOfficer => db.EmergencyAccesses.Where(g => g.ReviewedAt == null
            || (g.ResidentDistrictId != null && g.ResidentDistrictId != g.DistrictId && g.ResidentReviewedAt == null)),
        Roles.TeamLeader => db.EmergencyAccesses.Where(g => (g.DistrictId == a.DistrictId && g.ReviewedAt == null)
            || (g.ResidentDistrictId == a.DistrictId && g.ResidentDistrictId != g.DistrictId && g.ResidentReviewedAt == null)),
        _ => db.EmergencyAccesses.Where(_ => false),
    };

    /// <summary>Emergency accesses, and attempts that opened nothing, that the team leader's district (as the worker's or
    /// the resident's) or the privacy officer has not reviewed. Names the residents, so each is logged.</summary>
    public async Task<IReadOnlyList<EmergencyRow>> EmergenciesToReviewAsync(CancellationToken ct)
    {
        var a = Actor;
        var rows = await EmergenciesToReview(a).OrderBy(g => g.GrantedAt)
            .Select(g => new EmergencyRow(g.Id, g.ResidentId,
                db.Residents.Where(r => r.Id == g.ResidentId).Select(r => r.FirstName + " " + r.LastName).FirstOrDefault() ?? "",
                g.User!.DisplayName,
                db.Organisations.Where(o => o.Id == g.DistrictId).Select(o => o.Name).First(),
                db.Organisations.Where(o => o.Id == g.ResidentDistrictId).Select(o => o.Name).FirstOrDefault(),
                g.Reason, g.GrantedAt, g.ExpiresAt))
            .AsNoTracking().ToListAsync(ct);
        await log.AppendAsync(rows.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).Distinct()
            .Select(id => Entry(a, id, AccessActions.Review, AccessOutcome.Granted)).ToList(), ct);
        return rows;
    }

    /// <summary>Marks the actor's side reviewed (the privacy officer's review covers both). Nobody reviews their own.</summary>
    public async Task<bool> MarkEmergencyReviewedAsync(Guid emergencyId, string? note, CancellationToken ct)
    {
        var a = Actor;
        var grant = await EmergenciesToReview(a).FirstOrDefaultAsync(g => g.Id == emergencyId, ct);
        if (grant is null || grant.UserId == a.UserId)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var text = TextRules.Meaningful(note);
        var workerSide = a.Role == Roles.PrivacyOfficer || (grant.DistrictId == a.DistrictId && grant.ReviewedAt == null);
        var residentSide = a.Role == Roles.PrivacyOfficer || !grant.NeedsResidentReview || grant.ResidentDistrictId == a.DistrictId;
        if (workerSide && grant.ReviewedAt is null)
        {
            (grant.ReviewedAt, grant.ReviewedById, grant.ReviewNote) = (now, a.UserId, text);
        }
        if (residentSide && grant.NeedsResidentReview && grant.ResidentReviewedAt is null)
        {
            (grant.ResidentReviewedAt, grant.ResidentReviewedById, grant.ResidentReviewNote) = (now, a.UserId, text);
        }
        await db.SaveChangesAsync(ct);
        // The review itself goes into the sealed log, so a review set in the database by hand has no entry behind it.
        await log.AppendAsync([Entry(a, grant.ResidentId, AccessActions.EmergencyReview, AccessOutcome.Granted, text ?? "")], ct);
        return true;
    }

    public sealed record AccessReport(Guid ResidentId, string Name, string MaskedIdentity, DateOnly BirthDate, IReadOnlyList<AccessLogEntry> Entries);

    /// <summary>"Who has looked at my record" (Normen): every logged read of the resident's data. A worker gets it for a
    /// resident they may see; the privacy officer for anyone. Fetching it is itself logged.</summary>
    public async Task<AccessReport?> AccessReportAsync(Guid residentId, CancellationToken ct)
    {
        var a = Actor;
        var mayRead = a.Role == Roles.PrivacyOfficer
            || (a.WorksWithResidents && (await Visible(a).AnyAsync(r => r.Id == residentId, ct) || await ActiveEmergencyAsync(a, residentId, ct) is not null));
        var resident = mayRead
            ? await db.Residents.AsNoTracking().Where(r => r.Id == residentId)
                .Select(r => new { r.Id, Name = r.FirstName + " " + r.LastName, r.IdentityNumberCipher, r.BirthDate }).FirstOrDefaultAsync(ct)
            : null;
        if (resident is null)
        {
            await log.AppendAsync([Entry(a, residentId, AccessActions.AccessReport, AccessOutcome.Denied)], ct);
            return null;
        }
        var entries = await db.AccessLog.AsNoTracking().Where(e => e.ResidentId == residentId).OrderByDescending(e => e.Sequence).ToListAsync(ct);
        await log.AppendAsync([Entry(a, residentId, AccessActions.AccessReport, AccessOutcome.Granted)], ct);
        return new AccessReport(resident.Id, resident.Name, Masked(numbers.Unprotect(resident.IdentityNumberCipher)), resident.BirthDate, entries);
    }

    public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? User, string? IdentityNumber, AccessOutcome? Outcome, int Page = 1);

    public sealed record AuditRow(AccessLogEntry Entry, string? ResidentName);

    public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasMore)
    {
        public int First => (Page - 1) * AuditPageSize + 1;
    }

    public const int AuditPageSize = 200;

    /// <summary>The privacy officer's search in the access log. Residents named in the result are logged as reviewed.</summary>
    public async Task<AuditPage> AuditSearchAsync(AuditFilter filter, CancellationToken ct)
    {
        var a = Actor;
        if (a.Role != Roles.PrivacyOfficer)
        {
            return new AuditPage([], 1, false);
        }
        var query = db.AccessLog.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim().ToLowerInvariant();
            // Translated to SQL lower(...) LIKE on both databases; the analyzers' culture advice is for .NET strings.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(e => e.UserName.ToLower().Contains(user));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (!string.IsNullOrWhiteSpace(filter.IdentityNumber))
        {
            var hash = numbers.Hash(filter.IdentityNumber.Replace(" ", "", StringComparison.Ordinal));
            var ids = db.Residents.Where(r => r.IdentityNumberHash == hash).Select(r => (Guid?)r.Id);
            query = query.Where(e => ids.Contains(e.ResidentId));
        }
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        // Newest first, a page at a time; one row more than a page tells whether there are more.
        var page = Math.Max(1, filter.Page);
        var entries = await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * AuditPageSize).Take(AuditPageSize + 1).ToListAsync(ct);
        var hasMore = entries.Count > AuditPageSize;
        entries = entries.Take(AuditPageSize).ToList();
        var residentIds = entries.Where(e => e.ResidentId != null).Select(e => e.ResidentId!.Value).Distinct().ToList();
        var names = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id))
            .Select(r => new { r.Id, Name = r.FirstName + " " + r.LastName }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        await log.AppendAsync(names.Keys.Select(id => Entry(a, id, AccessActions.Review, AccessOutcome.Granted, "Personvernkontroll")).ToList(), ct);
        return new AuditPage(entries.Select(e => new AuditRow(e, e.ResidentId is { } id && names.TryGetValue(id, out var name) ? name : null)).ToList(), page, hasMore);
    }

    /// <summary>Finds a resident the actor may see by exact identity number, for linking and households. Not logged here:
    /// the caller's change is.</summary>
    public Task<Guid?> VisibleIdByNumberAsync(string identityNumber, CancellationToken ct)
    {
        var hash = numbers.Hash(identityNumber);
        return Visible(Actor).Where(r => r.IdentityNumberHash == hash).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
    }

    private static string Masked(string? number) => number is { Length: 11 } n ? n[..6] + "*****" : "";

    /// <summary>Adds the other resident to this resident's household (creating it), or moves nothing if the other
    /// already belongs to another household.</summary>
    public async Task<RuleError?> AddToHouseholdAsync(Guid residentId, Guid otherId, bool otherIsMainTenant, CancellationToken ct)
    {
        var a = Actor;
        if (residentId == otherId)
        {
            return new RuleError("Household.IdentityNumber", "Brukeren er allerede i husstanden.");
        }
        if (await db.HouseholdMembers.AnyAsync(m => m.ResidentId == otherId, ct))
        {
            return new RuleError("Household.IdentityNumber", "Personen hører allerede til en annen husstand.");
        }
        var own = await db.HouseholdMembers.FirstOrDefaultAsync(m => m.ResidentId == residentId, ct);
        if (own is null)
        {
            var household = new Household { Id = Guid.CreateVersion7() };
            own = new HouseholdMember { HouseholdId = household.Id, ResidentId = residentId };
            household.Members.Add(own);
            db.Households.Add(household);
        }
        if (otherIsMainTenant)
        {
            await db.HouseholdMembers.Where(m => m.HouseholdId == own.HouseholdId).ForEachAsync(m => m.IsMainTenant = false, ct);
            own.IsMainTenant = false;
        }
        db.HouseholdMembers.Add(new HouseholdMember { HouseholdId = own.HouseholdId, ResidentId = otherId, IsMainTenant = otherIsMainTenant });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone added one of the two to a household at the same moment.
            db.ChangeTracker.Clear();
            return new RuleError("Household.IdentityNumber", "Personen hører allerede til en annen husstand.");
        }
        await log.AppendAsync([Entry(a, residentId, AccessActions.Change, AccessOutcome.Granted), Entry(a, otherId, AccessActions.Change, AccessOutcome.Granted)], ct);
        return null;
    }

    /// <summary>Takes the resident out of their household. The others stay, with their own follow-up untouched.</summary>
    public async Task LeaveHouseholdAsync(Guid residentId, CancellationToken ct)
    {
        var member = await db.HouseholdMembers.FirstOrDefaultAsync(m => m.ResidentId == residentId, ct);
        if (member is not null)
        {
            db.HouseholdMembers.Remove(member);
            await db.SaveChangesAsync(ct);
            await log.AppendAsync([Entry(Actor, residentId, AccessActions.Change, AccessOutcome.Granted)], ct);
        }
    }

    public async Task<RuleError?> LinkAsync(Guid residentId, Guid otherId, string reason, CancellationToken ct)
    {
        var a = Actor;
        if (residentId == otherId)
        {
            return new RuleError("Link.IdentityNumber", "En bruker kan ikke kobles til seg selv.");
        }
        if (await db.ResidentLinks.AnyAsync(l => l.UnlinkedAt == null && ((l.ResidentId == residentId && l.OtherResidentId == otherId)
                || (l.ResidentId == otherId && l.OtherResidentId == residentId)), ct))
        {
            return new RuleError("Link.IdentityNumber", "Brukerne er allerede koblet.");
        }
        db.ResidentLinks.Add(new ResidentLink
        {
            Id = Guid.CreateVersion7(),
            ResidentId = residentId,
            OtherResidentId = otherId,
            Reason = reason.Trim(),
            LinkedAt = clock.GetUtcNow().UtcDateTime,
            LinkedBy = a.Name,
        });
        await db.SaveChangesAsync(ct);
        await log.AppendAsync([Entry(a, residentId, AccessActions.Change, AccessOutcome.Granted, reason), Entry(a, otherId, AccessActions.Change, AccessOutcome.Granted, reason)], ct);
        return null;
    }

    public async Task<bool> UnlinkAsync(Guid residentId, Guid linkId, CancellationToken ct)
    {
        var a = Actor;
        var link = await db.ResidentLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.UnlinkedAt == null
            && (l.ResidentId == residentId || l.OtherResidentId == residentId), ct);
        if (link is null)
        {
            return false;
        }
        link.UnlinkedAt = clock.GetUtcNow().UtcDateTime;
        link.UnlinkedBy = a.Name;
        await db.SaveChangesAsync(ct);
        await log.AppendAsync([Entry(a, link.ResidentId, AccessActions.Change, AccessOutcome.Granted), Entry(a, link.OtherResidentId, AccessActions.Change, AccessOutcome.Granted)], ct);
        return true;
    }

    public sealed record TransferRow(Guid Id, Guid ResidentId, string ResidentName, string From, string To, string ProposedBy,
        DateTime ProposedAt, string Note, TransferStatus Status, int DaysWaiting);

    /// <summary>Transfers proposed to (incoming) or from (outgoing) the team leader's district, pending first. Names the
    /// residents, so each is logged.</summary>
    public async Task<IReadOnlyList<TransferRow>> TransfersAsync(bool incoming, CancellationToken ct)
    {
        var a = Actor;
        if (a.Role != Roles.TeamLeader)
        {
            return [];
        }
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-90);
        var query = incoming
            ? db.Transfers.Where(t => t.ToDistrictId == a.DistrictId)
            : db.Transfers.Where(t => t.FromDistrictId == a.DistrictId);
        var rows = await query.Where(t => t.Status == TransferStatus.Proposed || t.DecidedAt >= since)
            .OrderBy(t => t.Status).ThenBy(t => t.ProposedAt)
            .Select(t => new
            {
                t.Id,
                t.ResidentId,
                Name = db.Residents.Where(r => r.Id == t.ResidentId).Select(r => r.FirstName + " " + r.LastName).First(),
                From = t.FromDistrict!.Name,
                To = t.ToDistrict!.Name,
                ProposedBy = t.ProposedBy!.DisplayName,
                t.ProposedAt,
                t.Note,
                t.Status,
                Protected = db.Residents.Any(r => r.Id == t.ResidentId && r.Protection != ProtectionLevel.None
                    && !r.NamedWorkers.Any(n => n.UserId == a.UserId)),
            })
            .AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = rows.Select(r => new TransferRow(r.Id, r.ResidentId, r.Protected ? "" : r.Name, r.From, r.To, r.ProposedBy, r.ProposedAt, r.Note,
            r.Status, (int)(now - r.ProposedAt).TotalDays)).ToList();
        await log.AppendAsync(result.Where(r => r.ResidentName != "").Select(r => r.ResidentId).Distinct()
            .Select(id => Entry(a, id, AccessActions.TransferQueue, AccessOutcome.Granted)).ToList(), ct);
        return result;
    }

    /// <summary>The receiving team leader accepts: the sending enrolment ends as transferred today and a new one starts in
    /// the receiving district with the chosen team and contact person. The sender keeps read access for the grace period.</summary>
    public async Task<IReadOnlyList<RuleError>> AcceptTransferAsync(Guid transferId, Guid? teamId, Guid contactPersonId, CancellationToken ct)
    {
        var a = Actor;
        var transfer = await db.Transfers.FirstOrDefaultAsync(t => t.Id == transferId && t.Status == TransferStatus.Proposed
            && t.ToDistrictId == a.DistrictId && a.Role == Roles.TeamLeader, ct);
        if (transfer is null)
        {
            return [AlreadyDecided];
        }
        var from = await db.Enrolments.FirstAsync(e => e.Id == transfer.FromEnrolmentId, ct);
        var today = Today;
        var resident = await db.Residents.Include(r => r.NamedWorkers).FirstAsync(r => r.Id == transfer.ResidentId, ct);
        if (from.End is null)
        {
            from.Close(today, EnrolmentEndReason.Transferred, null);
        }
        var enrolment = new Enrolment
        {
            Id = Guid.CreateVersion7(),
            ResidentId = transfer.ResidentId,
            DistrictId = transfer.ToDistrictId,
            TeamId = teamId,
            ContactPersonId = contactPersonId,
            Category = from.Category,
            OrganisationForm = from.OrganisationForm,
            Start = today,
        };
        db.Enrolments.Add(enrolment);
        if (resident.Protection != ProtectionLevel.None)
        {
            foreach (var userId in new[] { a.UserId, contactPersonId }.Distinct().Where(u => resident.NamedWorkers.All(n => n.UserId != u)))
            {
                resident.NamedWorkers.Add(new ResidentNamedWorker { ResidentId = resident.Id, UserId = userId });
            }
        }
        transfer.Status = TransferStatus.Accepted;
        transfer.DecidedById = a.UserId;
        transfer.DecidedAt = clock.GetUtcNow().UtcDateTime;
        transfer.NewEnrolmentId = enrolment.Id;
        transfer.Version = Guid.NewGuid();
        if (!await SaveDecisionAsync(ct))
        {
            return [AlreadyDecided];
        }
        await log.AppendAsync([Entry(a, transfer.ResidentId, AccessActions.Change, AccessOutcome.Granted)], ct);
        return [];
    }

    public async Task<IReadOnlyList<RuleError>> DeclineTransferAsync(Guid transferId, string? reason, CancellationToken ct)
    {
        var a = Actor;
        if (string.IsNullOrWhiteSpace(reason))
        {
            return [new RuleError("reason", "Skriv hvorfor bydelen avslår brukerbyttet.")];
        }
        var transfer = await db.Transfers.FirstOrDefaultAsync(t => t.Id == transferId && t.Status == TransferStatus.Proposed
            && t.ToDistrictId == a.DistrictId && a.Role == Roles.TeamLeader, ct);
        if (transfer is null)
        {
            return [AlreadyDecided];
        }
        transfer.Status = TransferStatus.Declined;
        transfer.DeclineReason = reason.Trim();
        transfer.DecidedById = a.UserId;
        transfer.DecidedAt = clock.GetUtcNow().UtcDateTime;
        transfer.Version = Guid.NewGuid();
        return await SaveDecisionAsync(ct) ? [] : [AlreadyDecided];
    }

    private static readonly RuleError AlreadyDecided = new("", "Forslaget om brukerbytte finnes ikke lenger, eller er allerede behandlet.");

    /// <summary>Saves a transfer decision; false when another decision (or a change to the enrolment) got there first,
    /// which the transfer's and enrolment's versions detect, so one proposal never gets two outcomes.</summary>
    private async Task<bool> SaveDecisionAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public sealed record DuplicateRow(Guid Id, Guid Version, DateTime DetectedAt, string RegisteredBy, string RegisteredIn, string? ExistingIn,
        RelatedResident Registered, RelatedResident Existing, DuplicateResolution? Resolution, string? Note, bool MayResolve);

    private IQueryable<PossibleDuplicate> DuplicatesFor(CaseActor a) => a.Role != Roles.TeamLeader
        ? db.PossibleDuplicates.Where(_ => false)
        : db.PossibleDuplicates.Where(d => (d.RegisteredInDistrictId == a.DistrictId && !d.ExistingProtected) || d.ExistingDistrictId == a.DistrictId);

    /// <summary>Possible duplicates for the team leader's district: open ones, and those resolved in the last 90 days. A
    /// record the team leader may not see is shown without name; the names shown are logged.</summary>
    public async Task<IReadOnlyList<DuplicateRow>> DuplicatesAsync(CancellationToken ct)
    {
        var a = Actor;
        var visible = Visible(a);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-90);
        var rows = await DuplicatesFor(a).Where(d => d.ResolvedAt == null || d.ResolvedAt >= since)
            .OrderBy(d => d.ResolvedAt != null).ThenBy(d => d.DetectedAt)
            .Select(d => new
            {
                d.Id,
                MayResolve = d.ExistingDistrictId == a.DistrictId,
                d.Version,
                d.DetectedAt,
                d.Resolution,
                d.Note,
                d.ResidentId,
                d.ExistingResidentId,
                RegisteredBy = db.Users.Where(u => u.Id == d.RegisteredById).Select(u => u.DisplayName).First(),
                RegisteredIn = db.Organisations.Where(o => o.Id == d.RegisteredInDistrictId).Select(o => o.Name).First(),
                ExistingIn = db.Organisations.Where(o => o.Id == d.ExistingDistrictId).Select(o => o.Name).First(),
                RegisteredName = visible.Where(r => r.Id == d.ResidentId).Select(r => r.FirstName + " " + r.LastName).FirstOrDefault(),
                ExistingName = visible.Where(r => r.Id == d.ExistingResidentId).Select(r => r.FirstName + " " + r.LastName).FirstOrDefault(),
            })
            .AsNoTracking().ToListAsync(ct);
        // The registering district learns which district holds the record only once that district has answered.
        var result = rows.Select(r => new DuplicateRow(r.Id, r.Version, r.DetectedAt, r.RegisteredBy, r.RegisteredIn,
            r.ExistingName is null && r.Resolution is null ? null : r.ExistingIn,
            r.RegisteredName is null ? new RelatedResident(null, null, false, null) : new RelatedResident(r.ResidentId, r.RegisteredName, false, null),
            r.ExistingName is null ? new RelatedResident(null, null, false, null) : new RelatedResident(r.ExistingResidentId, r.ExistingName, false, null),
            r.Resolution, r.Note, r.MayResolve)).ToList();
        await log.AppendAsync(result.SelectMany(r => new[] { r.Registered.ResidentId, r.Existing.ResidentId }).OfType<Guid>().Distinct()
            .Select(id => Entry(a, id, AccessActions.DuplicateQueue, AccessOutcome.Granted)).ToList(), ct);
        return result;
    }

    /// <summary>A team leader of either district records what was agreed. Linking needs both records visible to them and
    /// neither protected; the other outcomes only a note. Exactly one resolution wins when two arrive together.</summary>
    public async Task<RuleError?> ResolveDuplicateAsync(Guid duplicateId, Guid version, DuplicateResolution resolution, string? note, CancellationToken ct)
    {
        var a = Actor;
        var text = TextRules.Meaningful(note);
        if (text is null)
        {
            return new RuleError("note", "Skriv hva som er avklart.");
        }
        // The district that holds the existing record decides: the registering district cannot see that record.
        var duplicate = await DuplicatesFor(a).FirstOrDefaultAsync(d => d.Id == duplicateId && d.ExistingDistrictId == a.DistrictId, ct);
        if (duplicate is null)
        {
            return new RuleError("", "Den mulige dubletten finnes ikke.");
        }
        if (duplicate.ResolvedAt is not null || duplicate.Version != version)
        {
            return new RuleError("", "Den mulige dubletten er allerede behandlet.");
        }
        if (resolution == DuplicateResolution.Linked)
        {
            var visible = Visible(a);
            var both = await visible.CountAsync(r => (r.Id == duplicate.ResidentId || r.Id == duplicate.ExistingResidentId) && r.Protection == ProtectionLevel.None, ct);
            if (both < 2)
            {
                return new RuleError("resolution", "Du kan bare koble journaler du selv har tilgang til og som ikke har adressesperre. Avtal brukerbytte eller samarbeid med den andre bydelen.");
            }
            db.ResidentLinks.Add(new ResidentLink
            {
                Id = Guid.CreateVersion7(),
                ResidentId = duplicate.ResidentId,
                OtherResidentId = duplicate.ExistingResidentId,
                Reason = text,
                LinkedAt = clock.GetUtcNow().UtcDateTime,
                LinkedBy = a.Name,
            });
        }
        db.Entry(duplicate).Property(d => d.Version).OriginalValue = version;
        duplicate.Version = Guid.NewGuid();
        duplicate.Resolution = resolution;
        duplicate.Note = text;
        duplicate.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        duplicate.ResolvedById = a.UserId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new RuleError("", "Den mulige dubletten er allerede behandlet.");
        }
        await log.AppendAsync([Entry(a, duplicate.ResidentId, AccessActions.Change, AccessOutcome.Granted, text),
            Entry(a, duplicate.ExistingResidentId, AccessActions.Change, AccessOutcome.Granted, text)], ct);
        return null;
    }

    /// <summary>The first day a consent no longer holds: withdrawn, or the day after it expired.</summary>
    private static DateOnly? LapseDay(DateOnly? expiresOn, DateOnly? withdrawnOn) =>
        (expiresOn?.AddDays(1), withdrawnOn) switch
        {
            ({ } e, { } w) => e < w ? e : w,
            ({ } e, null) => e,
            (null, { } w) => w,
            _ => null,
        };

    public sealed record LapsedConsent(Guid ResidentId, string Name, ConsentPurpose Purpose, DateOnly LapsedOn);

    /// <summary>Residents in the actor's open caseload whose consent for a purpose has expired or been withdrawn, with no
    /// valid consent for that purpose today. Names them, so each is logged.</summary>
    public async Task<IReadOnlyList<LapsedConsent>> LapsedConsentsAsync(CancellationToken ct)
    {
        var a = Actor;
        var today = Today;
        var residentIds = ReadableEnrolments(a).Where(e => e.End == null && (e.ContactPersonId == a.UserId || (a.TeamId != null && e.TeamId == a.TeamId)
            || a.Role == Roles.TeamLeader)).Select(e => e.ResidentId);
        var visible = Visible(a);
        var consents = await db.Consents.AsNoTracking()
            .Where(c => residentIds.Contains(c.ResidentId) && visible.Any(r => r.Id == c.ResidentId))
            .Select(c => new { c.ResidentId, c.Purpose, c.PartnerKind, c.GivenOn, c.ExpiresOn, c.WithdrawnOn })
            .ToListAsync(ct);
        var lapsed = consents.GroupBy(c => (c.ResidentId, c.Purpose, c.PartnerKind))
            .Where(g => !g.Any(c => c.GivenOn <= today && (c.ExpiresOn == null || c.ExpiresOn >= today) && (c.WithdrawnOn == null || c.WithdrawnOn > today))
                && g.Any(c => c.GivenOn <= today))
            .Select(g => (g.Key.ResidentId, g.Key.Purpose,
                LapsedOn: g.Select(c => LapseDay(c.ExpiresOn, c.WithdrawnOn)).OfType<DateOnly>().DefaultIfEmpty(today).Max()))
            .ToList();
        var ids = lapsed.Select(l => l.ResidentId).Distinct().ToList();
        var names = await db.Residents.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, Name = r.FirstName + " " + r.LastName }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        await log.AppendAsync(ids.Select(id => Entry(a, id, AccessActions.Caseload, AccessOutcome.Granted)).ToList(), ct);
        return lapsed.Select(l => new LapsedConsent(l.ResidentId, names[l.ResidentId], l.Purpose, l.LapsedOn)).OrderBy(l => l.Name).ToList();
    }

    private static AccessLogEntry Entry(CaseActor a, Guid? residentId, string action, AccessOutcome outcome, string? reason = null) => new()
    {
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
