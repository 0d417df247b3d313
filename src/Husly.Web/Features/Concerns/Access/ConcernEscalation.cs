using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.Access;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns.Access;

/// <summary>A concern nobody has taken up by its deadline goes to the team leaders: it is marked escalated (first in their
/// queue) and they get a mail that names no person. Each escalation is claimed by a conditional update in the same
/// transaction as its mail and history, so with several instances it happens once.</summary>
public sealed class ConcernEscalation(HuslyDbContext db, ResidentAccess access, Outbox outbox, TimeProvider clock)
{
    public const string System = "Husly (fristkontroll)";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Concerns.Where(c => c.Status == ConcernStatus.Received && c.DueAt < now && c.EscalatedAt == null)
            .OrderBy(c => c.DueAt).Select(c => new { c.Id, c.DistrictId, c.DueAt, c.Urgency }).Take(500).ToListAsync(ct);
        var escalated = new List<Guid>();
        foreach (var concern in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Concerns.Where(c => c.Id == concern.Id && c.EscalatedAt == null && c.Status == ConcernStatus.Received)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.EscalatedAt, now), ct);
            if (claimed != 1)
            {
                continue; // another instance got there first, or someone took it up meanwhile
            }
            db.ConcernEvents.Add(new ConcernEvent { Id = Guid.CreateVersion7(), ConcernId = concern.Id, Kind = ConcernEventKind.Escalated, At = now, UserName = System });
            var unit = concern.DistrictId ?? ConcernCases.CentralDesk;
            var unitName = await db.Organisations.Where(o => o.Id == unit).Select(o => o.Name).FirstAsync(ct);
            foreach (var leader in await People.ActiveTeamLeaders(db, unit).Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct))
            {
                // No name, address or text: the mail says only that something waits, and where.
                outbox.Queue(leader.Email!, leader.DisplayName, "Bekymringsmelding har passert fristen",
                    $"En bekymringsmelding til {unitName} ({Format.EnumName(concern.Urgency).ToLowerInvariant()}) skulle vært tatt til vurdering innen " +
                    $"{Format.Timestamp(concern.DueAt)} og venter fortsatt.\n\nÅpne den: {outbox.Link("/concerns/" + concern.Id)}", "concern-escalated");
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            escalated.Add(concern.Id);
        }
        if (escalated.Count > 0)
        {
            var system = new CaseActor(Guid.Empty, System, "", null, "", null, null);
            await access.LogAsync(escalated.Select(id => ResidentAccess.Entry(system, null, AccessActions.ConcernEscalated, AccessOutcome.Granted, concernId: id)).ToList(), ct);
        }
        return escalated.Count;
    }
}

public sealed class ConcernEscalationJob(IServiceScopeFactory scopes, IOptions<ConcernOptions> options, ILogger<ConcernEscalationJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.EscalationEnabled ? Task.CompletedTask
        : Husly.Platform.Jobs.PeriodicRun.RunAsync(scopes, TimeSpan.FromMinutes(options.Value.EscalationIntervalMinutes), logger, "Concern escalation",
            (services, ct) => services.GetRequiredService<ConcernEscalation>().RunAsync(ct), stoppingToken);
}
