using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Portfolio.Reporting;

public sealed class ReminderOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How many days before the due date the project is reminded.</summary>
    [Range(1, 90)]
    public int DaysBefore { get; set; } = 14;

    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>Mails the project a reminder before a status report is due, and the project and the programme when it is
/// overdue. Each reminder is claimed by a conditional update in the same transaction as its mail, so when several
/// instances run the job at once, exactly one of them sends it.</summary>
public sealed class ReportReminders(HuslyDbContext db, ReportMail mail, TimeProvider clock, IOptions<ReminderOptions> options)
{
    private static readonly ReportState[] Open = StatusReport.OpenStates;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Format.ToOslo(now));
        var soon = today.AddDays(options.Value.DaysBefore);
        var due = await RunningReports.Of(db)
            .Where(r => Open.Contains(r.State)
                // A report the programme returned or reopened was sent in time: no overdue notice for it.
                && ((r.ReminderSentAt == null && r.DueOn >= today && r.DueOn <= soon) || (r.OverdueNoticeSentAt == null && r.SubmittedAt == null && r.DueOn < today)))
            .Select(r => new { r.Id, r.DueOn }).ToListAsync(ct);
        var sent = 0;
        foreach (var report in due)
        {
            var overdue = report.DueOn < today;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = overdue
                ? await db.StatusReports.Where(r => r.Id == report.Id && r.OverdueNoticeSentAt == null && r.SubmittedAt == null && Open.Contains(r.State))
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.OverdueNoticeSentAt, now), ct)
                : await db.StatusReports.Where(r => r.Id == report.Id && r.ReminderSentAt == null && Open.Contains(r.State))
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReminderSentAt, now), ct);
            if (claimed != 1)
            {
                continue; // another instance got there first, or the report was sent meanwhile
            }
            var full = await db.StatusReports.AsNoTracking().Include(r => r.Project).FirstAsync(r => r.Id == report.Id, ct);
            if (overdue)
            {
                var body = $"Statusrapporten skulle vært levert {Format.Date(full.DueOn)} og er ikke sendt ennå.";
                await mail.ToProjectAsync(full.Project!, full, "Statusrapporten er forfalt", body);
                await mail.ToManagersAsync(full.Project!, full, "Statusrapporten er forfalt", body);
            }
            else
            {
                await mail.ToProjectAsync(full.Project!, full, "Påminnelse om statusrapport",
                    $"Statusrapporten skal leveres innen {Format.Date(full.DueOn)}.");
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            sent++;
        }
        return sent;
    }
}

public sealed class ReportReminderJob(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReportReminderJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled ? Task.CompletedTask
        : Husly.Platform.Jobs.PeriodicRun.RunAsync(scopes, TimeSpan.FromMinutes(options.Value.IntervalMinutes), logger, "Report reminders",
            (services, ct) => services.GetRequiredService<ReportReminders>().RunAsync(ct), stoppingToken);
}
