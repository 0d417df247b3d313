using Husly.Data;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Plans;
using Husly.Features.Casework.Residents;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework.Access;

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

    public void Remove(DeliveredHours logged) => db.Remove(logged);

    /// <summary>Whether the actor may change this enrolment: open, and theirs or their team's (a team leader: their district's).</summary>
    public bool MayChange(Enrolment enrolment) => CanChange && ResidentAccess.MayChange(Actor, enrolment);

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

/// <summary>A resident's case file: opened (with the parts a page shows), found, registered. Every method authorises with
/// the need-to-know rule and logs each resident it reveals (or a denied entry), through <see cref="ResidentAccess"/>.</summary>
public sealed class CaseFiles(HuslyDbContext db, ResidentAccess access, TimeProvider clock, IdentityNumberVault numbers)
{
    /// <summary>Finds residents by exact identity number, or by name and birth year, among those the actor may see.</summary>
    public async Task<IReadOnlyList<SearchHit>> FindAsync(string? identityNumber, string? name, int? birthYear, CancellationToken ct)
    {
        var a = access.Actor;
        var query = access.Visible(a);
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
            .Select(r => new SearchHit(r.Id, r.Name, r.BirthDate, Resident.Mask(numbers.Unprotect(r.IdentityNumberCipher))))
            .ToList();
        await access.LogAsync(hits.Select(h => ResidentAccess.Entry(a, h.ResidentId, AccessActions.Search, AccessOutcome.Granted)).ToList(), ct);
        if (!string.IsNullOrWhiteSpace(identityNumber))
        {
            await LogUnseenAsync(a, numbers.Hash(identityNumber.Replace(" ", "", StringComparison.Ordinal))!, ct);
        }
        return hits;
    }

    /// <summary>Opens a resident for reading (and changing, where allowed), with the parts of the case file the page shows
    /// (the resident, living situations and enrolments always). Null both when the resident does not exist and when the
    /// actor may not see them, so ids cannot be probed; the refusal is logged.</summary>
    public async Task<CaseFile?> OpenAsync(Guid residentId, string action, CaseFileParts parts, CancellationToken ct)
    {
        var a = access.Actor;
        // One query in the common case: the resident, and whether the actor may change anything (the same rule, in SQL).
        // The emergency lookup only when the rule says no.
        var changeable = access.ChangeableEnrolments(a);
        var opened = await access.Visible(a).Where(r => r.Id == residentId)
            .Include(r => r.LivingSituations).Include(r => r.NamedWorkers).ThenInclude(n => n.User).AsSingleQuery()
            .Select(r => new { Resident = r, CanChange = changeable.Any(e => e.ResidentId == r.Id) })
            .FirstOrDefaultAsync(ct);
        var resident = opened?.Resident;
        var emergency = resident is null && a.WorksWithResidents ? await access.ActiveEmergencyAsync(a, residentId, ct) : null;
        if (emergency is not null)
        {
            resident = await db.Residents.Where(r => r.Id == residentId)
                .Include(r => r.LivingSituations).Include(r => r.NamedWorkers).ThenInclude(n => n.User).AsSingleQuery()
                .FirstOrDefaultAsync(ct);
        }
        if (resident is null)
        {
            await access.LogAsync([ResidentAccess.Entry(a, residentId, action, AccessOutcome.Denied)], ct);
            return null;
        }
        var enrolments = await db.Enrolments.Where(e => e.ResidentId == residentId)
            .Include(e => e.District).Include(e => e.Team).Include(e => e.ContactPerson).Include(e => e.Project)
            .OrderByDescending(e => e.Start).ToListAsync(ct);
        var loaded = await LoadPartsAsync(residentId, parts, emergency is null ? access.Visible(a) : db.Residents.Where(_ => false), ct);
        // One append for the page: the resident, and household members and linked records it names (reads of their data too).
        var related = loaded.Members.Where(m => m.Seen && m.ResidentId != residentId).Select(m => m.ResidentId).Concat(loaded.Links.Where(l => l.Seen).Select(l => l.Other)).Distinct()
            .Select(id => ResidentAccess.Entry(a, id, AccessActions.Related, AccessOutcome.Granted));
        // Opening to change what the actor may only read (an ended follow-up, emergency access) is refused by the page: the
        // log says denied, not that something was changed.
        var canChange = emergency is null && opened!.CanChange;
        var outcome = action == AccessActions.Change && !canChange ? AccessOutcome.Denied
            : emergency is null ? AccessOutcome.Granted : AccessOutcome.Emergency;
        await access.LogAsync([ResidentAccess.Entry(a, residentId, action, outcome, emergency?.Reason), .. related], ct);
        var self = loaded.Members.FirstOrDefault(m => m.ResidentId == residentId);
        // Emergency access reads only.
        return new CaseFile(db, resident, enrolments, loaded.Decisions, loaded.Hours, canChange, a)
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
        var since = access.Today.AddYears(-1);
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
        var a = access.Actor;
        if (!a.WorksWithResidents)
        {
            throw new InvalidOperationException("Only case workers and team leaders register residents.");
        }
        // The same form posted again (a double click, a resent post): the first post's registration is the answer.
        if (enrolment.SubmissionId is { } submission && await RegisteredByAsync(a, submission, ct) is { } earlier)
        {
            return new RegisterResult(earlier, AlreadyEnrolled: false);
        }
        var visible = access.Visible(a);
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
                existing.AddLivingSituation(living.Kind, current is null || living.Start > current.Start ? living.Start : access.Today, living.Note, living.Id);
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
        await access.LogAsync([ResidentAccess.Entry(a, resident.Id, AccessActions.Register, AccessOutcome.Granted),
            .. unseen.Select(o => ResidentAccess.Entry(a, o.Id, AccessActions.Register, AccessOutcome.Denied))], ct);
        return new RegisterResult(resident.Id, AlreadyEnrolled: false);
    }

    /// <summary>The resident an earlier post of the same registration form enrolled in the actor's district, if any.</summary>
    private Task<Guid?> RegisteredByAsync(CaseActor a, Guid submission, CancellationToken ct) =>
        db.Enrolments.Where(e => e.SubmissionId == submission && e.DistrictId == a.DistrictId).Select(e => (Guid?)e.ResidentId).FirstOrDefaultAsync(ct);

    /// <summary>Finds a resident the actor may see by exact identity number, for linking and households. Not logged here:
    /// the caller's change is.</summary>
    public async Task<Guid?> VisibleIdByNumberAsync(string identityNumber, CancellationToken ct)
    {
        var a = access.Actor;
        var hash = numbers.Hash(identityNumber)!;
        var id = await access.Visible(a).Where(r => r.IdentityNumberHash == hash).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        await LogUnseenAsync(a, hash, ct);
        return id;
    }

    /// <summary>Records with the number that the actor may not see: the answer does not reveal them, but someone typed their
    /// number, so their access reports and the privacy officer see a denied search (as registration and emergency access
    /// already log). The same query runs whether or not there are any, so timing tells nothing either.</summary>
    private async Task LogUnseenAsync(CaseActor a, string hash, CancellationToken ct)
    {
        var visible = access.Visible(a);
        var unseen = await db.Residents.Where(r => r.IdentityNumberHash == hash && !visible.Any(v => v.Id == r.Id)).Select(r => r.Id).ToListAsync(ct);
        await access.LogAsync(unseen.Select(id => ResidentAccess.Entry(a, id, AccessActions.Search, AccessOutcome.Denied)).ToList(), ct);
    }
}
