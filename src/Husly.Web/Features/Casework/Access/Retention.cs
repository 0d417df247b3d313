using Husly.Data;
using Husly.Features.Casework.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Access;

public sealed class RetentionOptions
{
    /// <summary>Anonymise a resident when all their follow-up has been closed for this many years.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int YearsAfterClosed { get; set; } = 10;

    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(1, 24 * 7)]
    public int IntervalHours { get; set; } = 24;
}

/// <summary>Removes what identifies residents whose follow-up has been closed for the configured number of years:
/// names, numbers, contact details, free text, plans, consents, household and links. What remains (periods, categories,
/// hours, living-situation kinds) is de-identified and feeds statistics. The access log keeps its entries with the
/// resident's random id and loses only their free-text reasons; the chain still verifies through the reason digests.</summary>
public sealed class Retention(HuslyDbContext db, AccessLogSeal seal, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<Retention> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var cutoff = today.AddYears(-options.Value.YearsAfterClosed);
        var due = await db.Residents.Where(r => r.AnonymisedAt == null
                && db.Enrolments.Any(e => e.ResidentId == r.Id)
                && !db.Enrolments.Any(e => e.ResidentId == r.Id && (e.End == null || e.End > cutoff)))
            .OrderBy(r => r.Id).Select(r => r.Id).Take(500).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var sqlite = db.Database.IsSqlite();
        // One connection for the whole run, so SQLite's secure_delete (a per-connection setting) covers every write: the
        // space the removed text occupied is overwritten with zeros, not just marked free.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", ct);
            }
            foreach (var id in due)
            {
                await AnonymiseAsync(id, ct);
            }
            if (sqlite)
            {
                // The write-ahead log still holds older page images with the text: copy back and empty it now.
                var busy = await db.Database.SqlQueryRaw<int>("PRAGMA wal_checkpoint(TRUNCATE);").ToListAsync(ct);
                if (busy.FirstOrDefault() != 0)
                {
                    logger.LogWarning("Retention could not empty the SQLite write-ahead log (readers busy); the next run tries again");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        logger.LogInformation("Retention anonymised {Count} residents closed before {Cutoff}", due.Count, cutoff);
        return due.Count;
    }

    private async Task AnonymiseAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var birthYear = await db.Residents.Where(r => r.Id == id).Select(r => r.BirthDate.Year).FirstAsync(ct);
        await db.Residents.Where(r => r.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.FirstName, "Anonymisert").SetProperty(r => r.LastName, "").SetProperty(r => r.SearchName, "")
            .SetProperty(r => r.IdentityNumberCipher, (string?)null).SetProperty(r => r.IdentityNumberHash, (string?)null).SetProperty(r => r.Phone, (string?)null).SetProperty(r => r.Email, (string?)null)
            .SetProperty(r => r.Address, (string?)null).SetProperty(r => r.Protection, ProtectionLevel.None)
            .SetProperty(r => r.BirthDate, new DateOnly(birthYear, 1, 1)).SetProperty(r => r.AnonymisedAt, now), ct);
        await db.ResidentNamedWorkers.Where(n => n.ResidentId == id).ExecuteDeleteAsync(ct);
        // Results computed from now on get a new random key: nothing joins them to the person's earlier ones (ADR 15).
        await db.OutcomeSubjects.Where(s => s.ResidentId == id).ExecuteDeleteAsync(ct);
        await db.ResidentChanges.Where(c => c.ResidentId == id).ExecuteDeleteAsync(ct);
        await db.LivingSituations.Where(p => p.ResidentId == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Note, (string?)null), ct);
        var enrolments = db.Enrolments.Where(e => e.ResidentId == id).Select(e => e.Id);
        await db.Enrolments.Where(e => e.ResidentId == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.EndNote, (string?)null), ct);
        await db.Decisions.Where(d => enrolments.Contains(d.EnrolmentId)).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Justification, "").SetProperty(d => d.AppealNote, (string?)null).SetProperty(d => d.RevokedReason, (string?)null), ct);
        await db.DeliveredHours.Where(h => enrolments.Contains(h.EnrolmentId)).ExecuteUpdateAsync(u => u.SetProperty(h => h.Note, (string?)null), ct);
        await db.FollowUpPartners.Where(p => enrolments.Contains(p.EnrolmentId)).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.ContactName, "").SetProperty(p => p.ContactDetails, (string?)null), ct);
        await db.CooperationMeetings.Where(m => enrolments.Contains(m.EnrolmentId)).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Participants, "").SetProperty(m => m.Minutes, ""), ct);
        await db.Transfers.Where(t => t.ResidentId == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Note, "").SetProperty(t => t.DeclineReason, (string?)null), ct);
        await db.Consents.Where(c => c.ResidentId == id).ExecuteDeleteAsync(ct);
        var plans = db.IndividualPlans.Where(p => p.ResidentId == id).Select(p => p.Id);
        await db.PlanGoals.Where(g => plans.Contains(g.PlanId)).ExecuteDeleteAsync(ct);
        await db.IndividualPlans.Where(p => p.ResidentId == id).ExecuteDeleteAsync(ct);
        await db.CrisisPlans.Where(p => p.ResidentId == id).ExecuteDeleteAsync(ct);
        await db.HouseholdMembers.Where(m => m.ResidentId == id).ExecuteDeleteAsync(ct);
        // Reasons written about this person also sit on the log entries of those linked to them (the same text was logged
        // for both when they were linked or put in a household): remove those too, by their digest.
        var related = await db.ResidentLinks.Where(l => l.ResidentId == id || l.OtherResidentId == id)
            .Select(l => l.ResidentId == id ? l.OtherResidentId : l.ResidentId)
            .Concat(db.PossibleDuplicates.Where(d => d.ResidentId == id || d.ExistingResidentId == id)
                .Select(d => d.ResidentId == id ? d.ExistingResidentId : d.ResidentId))
            .ToListAsync(ct);
        var digests = db.AccessLog.Where(e => e.ResidentId == id && e.Reason != null).Select(e => e.ReasonDigest);
        await EraseReasonsAsync(db.AccessLog.Where(e => related.Contains(e.ResidentId!.Value) && e.Reason != null && digests.Contains(e.ReasonDigest)), ct);
        await db.ResidentLinks.Where(l => l.ResidentId == id || l.OtherResidentId == id).ExecuteDeleteAsync(ct);
        await db.PossibleDuplicates.Where(d => d.ResidentId == id || d.ExistingResidentId == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Note, (string?)null), ct);
        await db.EmergencyAccesses.Where(g => g.ResidentId == id).ExecuteUpdateAsync(u => u.SetProperty(g => g.Reason, "").SetProperty(g => g.ReviewNote, (string?)null)
            .SetProperty(g => g.ResidentReviewNote, (string?)null), ct);
        await EraseReasonsAsync(db.AccessLog.Where(e => e.ResidentId == id), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Removes reasons from log entries and seals each removal with the log's key, so that verification can tell
    /// retention's removal from a reason erased by someone with database access.</summary>
    private async Task EraseReasonsAsync(IQueryable<AccessLogEntry> entries, CancellationToken ct)
    {
        foreach (var entry in await entries.Where(e => e.Reason != null).Select(e => new { e.Id, e.Hash, e.KeyId }).ToListAsync(ct))
        {
            var erasure = AccessLogEntry.ErasureSeal(seal, entry.KeyId, entry.Hash);
            await db.AccessLog.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Reason, (string?)null).SetProperty(e => e.ReasonErasure, erasure), ct);
        }
    }
}

/// <summary>Runs <see cref="Retention"/> at start and then on an interval.</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled ? Task.CompletedTask
        : Husly.Platform.Jobs.PeriodicRun.RunAsync(scopes, TimeSpan.FromHours(Math.Max(1, options.Value.IntervalHours)), logger, "Retention",
            (services, ct) => services.GetRequiredService<Retention>().RunAsync(ct), stoppingToken);
}
