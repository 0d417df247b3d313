using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework.Access;

/// <summary>Transfers between districts (brukerbytte): the queue a team leader decides from, accept and decline.</summary>
public sealed class TransferRequests(HuslyDbContext db, ResidentAccess access, TimeProvider clock)
{
    public sealed record TransferRow(Guid Id, Guid ResidentId, string ResidentName, string From, string To, string ProposedBy,
        DateTime ProposedAt, string Note, TransferStatus Status, int DaysWaiting);

    /// <summary>Transfers proposed to (incoming) or from (outgoing) the team leader's district, pending first. Names the
    /// residents, so each is logged.</summary>
    public async Task<IReadOnlyList<TransferRow>> TransfersAsync(bool incoming, CancellationToken ct)
    {
        var a = access.Actor;
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
        await access.LogAsync(result.Where(r => r.ResidentName != "").Select(r => r.ResidentId).Distinct()
            .Select(id => ResidentAccess.Entry(a, id, AccessActions.TransferQueue, AccessOutcome.Granted)).ToList(), ct);
        return result;
    }

    /// <summary>The receiving team leader accepts: the sending enrolment ends as transferred today and a new one starts in
    /// the receiving district with the chosen team and contact person. The sender keeps read access for the grace period.</summary>
    public async Task<ChangeResult> AcceptTransferAsync(Guid transferId, Guid? teamId, Guid contactPersonId, CancellationToken ct)
    {
        var a = access.Actor;
        var transfer = await db.Transfers.FirstOrDefaultAsync(t => t.Id == transferId && t.Status == TransferStatus.Proposed
            && t.ToDistrictId == a.DistrictId && a.Role == Roles.TeamLeader, ct);
        if (transfer is null)
        {
            return ChangeResult.Refused(AlreadyDecided);
        }
        var from = await db.Enrolments.FirstAsync(e => e.Id == transfer.FromEnrolmentId, ct);
        var today = access.Today;
        // The grounds must still hold on the day it is accepted: the sending follow-up open, the consent to transfer valid.
        var consented = (await db.Consents.AsNoTracking().Where(c => c.ResidentId == transfer.ResidentId && c.Purpose == ConsentPurpose.Transfer).ToListAsync(ct))
            .Any(c => c.Covers(ConsentPurpose.Transfer, null, today));
        if (from.End is not null || !consented)
        {
            transfer.Withdraw(from.End is not null ? Transfer.EnrolmentEnded : Transfer.ConsentLapsed, a.UserId, clock.GetUtcNow().UtcDateTime);
            await SaveDecisionAsync(ct);
            return ChangeResult.Refused(new RuleError("", "Forslaget gjelder ikke lenger: oppfølgingen i bydelen som foreslo det er avsluttet, eller brukeren har ikke gyldig samtykke til brukerbytte. Forslaget er trukket tilbake."));
        }
        var resident = await db.Residents.Include(r => r.NamedWorkers).FirstAsync(r => r.Id == transfer.ResidentId, ct);
        from.Close(today, EnrolmentEndReason.Transferred, null);
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
            return ChangeResult.Refused(AlreadyDecided);
        }
        await access.LogAsync([ResidentAccess.Entry(a, transfer.ResidentId, AccessActions.Change, AccessOutcome.Granted)], ct);
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> DeclineTransferAsync(Guid transferId, string? reason, CancellationToken ct)
    {
        var a = access.Actor;
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ChangeResult.Refused(new RuleError("reason", "Skriv hvorfor bydelen avslår brukerbyttet."));
        }
        var transfer = await db.Transfers.FirstOrDefaultAsync(t => t.Id == transferId && t.Status == TransferStatus.Proposed
            && t.ToDistrictId == a.DistrictId && a.Role == Roles.TeamLeader, ct);
        if (transfer is null)
        {
            return ChangeResult.Refused(AlreadyDecided);
        }
        transfer.Status = TransferStatus.Declined;
        transfer.DeclineReason = reason.Trim();
        transfer.DecidedById = a.UserId;
        transfer.DecidedAt = clock.GetUtcNow().UtcDateTime;
        transfer.Version = Guid.NewGuid();
        return await SaveDecisionAsync(ct) ? ChangeResult.Done : ChangeResult.Refused(AlreadyDecided);
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
}
