using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.Residents;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework.Access;

/// <summary>Possible duplicates (one person registered twice, in districts that may not see each other) and how the
/// districts' team leaders resolve them.</summary>
public sealed class PossibleDuplicates(HuslyDbContext db, ResidentAccess access, TimeProvider clock)
{
    public sealed record DuplicateRow(Guid Id, Guid Version, DateTime DetectedAt, string RegisteredBy, string RegisteredIn, string? ExistingIn,
        RelatedResident Registered, RelatedResident Existing, DuplicateResolution? Resolution, string? Note, bool MayResolve);

    private IQueryable<PossibleDuplicate> DuplicatesFor(CaseActor a) => a.Role != Roles.TeamLeader
        ? db.PossibleDuplicates.Where(_ => false)
        : db.PossibleDuplicates.Where(d => (d.RegisteredInDistrictId == a.DistrictId && !d.ExistingProtected) || d.ExistingDistrictId == a.DistrictId);

    /// <summary>Possible duplicates for the team leader's district: open ones, and those resolved in the last 90 days. A
    /// record the team leader may not see is shown without name; the names shown are logged.</summary>
    public async Task<IReadOnlyList<DuplicateRow>> DuplicatesAsync(CancellationToken ct)
    {
        var a = access.Actor;
        var visible = access.Visible(a);
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
        await access.LogAsync(result.SelectMany(r => new[] { r.Registered.ResidentId, r.Existing.ResidentId }).OfType<Guid>().Distinct()
            .Select(id => ResidentAccess.Entry(a, id, AccessActions.DuplicateQueue, AccessOutcome.Granted)).ToList(), ct);
        return result;
    }

    /// <summary>A team leader of either district records what was agreed. Linking needs both records visible to them and
    /// neither protected; the other outcomes only a note. Exactly one resolution wins when two arrive together.</summary>
    public async Task<ChangeResult> ResolveDuplicateAsync(Guid duplicateId, Guid version, DuplicateResolution resolution, string? note, CancellationToken ct)
    {
        var a = access.Actor;
        var text = TextRules.Meaningful(note);
        if (text is null)
        {
            return ChangeResult.Refused(new RuleError("note", "Skriv hva som er avklart."));
        }
        // The district that holds the existing record decides: the registering district cannot see that record.
        var duplicate = await DuplicatesFor(a).FirstOrDefaultAsync(d => d.Id == duplicateId && d.ExistingDistrictId == a.DistrictId, ct);
        if (duplicate is null)
        {
            return ChangeResult.Refused(new RuleError("", "Den mulige dubletten finnes ikke."));
        }
        if (duplicate.ResolvedAt is not null || duplicate.Version != version)
        {
            return ChangeResult.Refused(new RuleError("", "Den mulige dubletten er allerede behandlet."));
        }
        if (resolution == DuplicateResolution.Linked)
        {
            var visible = access.Visible(a);
            var both = await visible.CountAsync(r => (r.Id == duplicate.ResidentId || r.Id == duplicate.ExistingResidentId) && r.Protection == ProtectionLevel.None, ct);
            if (both < 2)
            {
                return ChangeResult.Refused(new RuleError("resolution", "Du kan bare koble journaler du selv har tilgang til og som ikke har adressesperre. Avtal brukerbytte eller samarbeid med den andre bydelen."));
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
            return ChangeResult.Refused(new RuleError("", "Den mulige dubletten er allerede behandlet."));
        }
        await access.LogAsync([ResidentAccess.Entry(a, duplicate.ResidentId, AccessActions.Change, AccessOutcome.Granted, text),
            ResidentAccess.Entry(a, duplicate.ExistingResidentId, AccessActions.Change, AccessOutcome.Granted, text)], ct);
        return ChangeResult.Done;
    }
}
