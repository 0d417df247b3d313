using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework.Access;

public enum CaseloadScope
{
    Mine,
    Team,
    District,
}

public sealed record CaseloadRow(Guid ResidentId, string Name, DateOnly BirthDate, ProtectionLevel Protection,
    LivingSituationKind? LivingSituation, FollowUpCategory Category, string ContactPerson, DateOnly Start, string? Team,
    bool NeedsDecision);

/// <summary>The worker's caseload and the sums beside it: the rows name residents, so each is logged; the counts and
/// hours reveal nobody and are not.</summary>
public sealed class Caseload(HuslyDbContext db, ResidentAccess access)
{
    /// <summary>Services at home lasting more than two weeks normally need a decision.</summary>
    public const int DecisionDueAfterDays = 14;

    /// <summary>How many of the actor's own open enrolments have run past 14 days without a decision in force.
    /// A count reveals no one, so it is not logged.</summary>
    public async Task<int> DecisionTasksAsync(CancellationToken ct)
    {
        var a = access.Actor;
        var today = access.Today;
        var dueBy = today.AddDays(-DecisionDueAfterDays);
        var visible = access.Visible(a);
        return await access.ReadableEnrolments(a).Where(e => e.End == null && e.ContactPersonId == a.UserId && e.Start <= dueBy)
            .Where(e => visible.Any(r => r.Id == e.ResidentId))
            .CountAsync(e => !db.Decisions.Any(d => d.EnrolmentId == e.Id && d.Status == DecisionStatus.Decided
                && d.ValidFrom <= today && (d.ValidTo == null || d.ValidTo >= today)), ct);
    }

    /// <summary>Planned against delivered hours per week for the actor's caseload (planned on their enrolments, delivered
    /// by them) or their team's. Sums only: nothing identifiable, nothing logged.</summary>
    public async Task<IReadOnlyList<WeekHours>> WeeklyHoursAsync(CaseloadScope scope, int weeks, CancellationToken ct)
    {
        var a = access.Actor;
        var enrolments = access.ReadableEnrolments(a);
        enrolments = scope == CaseloadScope.Team && a.TeamId is { } team
            ? enrolments.Where(e => e.TeamId == team)
            : scope == CaseloadScope.District && a.Role == Roles.TeamLeader ? enrolments : enrolments.Where(e => e.ContactPersonId == a.UserId);
        var since = access.Today.AddDays(-7 * weeks);
        var decisions = await db.Decisions.AsNoTracking().Where(d => enrolments.Any(e => e.Id == d.EnrolmentId) && d.Status != DecisionStatus.Draft
                && (d.ValidTo == null || d.ValidTo >= since)).Include(d => d.Services).ToListAsync(ct);
        var hours = scope == CaseloadScope.Mine
            ? db.DeliveredHours.Where(h => h.WorkerId == a.UserId)
            : db.DeliveredHours.Where(h => enrolments.Any(e => e.Id == h.EnrolmentId));
        var delivered = await hours.Where(h => h.Date >= since).Select(h => new { h.Date, h.Hours }).ToListAsync(ct);
        return PlannedVsDelivered.Weeks(decisions.Select(PlannedVsDelivered.Granted).OfType<GrantedHours>(),
            delivered.Select(h => (h.Date, h.Hours)), access.Today, weeks);
    }

    public enum SubmissionUse { New, SamePost, Elsewhere }

    /// <summary>Whether a delivered-hours form's submission id was used before: by the actor on the same enrolment (the
    /// same post again: already saved), or elsewhere (an old form sent again: refuse rather than drop it silently).</summary>
    public async Task<SubmissionUse> SubmissionUseAsync(Guid submissionId, Guid enrolmentId, CancellationToken ct)
    {
        var me = access.Actor.UserId;
        var used = await db.DeliveredHours.Where(h => h.SubmissionId == submissionId).Select(h => new { h.WorkerId, h.EnrolmentId }).FirstOrDefaultAsync(ct);
        return used is null ? SubmissionUse.New : used.WorkerId == me && used.EnrolmentId == enrolmentId ? SubmissionUse.SamePost : SubmissionUse.Elsewhere;
    }

    /// <summary>Checked after a save: when the actor's hours that day now pass 24 (two posts at once each saw room for
    /// theirs), the entry just saved is taken out again and false returned. Whichever request checks last sees the total
    /// and gives way, so the limit holds however the requests interleave; at worst both give way and the worker retries.</summary>
    public async Task<bool> KeepWithinDayLimitAsync(Guid hoursId, DateOnly date, CancellationToken ct)
    {
        var me = access.Actor.UserId;
        var total = (await db.DeliveredHours.Where(h => h.WorkerId == me && h.Date == date).Select(h => h.Hours).ToListAsync(ct)).Sum();
        if (total <= 24)
        {
            return true;
        }
        await db.DeliveredHours.Where(h => h.Id == hoursId && h.WorkerId == me).ExecuteDeleteAsync(ct);
        return false;
    }

    /// <summary>The hours the actor has logged on a day, over all residents: a sum, nothing identifiable, not logged.</summary>
    public async Task<double> HoursLoggedByMeOnAsync(DateOnly date, CancellationToken ct)
    {
        var me = access.Actor.UserId;
        // Summed here: SQLite cannot sum a double column translated from every provider the same way.
        return (await db.DeliveredHours.Where(h => h.WorkerId == me && h.Date == date).Select(h => h.Hours).ToListAsync(ct)).Sum();
    }

    public async Task<IReadOnlyList<CaseloadRow>> CaseloadAsync(CaseloadScope scope, CancellationToken ct)
    {
        var a = access.Actor;
        var enrolments = access.ReadableEnrolments(a).Where(e => e.End == null);
        enrolments = scope switch
        {
            CaseloadScope.Mine => enrolments.Where(e => e.ContactPersonId == a.UserId),
            CaseloadScope.Team => enrolments.Where(e => e.TeamId == a.TeamId),
            _ => enrolments,
        };
        var visible = access.Visible(a);
        var today = access.Today;
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
        await access.LogAsync(rows.Select(r => r.ResidentId).Distinct().Select(id => ResidentAccess.Entry(a, id, AccessActions.Caseload, AccessOutcome.Granted)).ToList(), ct);
        return rows;
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
        var a = access.Actor;
        var today = access.Today;
        var residentIds = access.ReadableEnrolments(a).Where(e => e.End == null && (e.ContactPersonId == a.UserId || (a.TeamId != null && e.TeamId == a.TeamId)
            || a.Role == Roles.TeamLeader)).Select(e => e.ResidentId);
        var visible = access.Visible(a);
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
        await access.LogAsync(ids.Select(id => ResidentAccess.Entry(a, id, AccessActions.Caseload, AccessOutcome.Granted)).ToList(), ct);
        return lapsed.Select(l => new LapsedConsent(l.ResidentId, names[l.ResidentId], l.Purpose, l.LapsedOn)).OrderBy(l => l.Name).ToList();
    }
}
