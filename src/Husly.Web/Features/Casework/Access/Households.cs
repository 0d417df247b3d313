using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.Residents;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework.Access;

/// <summary>Households (who lives together, who holds the tenancy) and links between records of the same person.</summary>
public sealed class Households(HuslyDbContext db, ResidentAccess access, TimeProvider clock)
{
    /// <summary>Adds the other resident to this resident's household (creating it), or moves nothing if the other
    /// already belongs to another household.</summary>
    public async Task<ChangeResult> AddToHouseholdAsync(Guid residentId, Guid otherId, bool otherIsMainTenant, CancellationToken ct)
    {
        var a = access.Actor;
        if (residentId == otherId)
        {
            return ChangeResult.Refused(new RuleError("Household.IdentityNumber", "Brukeren er allerede i husstanden."));
        }
        if (await db.HouseholdMembers.AnyAsync(m => m.ResidentId == otherId, ct))
        {
            return ChangeResult.Refused(new RuleError("Household.IdentityNumber", "Personen hører allerede til en annen husstand."));
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
            return ChangeResult.Refused(new RuleError("Household.IdentityNumber", "Personen hører allerede til en annen husstand."));
        }
        await access.LogAsync([ResidentAccess.Entry(a, residentId, AccessActions.Change, AccessOutcome.Granted), ResidentAccess.Entry(a, otherId, AccessActions.Change, AccessOutcome.Granted)], ct);
        return ChangeResult.Done;
    }

    /// <summary>Takes the resident out of their household. The others stay, with their own follow-up untouched.</summary>
    public async Task LeaveHouseholdAsync(Guid residentId, CancellationToken ct)
    {
        var member = await db.HouseholdMembers.FirstOrDefaultAsync(m => m.ResidentId == residentId, ct);
        if (member is not null)
        {
            db.HouseholdMembers.Remove(member);
            await db.SaveChangesAsync(ct);
            await access.LogAsync([ResidentAccess.Entry(access.Actor, residentId, AccessActions.Change, AccessOutcome.Granted)], ct);
        }
    }

    public async Task<ChangeResult> LinkAsync(Guid residentId, Guid otherId, string reason, CancellationToken ct)
    {
        var a = access.Actor;
        if (residentId == otherId)
        {
            return ChangeResult.Refused(new RuleError("Link.IdentityNumber", "En bruker kan ikke kobles til seg selv."));
        }
        if (await db.ResidentLinks.AnyAsync(l => l.UnlinkedAt == null && ((l.ResidentId == residentId && l.OtherResidentId == otherId)
                || (l.ResidentId == otherId && l.OtherResidentId == residentId)), ct))
        {
            return ChangeResult.Refused(new RuleError("Link.IdentityNumber", "Brukerne er allerede koblet."));
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
        await access.LogAsync([ResidentAccess.Entry(a, residentId, AccessActions.Change, AccessOutcome.Granted, reason), ResidentAccess.Entry(a, otherId, AccessActions.Change, AccessOutcome.Granted, reason)], ct);
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> UnlinkAsync(Guid residentId, Guid linkId, CancellationToken ct)
    {
        var a = access.Actor;
        var link = await db.ResidentLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.UnlinkedAt == null
            && (l.ResidentId == residentId || l.OtherResidentId == residentId), ct);
        if (link is null)
        {
            return ChangeResult.NotFound;
        }
        link.UnlinkedAt = clock.GetUtcNow().UtcDateTime;
        link.UnlinkedBy = a.Name;
        await db.SaveChangesAsync(ct);
        await access.LogAsync([ResidentAccess.Entry(a, link.ResidentId, AccessActions.Change, AccessOutcome.Granted), ResidentAccess.Entry(a, link.OtherResidentId, AccessActions.Change, AccessOutcome.Granted)], ct);
        return ChangeResult.Done;
    }
}
