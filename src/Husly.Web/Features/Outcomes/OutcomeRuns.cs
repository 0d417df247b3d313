using Husly.Data;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Outcomes;

/// <summary>Wakes the results job at once when a run is started.</summary>
public sealed class OutcomeRunSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0);

    /// <summary>This app instance, as the holder of a run's lease: one per process and start.</summary>
    public string Instance { get; } = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    public void Raise() => signal.Release();

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}

/// <summary>The runs that compute the de-identified results: start one, see how far it is, and which one the dashboards
/// read. Starting a run only records it; casework's job does the work (ADR 15).</summary>
public sealed class OutcomeRuns(HuslyDbContext db, TimeProvider clock, OutcomeRunSignal signal)
{
    /// <summary>Starts a run unless one is running; returns the running one.</summary>
    public async Task<OutcomeRun> StartAsync(string by, CancellationToken ct = default)
    {
        if (await db.OutcomeRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Status == OutcomeRunStatus.Running, ct) is { } running)
        {
            return running;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new OutcomeRun
        {
            Id = Guid.NewGuid(),
            Status = OutcomeRunStatus.Running,
            StartedAt = now,
            StartedBy = by,
            AsOf = DateOnly.FromDateTime(Format.ToOslo(now)),
        };
        db.OutcomeRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance started one a moment ago (the unique index on the running run): that one is the run.
            db.ChangeTracker.Clear();
            return await db.OutcomeRuns.AsNoTracking().FirstAsync(r => r.Status == OutcomeRunStatus.Running, ct);
        }
        signal.Raise();
        return run;
    }

    /// <summary>The run the dashboards read: the newest completed one.</summary>
    public Task<OutcomeRun?> PublishedAsync(CancellationToken ct = default) =>
        db.OutcomeRuns.AsNoTracking().Where(r => r.Status == OutcomeRunStatus.Completed).OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(ct);

    public Task<OutcomeRun?> RunningAsync(CancellationToken ct = default) =>
        db.OutcomeRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Status == OutcomeRunStatus.Running, ct);

    public Task<List<OutcomeRun>> RecentAsync(CancellationToken ct = default) =>
        db.OutcomeRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(ct);
}
