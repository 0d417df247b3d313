using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Husly.Data;
using Husly.Features.Concerns.Access;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Concerns.Rent;

/// <summary>Starts an import: refuses a file seen before (same SHA-256), records the import as queued and hands the text to
/// the worker, which runs it in the background so a long file shows its progress. The file is kept only in memory.</summary>
public sealed class RentImports(HuslyDbContext db, RentImportInbox queue, TimeProvider clock)
{
    public const int MaxBytes = 30 * 1024 * 1024;

    /// <summary>The import started or found; or, with <see cref="Refusal"/>, a file that cannot be read at all.</summary>
    public sealed record Started(Guid ImportId, bool AlreadyImported, DateTime UploadedAt, string? Refusal = null);

    public const string NotUtf8 = "Filen er ikke lagret som UTF-8, så æ, ø og å ville blitt feil. Lagre den som «CSV UTF-8 (kommadelt)» og last opp igjen.";

    public async Task<Started> StartAsync(string fileName, byte[] content, string uploadedBy, CancellationToken ct)
    {
        string text;
        try
        {
            // Norwegian spreadsheets often save Windows-1252: read strictly, so a name is never stored garbled.
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new Started(Guid.Empty, false, default, NotUtf8);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await db.RentImports.AsNoTracking().Where(i => i.FileHash == hash && i.Status != ImportStatus.Failed).Select(i => new { i.Id, i.UploadedAt }).FirstOrDefaultAsync(ct) is { } earlier)
        {
            return new Started(earlier.Id, true, earlier.UploadedAt);
        }
        // A failed import of the same file may be tried again: its row gives way to the new one.
        await db.RentImports.Where(i => i.FileHash == hash && i.Status == ImportStatus.Failed).ExecuteDeleteAsync(ct);
        var import = new RentImport
        {
            Id = Guid.CreateVersion7(),
            FileName = Path.GetFileName(fileName).Length > 260 ? Path.GetFileName(fileName)[..260] : Path.GetFileName(fileName),
            FileHash = hash,
            UploadedBy = uploadedBy,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Queued,
        };
        db.RentImports.Add(import);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same file sent twice at once: the first one runs.
            db.ChangeTracker.Clear();
            var first = await db.RentImports.AsNoTracking().FirstAsync(i => i.FileHash == hash, ct);
            return new Started(first.Id, true, first.UploadedAt);
        }
        await queue.Writer.WriteAsync((import.Id, text), ct);
        return new Started(import.Id, false, import.UploadedAt);
    }
}

public sealed class RentImportInbox
{
    private readonly Channel<(Guid ImportId, string Content)> channel = Channel.CreateUnbounded<(Guid, string)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelWriter<(Guid ImportId, string Content)> Writer => channel.Writer;

    public ChannelReader<(Guid ImportId, string Content)> Reader => channel.Reader;
}

/// <summary>Runs queued imports one at a time. At start, imports left queued or running by a stopped instance are marked
/// as interrupted (their file was only in memory): the uploader sends it again, and rows already read change nothing.</summary>
public sealed class RentImportWorker(RentImportInbox queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RentImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            // Only what started before this instance: an import queued by a request already in flight is this worker's.
            await db.RentImports.Where(i => (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running) && i.UploadedAt < now.AddMinutes(-1))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.Error, "Importen ble avbrutt fordi tjenesten startet på nytt. Last opp filen igjen; linjer som alt er lest, endres ikke.")
                    .SetProperty(i => i.FinishedAt, now), stoppingToken);
        }
        await foreach (var (importId, content) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<RentLedgerImporter>().RunAsync(importId, content, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Rent ledger import {ImportId} failed", importId);
                var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
                db.ChangeTracker.Clear();
                await db.RentImports.Where(i => i.Id == importId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.Error, "Importen stoppet på grunn av en feil hos oss. Linjene som ble lest før feilen, er lagret; last opp filen igjen.")
                    .SetProperty(i => i.FinishedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
            }
        }
    }
}
