using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.Residents;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Access;

/// <summary>Emergency access ("break the glass") and its review by the team leaders of both districts and the privacy
/// officer.</summary>
public sealed class Emergencies(HuslyDbContext db, ResidentAccess access, TimeProvider clock, IOptions<CaseworkOptions> options, IdentityNumberVault numbers)
{
    public enum BreakGlassOutcome { Opened, NotGiven, LimitReached, AlreadyVisible }

    public sealed record BreakGlassResult(BreakGlassOutcome Outcome, Guid? ResidentId);

    /// <summary>Breaks the glass: gives the actor a few hours' read access to the resident with this identity number, for
    /// the stated reason, logged and queued for review by team leaders of both districts. No such number and a protected
    /// address (named workers only) answer alike, and both are queued for review too, so the form is no oracle.</summary>
    public async Task<BreakGlassResult> BreakGlassAsync(string identityNumber, string reason, CancellationToken ct)
    {
        var a = access.Actor;
        if (!a.WorksWithResidents)
        {
            throw new InvalidOperationException("Only case workers and team leaders may use emergency access.");
        }
        var visible = access.Visible(a);
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
                await access.LogAsync([ResidentAccess.Entry(a, target.Id, AccessActions.Emergency, AccessOutcome.Denied, reason)], ct);
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
        await access.LogAsync(target is not null ? [ResidentAccess.Entry(a, target.Id, AccessActions.Emergency, AccessOutcome.Emergency, reason)]
            : [ResidentAccess.Entry(a, null, AccessActions.Emergency, AccessOutcome.Denied, reason),
                .. candidates.Select(c => ResidentAccess.Entry(a, c.Id, AccessActions.Emergency, AccessOutcome.Denied, reason))], ct);
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
        var a = access.Actor;
        var rows = await EmergenciesToReview(a).OrderBy(g => g.GrantedAt)
            .Select(g => new EmergencyRow(g.Id, g.ResidentId,
                db.Residents.Where(r => r.Id == g.ResidentId).Select(r => r.FirstName + " " + r.LastName).FirstOrDefault() ?? "",
                g.User!.DisplayName,
                db.Organisations.Where(o => o.Id == g.DistrictId).Select(o => o.Name).First(),
                db.Organisations.Where(o => o.Id == g.ResidentDistrictId).Select(o => o.Name).FirstOrDefault(),
                g.Reason, g.GrantedAt, g.ExpiresAt))
            .AsNoTracking().ToListAsync(ct);
        await access.LogAsync(rows.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).Distinct()
            .Select(id => ResidentAccess.Entry(a, id, AccessActions.Review, AccessOutcome.Granted)).ToList(), ct);
        return rows;
    }

    /// <summary>Marks the actor's side reviewed (the privacy officer's review covers both). Nobody reviews their own.</summary>
    public async Task<ChangeResult> MarkEmergencyReviewedAsync(Guid emergencyId, string? note, CancellationToken ct)
    {
        var a = access.Actor;
        var grant = await EmergenciesToReview(a).FirstOrDefaultAsync(g => g.Id == emergencyId, ct);
        if (grant is null || grant.UserId == a.UserId)
        {
            return ChangeResult.NotFound;
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
        await access.LogAsync([ResidentAccess.Entry(a, grant.ResidentId, AccessActions.EmergencyReview, AccessOutcome.Granted, text ?? "")], ct);
        return ChangeResult.Done;
    }
}
