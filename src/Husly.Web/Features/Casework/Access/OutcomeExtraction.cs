using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Casework.Decisions;
using Husly.Features.Concerns.Rent;
using Husly.Features.Outcomes;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Access;

public sealed class OutcomeOptions
{
    /// <summary>The nightly run starts at the first check after this hour (Oslo time).</summary>
    [Range(0, 23)]
    public int NightlyHour { get; set; } = 2;

    public bool JobEnabled { get; set; } = true;

    [Range(1, 1440)]
    public int CheckIntervalMinutes { get; set; } = 5;

    /// <summary>Residents per transaction: the cursor moves this far at a time.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>A closed year is published on the first of this month the year after (late registrations get that long).</summary>
    [Range(1, 12)]
    public int PublishFromMonth { get; set; } = 3;

    /// <summary>How long a run stays with the instance working on it without a sign of life.</summary>
    [Range(1, 120)]
    public int LeaseMinutes { get; set; } = 5;
}

/// <summary>Fills Outcomes' de-identified results from casework, concerns and rent alerts (ADR 15). The one place that
/// reads residents for statistics; it shows no one to a person, so it writes no access-log entries, and keeps the run
/// (who started it, when, how far) for administrators.</summary>
public sealed class OutcomeExtraction(HuslyDbContext db, OutcomeRuns runs, OutcomeRunSignal signal, TimeProvider clock, IOptions<OutcomeOptions> options, ILogger<OutcomeExtraction> logger)
{
    /// <summary>This app instance, as the owner of a run's lease.</summary>
    private string Instance => signal.Instance;

    /// <summary>Starts tonight's run once the nightly hour has passed and none has started since; the very first run
    /// starts at once, so a new installation has figures the same day.</summary>
    public async Task StartNightlyAsync(CancellationToken ct)
    {
        if (!await db.OutcomeRuns.AnyAsync(ct))
        {
            await runs.StartAsync("Første kjøring", ct);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var oslo = Format.ToOslo(now);
        if (oslo.Hour < options.Value.NightlyHour)
        {
            return;
        }
        var since = Format.OsloToUtc(DateOnly.FromDateTime(oslo), new TimeOnly(options.Value.NightlyHour, 0)) ?? now;
        if (!await db.OutcomeRuns.AnyAsync(r => r.StartedAt >= since, ct))
        {
            await runs.StartAsync("Nattlig kjøring", ct);
        }
    }

    /// <summary>Works on the running run if no other instance holds it: batch after batch until done, the lease is lost
    /// or <paramref name="maxBatches"/> are done (the run then waits, leased, for this instance's next call or for another
    /// instance once the lease runs out). Returns whether it finished a run.</summary>
    public async Task<bool> WorkAsync(CancellationToken ct, int maxBatches = int.MaxValue)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddMinutes(options.Value.LeaseMinutes);
        var run = await db.OutcomeRuns.AsNoTracking().Where(r => r.Status == OutcomeRunStatus.Running).OrderBy(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return false;
        }
        // The claim: one conditional update, so two instances never work on the same run.
        var claimed = await db.OutcomeRuns.Where(r => r.Id == run.Id && r.Status == OutcomeRunStatus.Running
                && (r.LeaseUntil == null || r.LeaseUntil < now || r.Owner == Instance))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Owner, Instance).SetProperty(r => r.LeaseUntil, lease), ct);
        if (claimed == 0)
        {
            return false;
        }
        if (run.Cursor is null)
        {
            run.Total = await db.Residents.CountAsync(r => db.Enrolments.Any(e => e.ResidentId == r.Id), ct);
            await db.OutcomeRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Total, run.Total), ct);
        }
        var cursor = run.Cursor;
        for (var done = 0; ; done++)
        {
            ct.ThrowIfCancellationRequested();
            if (done == maxBatches)
            {
                return false;
            }
            var next = await BatchAsync(run, cursor, ct);
            if (next is null)
            {
                break;
            }
            if (next == Guid.Empty)
            {
                logger.LogWarning("Outcome run {Run} was taken over by another instance", run.Id);
                return false;
            }
            cursor = next;
        }
        await FinishAsync(run, ct);
        return true;
    }

    /// <summary>One batch of residents after the cursor, committed with the cursor. Null when none were left; Guid.Empty
    /// when the lease was lost.</summary>
    private async Task<Guid?> BatchAsync(OutcomeRun run, Guid? cursor, CancellationToken ct)
    {
        var residents = db.Residents.AsNoTracking().Where(r => db.Enrolments.Any(e => e.ResidentId == r.Id));
        if (cursor is { } after)
        {
            residents = residents.Where(r => r.Id.CompareTo(after) > 0);
        }
        var batch = await residents.OrderBy(r => r.Id).Take(options.Value.BatchSize)
            .Select(r => new { r.Id, r.BirthDate }).ToListAsync(ct);
        if (batch.Count == 0)
        {
            return null;
        }
        var ids = batch.Select(r => r.Id).ToList();
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.ResidentId))
            .Select(e => new { e.Id, e.ResidentId, Span = new EnrolmentSpan(e.Start, e.End, e.DistrictId, e.ProjectId, e.Category, e.OrganisationForm) })
            .ToListAsync(ct);
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        var living = (await db.LivingSituations.AsNoTracking().Where(p => ids.Contains(p.ResidentId)).ToListAsync(ct)).ToLookup(p => p.ResidentId);
        var grants = (await db.Decisions.AsNoTracking().Include(d => d.Services).Where(d => enrolmentIds.Contains(d.EnrolmentId)).ToListAsync(ct))
            .Select(d => (d.EnrolmentId, Granted: PlannedVsDelivered.Granted(d))).Where(g => g.Granted is not null)
            .ToLookup(g => g.EnrolmentId, g => g.Granted!);
        var delivered = (await db.DeliveredHours.AsNoTracking().Where(h => enrolmentIds.Contains(h.EnrolmentId))
            .Select(h => new { h.EnrolmentId, h.Date, h.Hours }).ToListAsync(ct)).ToLookup(h => h.EnrolmentId, h => (h.Date, h.Hours));
        var evictions = (await db.RentAlerts.AsNoTracking()
                .Where(a => a.ResidentId != null && ids.Contains(a.ResidentId.Value) && a.Outcome == RentAlertOutcome.Evicted && a.ClosedAt != null)
                .Select(a => new { a.ResidentId, a.ClosedAt }).ToListAsync(ct))
            .ToLookup(a => a.ResidentId!.Value, a => DateOnly.FromDateTime(Format.ToOslo(a.ClosedAt!.Value)));
        var keys = await db.OutcomeSubjects.Where(s => ids.Contains(s.ResidentId)).ToDictionaryAsync(s => s.ResidentId, s => s.PersonKey, ct);
        var newSubjects = ids.Where(id => !keys.ContainsKey(id)).Select(id => new OutcomeSubject { ResidentId = id, PersonKey = Guid.NewGuid() }).ToList();
        foreach (var subject in newSubjects)
        {
            keys[subject.ResidentId] = subject.PersonKey;
        }
        var records = new List<OutcomeRecord>();
        var byResident = enrolments.ToLookup(e => e.ResidentId);
        foreach (var resident in batch)
        {
            var history = new ResidentHistory(resident.BirthDate, [.. living[resident.Id]], [.. evictions[resident.Id]]);
            var histories = byResident[resident.Id]
                .Select(e => new EnrolmentHistory(e.Span, [.. grants[e.Id]], [.. delivered[e.Id]])).ToList();
            foreach (var record in OutcomeMeasures.Records(histories, history, run.AsOf))
            {
                record.RunId = run.Id;
                record.PersonKey = keys[resident.Id];
                records.Add(record);
            }
        }
        var last = ids[^1];
        var lease = clock.GetUtcNow().UtcDateTime.AddMinutes(options.Value.LeaseMinutes);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var kept = await db.OutcomeRuns.Where(r => r.Id == run.Id && r.Owner == Instance && r.Status == OutcomeRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Cursor, last).SetProperty(r => r.LeaseUntil, lease)
                .SetProperty(r => r.Processed, r => r.Processed + batch.Count).SetProperty(r => r.Records, r => r.Records + records.Count), ct);
        if (kept == 0)
        {
            return Guid.Empty;
        }
        db.OutcomeSubjects.AddRange(newSubjects);
        // In random order: the records' own ids then say nothing about the residents' order (ids follow registration).
        var shuffled = records.ToArray();
        Random.Shared.Shuffle(shuffled);
        db.OutcomeRecords.AddRange(shuffled);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return last;
    }

    /// <summary>Counts the concerns, completes the run and removes older generations.</summary>
    private async Task FinishAsync(OutcomeRun run, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var concerns = await db.Concerns.AsNoTracking().Select(c => new { c.ReportedAt, c.DistrictId, c.ClaimedAt, c.DueAt }).ToListAsync(ct);
        var records = concerns.Select(c => new ConcernRecord
        {
            RunId = run.Id,
            Year = Format.ToOslo(c.ReportedAt).Year,
            DistrictId = c.DistrictId,
            InTime = c.ClaimedAt is { } claimed && claimed <= c.DueAt,
            Pending = c.ClaimedAt is null && c.DueAt > now,
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ConcernRecords.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
        var completed = await db.OutcomeRuns.Where(r => r.Id == run.Id && r.Owner == Instance && r.Status == OutcomeRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, OutcomeRunStatus.Completed).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.ConcernRecords, records.Count).SetProperty(r => r.LeaseUntil, (DateTime?)null), ct);
        if (completed == 0)
        {
            return;
        }
        db.ConcernRecords.AddRange(records);
        await db.SaveChangesAsync(ct);
        // A closed year is published once, by the first run after the freeze date, and never changes after that: figures
        // that moved from one night to the next would give away the one person who made them move.
        var frozen = await db.PublishedYears.Select(p => p.Year).ToListAsync(ct);
        var years = (await db.OutcomeRecords.Where(r => r.RunId == run.Id).Select(r => r.Year).Distinct().ToListAsync(ct))
            .Union(records.Select(r => r.Year)).Where(y => !frozen.Contains(y) && run.AsOf >= new DateOnly(y + 1, options.Value.PublishFromMonth, 1)).ToList();
        db.PublishedYears.AddRange(years.Select(y => new PublishedYear { Year = y, RunId = run.Id, PublishedAt = now }));
        await db.SaveChangesAsync(ct);
        // What is kept: each published year's records from the run that published it, and this run's records (every year:
        // what the administrators' counts and a check against the published figures read). Older runs' other records go.
        var older = db.OutcomeRuns.Where(r => r.Id != run.Id && r.Status != OutcomeRunStatus.Running).Select(r => r.Id);
        await db.OutcomeRecords.Where(r => older.Contains(r.RunId) && !db.PublishedYears.Any(p => p.Year == r.Year && p.RunId == r.RunId)).ExecuteDeleteAsync(ct);
        await db.ConcernRecords.Where(r => older.Contains(r.RunId) && !db.PublishedYears.Any(p => p.Year == r.Year && p.RunId == r.RunId)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Outcome run {Run} completed with {Concerns} concerns", run.Id, records.Count);
    }
}

/// <summary>Starts the nightly run and works on any run that is waiting, on one instance at a time.</summary>
public sealed class OutcomeJob(IServiceScopeFactory scopes, Husly.Features.Outcomes.OutcomeRunSignal signal, IOptions<OutcomeOptions> options, ILogger<OutcomeJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.JobEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var extraction = scope.ServiceProvider.GetRequiredService<OutcomeExtraction>();
                await extraction.StartNightlyAsync(stoppingToken);
                if (await extraction.WorkAsync(stoppingToken))
                {
                    // Build the new figures now (suppression takes a moment), so the first reader does not wait for them.
                    await scope.ServiceProvider.GetRequiredService<Dashboards>().ModelAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The outcome run failed; it resumes from its cursor at the next check");
            }
            await signal.WaitAsync(TimeSpan.FromMinutes(options.Value.CheckIntervalMinutes), stoppingToken);
        }
    }
}
