using System.Runtime.CompilerServices;
using Husly.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Husly.Features.Administration.Mail;

/// <summary>
/// Sends what is due in the outbox over SMTP (MailKit). Each message is claimed with a conditional update right before it
/// is sent, so two instances never send the same message (given clocks that agree to well within the five-minute lease); a failure counts an attempt and waits twice as long as the last
/// time (up to an hour) before the next, and after <see cref="MailOptions.MaxAttempts"/> the message is given up.
/// A crash between sending and recording it sends that one message again when its claim runs out (at least once).
/// </summary>
public sealed class MailDelivery(HuslyDbContext db, TimeProvider clock, IOptions<MailOptions> options, ILogger<MailDelivery> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int BatchSize = 50;

    /// <summary>Sends every due message it can claim; answers how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == MailStatus.Waiting && m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).Select(m => m.Id).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        using var smtp = new SmtpClient { Timeout = 30_000 };
        var sent = 0;
        foreach (var id in due)
        {
            // Claimed one at a time, right before it is sent, with a token every later update must match: a lease can
            // only run out if one message takes longer than the lease (timeouts are far shorter), and an instance that lost
            // its claim cannot overwrite what the next one recorded.
            var token = Guid.NewGuid();
            var at = clock.GetUtcNow().UtcDateTime;
            if (await db.OutboxMessages
                    .Where(m => m.Id == id && m.Status == MailStatus.Waiting && (m.LeasedUntil == null || m.LeasedUntil < at))
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeasedUntil, at + Lease).SetProperty(m => m.LeaseToken, token), ct) != 1)
            {
                continue;
            }
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            try
            {
                if (!smtp.IsConnected)
                {
                    await smtp.ConnectAsync(settings.Host!, settings.Port, Security(settings.Security), ct);
                    if (!string.IsNullOrWhiteSpace(settings.UserName))
                    {
                        await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
                    }
                }
                await smtp.SendAsync(ToMime(message, settings), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Mail {Id} could not be delivered through {Host}:{Port}; it waits for a retry", id, settings.Host, settings.Port);
                await RecordFailureAsync(message, token, e, ct);
                if (!smtp.IsConnected)
                {
                    // The server is away: the rest wait for the next round rather than each failing an attempt now.
                    return sent;
                }
                continue;
            }
            var done = clock.GetUtcNow().UtcDateTime;
            await db.OutboxMessages.Where(m => m.Id == id && m.LeaseToken == token).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, MailStatus.Sent).SetProperty(m => m.SentAt, done).SetProperty(m => m.Attempts, message.Attempts + 1)
                .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LeaseToken, (Guid?)null),
                CancellationToken.None);
            sent++;
        }
        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(true, ct);
        }
        return sent;
    }

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failures: doubling, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempts, double firstDelaySeconds) =>
        TimeSpan.FromSeconds(Math.Min(3600, firstDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    private async Task RecordFailureAsync(OutboxMessage message, Guid token, Exception error, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var status = attempts >= options.Value.MaxAttempts ? MailStatus.GaveUp : MailStatus.Waiting;
        var next = clock.GetUtcNow().UtcDateTime + RetryDelay(attempts, options.Value.RetryDelaySeconds);
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text.Length > 500 ? text[..500] : text;
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseToken == token).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, text).SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LeaseToken, (Guid?)null), ct);
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    private static MimeMessage ToMime(OutboxMessage message, MailOptions settings)
    {
        var mime = new MimeMessage
        {
            // The outbox id as Message-Id: a receiver can tell a message sent again after a crash from a new one.
            MessageId = $"{message.Id:N}@husly",
            Subject = message.Subject,
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }
}

/// <summary>Wakes the delivery job when a save on this instance put mail in the outbox, so mail leaves within a second
/// instead of at the next poll.</summary>
public sealed class MailSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Pulse()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>Pulses <see cref="MailSignal"/> after a save that added outbox messages has committed.</summary>
public sealed class OutboxSignalInterceptor(MailSignal signal) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private void Done(DbContext? context)
    {
        // Inside an explicit transaction the mail is not committed yet; the next poll finds it.
        if (context is not null && _pending.Remove(context) && context.Database.CurrentTransaction is null)
        {
            signal.Pulse();
        }
    }
}

/// <summary>Runs <see cref="MailDelivery"/> whenever mail was saved on this instance, and at least every
/// <see cref="MailOptions.PollSeconds"/> (mail saved by another instance, retries that came due).</summary>
public sealed class MailDeliveryJob(IServiceScopeFactory scopes, MailSignal signal, IOptions<MailOptions> options, ILogger<MailDeliveryJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            logger.LogInformation("No SMTP server is configured (Mail:Host): mail stays in the outbox, readable by administrators");
            return;
        }
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailDelivery>().DeliverDueAsync(stoppingToken);
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Mail delivery failed; it is tried again at the next poll");
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
