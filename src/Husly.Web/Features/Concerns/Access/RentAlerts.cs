using Husly.Common;
using Husly.Data;
using Husly.Features.Casework.Access;
using Husly.Features.Concerns.Rent;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Concerns.Access;

public sealed record AlertRow(Guid Id, RentAlertKind Kind, string TenantName, string Address, string Reason, DateTime RaisedAt, DateTime DueAt,
    bool IsOpen, bool AssignedToMe, bool InFollowUp, RentAlertOutcome? Outcome);

/// <summary>Rent-arrears and eviction alerts on the audited path. A case worker sees the alerts assigned to them and the
/// district's unassigned ones (tenants not in follow-up); a team leader sees all of the district's; the central desk those
/// with no district. Each alert shown is logged (with the resident when the tenant is one).</summary>
public sealed class RentAlerts(HuslyDbContext db, ResidentAccess access, TimeProvider clock)
{
    public CaseActor Actor => access.Actor;

    public IQueryable<RentAlert> Visible(CaseActor a)
    {
        if (!ConcernCases.MayTriage(a))
        {
            return db.RentAlerts.Where(_ => false);
        }
        var mine = ConcernCases.IsCentralDesk(a) ? db.RentAlerts.Where(x => x.DistrictId == null) : db.RentAlerts.Where(x => x.DistrictId == a.DistrictId);
        return a.Role == Roles.TeamLeader ? mine : mine.Where(x => x.AssignedToId == a.UserId || x.AssignedToId == null);
    }

    public async Task<IReadOnlyList<AlertRow>> ListAsync(bool open, CancellationToken ct)
    {
        var a = access.Actor;
        var query = Visible(a).Where(x => x.IsOpen == open);
        query = open ? query.OrderBy(x => x.DueAt) : query.OrderByDescending(x => x.ClosedAt);
        var rows = await query.Take(200).Select(x => new
        {
            Row = new AlertRow(x.Id, x.Kind, x.TenantName, x.Address, x.Reason, x.RaisedAt, x.DueAt, x.IsOpen,
                x.AssignedToId == a.UserId, x.AssignedToId != null, x.Outcome),
            x.ResidentId
        })
            .AsNoTracking().ToListAsync(ct);
        await LogAsync(a, rows.Select(r => (r.Row.Id, r.ResidentId)), AccessActions.RentAlertView, AccessOutcome.Granted, ct);
        return rows.Select(r => r.Row).ToList();
    }

    public async Task<int> OpenCountAsync(CancellationToken ct)
    {
        var a = access.Actor;
        return await Visible(a).CountAsync(x => x.IsOpen && (x.AssignedToId == a.UserId || x.AssignedToId == null), ct);
    }

    public async Task<RentAlert?> OpenAsync(Guid id, CancellationToken ct)
    {
        var a = access.Actor;
        var alert = await Visible(a).Include(x => x.District).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        await LogAsync(a, [(id, alert?.ResidentId)], AccessActions.RentAlertView, alert is null ? AccessOutcome.Denied : AccessOutcome.Granted, ct);
        return alert;
    }

    /// <summary>Records what came of the alert and closes it.</summary>
    public async Task<ChangeResult> CloseAsync(Guid id, Guid version, RentAlertOutcome outcome, string? note, CancellationToken ct)
    {
        var a = access.Actor;
        var alert = await Visible(a).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (alert is null)
        {
            await LogAsync(a, [(id, null)], AccessActions.RentAlertChange, AccessOutcome.Denied, ct);
            return ChangeResult.NotFound;
        }
        if (alert.Version != version)
        {
            return ChangeResult.Refused(ConcernCases.Conflict);
        }
        if (!alert.IsOpen)
        {
            return ChangeResult.Refused("Varselet er allerede lukket.");
        }
        if (outcome == RentAlertOutcome.Other && string.IsNullOrWhiteSpace(note))
        {
            return ChangeResult.Refused(new RuleError("OutcomeNote", "Skriv hva som skjedde når du velger «Annet»."));
        }
        db.Entry(alert).Property(x => x.Version).OriginalValue = version;
        alert.IsOpen = false;
        alert.Outcome = outcome;
        alert.OutcomeNote = note;
        alert.ClosedAt = clock.GetUtcNow().UtcDateTime;
        alert.ClosedBy = a.Name;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ChangeResult.Refused(ConcernCases.Conflict);
        }
        await LogAsync(a, [(id, alert.ResidentId)], AccessActions.RentAlertChange, AccessOutcome.Granted, ct);
        return ChangeResult.Done;
    }

    private Task LogAsync(CaseActor a, IEnumerable<(Guid Alert, Guid? Resident)> alerts, string action, AccessOutcome outcome, CancellationToken ct) =>
        access.LogAsync(alerts.Select(x => ResidentAccess.Entry(a, x.Resident, action, outcome, concernId: x.Alert)).ToList(), ct);
}
