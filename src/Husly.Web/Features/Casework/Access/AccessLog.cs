using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.Channels;
using Husly.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Access;

public enum AccessOutcome
{
    [Display(Name = "Innvilget")] Granted,
    [Display(Name = "Avvist")] Denied,
    [Display(Name = "Nødtilgang")] Emergency,
}

/// <summary>One read (or refused read) of a resident's data: who, in which role and unit, whose data, what, when
/// and why. Append-only and chained: each entry's hash covers the previous entry's hash, so a changed or removed
/// entry breaks the chain (Normen: logging and access to the log).</summary>
public sealed class AccessLogEntry : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Role { get; set; } = "";
    public Guid? UnitId { get; set; }
    public string UnitName { get; set; } = "";

    /// <summary>The resident whose data was read or asked for; no foreign key, because a refused id may not exist.</summary>
    public Guid? ResidentId { get; set; }

    /// <summary>The concern or rent alert (Features/Concerns) read or asked for, when the entry is about one; no foreign key either.</summary>
    public Guid? ConcernId { get; set; }

    /// <summary>What was read, as a stable code (see <see cref="AccessActions"/>).</summary>
    public string Action { get; set; } = "";

    /// <summary>Why, when the reader had to say (emergency access, reviews). Removed when the resident is anonymised;
    /// the chain covers <see cref="ReasonDigest"/>, so it still verifies.</summary>
    public string? Reason { get; set; }

    public string ReasonDigest { get; set; } = "";
    public AccessOutcome Outcome { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    /// <summary>The key that sealed the hash (HMAC-SHA256, key outside the database).</summary>
    public string? KeyId { get; set; }

    internal string ChainText() => string.Join('\u001f',
        PreviousHash, Sequence.ToString(CultureInfo.InvariantCulture), At.Ticks.ToString(CultureInfo.InvariantCulture),
        UserId?.ToString() ?? "", UserName, Role, UnitId?.ToString() ?? "", UnitName, ResidentId?.ToString() ?? "",
        Action, ReasonDigest, Outcome.ToString()) + (ConcernId is { } concern ? "\u001fconcern:" + concern : "");

    /// <summary>Set (sealed) when retention removed the reason; a reason removed without it is tampering.</summary>
    public string? ReasonErasure { get; set; }

    /// <summary>The reason's digest, keyed, so a short reason cannot be confirmed by guessing it after it is removed.</summary>
    internal static string? Digest(AccessLogSeal seal, string? keyId, string? reason) => seal.Hash(keyId, "reason\u001f" + (reason ?? ""));

    internal static string? ErasureSeal(AccessLogSeal seal, string? keyId, string hash) => seal.Hash(keyId, "erased\u001f" + hash);

    /// <summary>The entry is as written: its keyed hash holds, and its reason is the one the chain covers — or there was
    /// none — or retention removed it and sealed the removal.</summary>
    internal bool IsIntact(AccessLogSeal seal) => seal.Hash(KeyId, ChainText()) == Hash
        && (Reason is not null ? Digest(seal, KeyId, Reason) == ReasonDigest
            : ReasonDigest == Digest(seal, KeyId, null) || (ReasonErasure is not null && ReasonErasure == ErasureSeal(seal, KeyId, Hash)));
}

/// <summary>What a verification found: the chain's own links and keyed hashes, and the signed checkpoints kept outside the
/// database (which catch a cut tail and a rewritten chain).</summary>
public sealed record AccessLogVerification(long Entries, long? BrokenAt, string? Problem, int Checkpoints)
{
    public bool Intact => Problem is null;
}

/// <summary>The codes for what was read; the resident's access report names them in Bokmål.</summary>
public static class AccessActions
{
    public const string Caseload = "caseload.list";
    public const string Search = "resident.search";
    public const string View = "resident.view";
    public const string Register = "resident.register";
    public const string Change = "resident.change";
    public const string Print = "resident.print";
    public const string AccessReport = "resident.accessreport";
    public const string Emergency = "resident.emergency";
    public const string Review = "resident.review";
    public const string TransferQueue = "resident.transferqueue";
    public const string Related = "resident.related";
    public const string DuplicateQueue = "resident.duplicatequeue";
    public const string EmergencyReview = "resident.emergencyreview";
    public const string ConcernReported = "concern.reported";
    public const string ConcernAddition = "concern.addition";
    public const string ConcernQueue = "concern.queue";
    public const string ConcernView = "concern.view";
    public const string ConcernChange = "concern.change";
    public const string ConcernEscalated = "concern.escalated";
    public const string ConcernStatistics = "concern.statistics";
    public const string RentMatch = "resident.rentmatch";
    public const string RentAlertView = "rentalert.view";
    public const string RentAlertChange = "rentalert.change";

    public static string DisplayName(string action) => action switch
    {
        Caseload => "Så brukeren i en saksliste",
        Search => "Fant brukeren i et søk",
        View => "Åpnet brukerens side",
        Register => "Registrerte brukeren eller en ny oppfølging",
        Change => "Åpnet brukeren for å endre opplysninger",
        Print => "Skrev ut opplysninger om brukeren",
        AccessReport => "Hentet innsynsloggen",
        Emergency => "Tok i bruk nødtilgang",
        Review => "Så brukeren i en kontroll av tilganger",
        TransferQueue => "Så brukeren i køen for brukerbytte",
        Related => "Så brukeren som husstandsmedlem eller koblet registrering",
        DuplicateQueue => "Så brukeren i listen over mulige dubletter",
        EmergencyReview => "Gikk gjennom en nødtilgang til brukeren",
        ConcernReported => "Meldte en bekymring",
        ConcernAddition => "La til opplysninger i en bekymringsmelding med kvitteringskode",
        ConcernQueue => "Så bekymringsmeldingen i køen",
        ConcernView => "Åpnet bekymringsmeldingen",
        ConcernChange => "Behandlet bekymringsmeldingen",
        ConcernEscalated => "Fristen for bekymringsmeldingen passerte, sendt til teamleder",
        ConcernStatistics => "Hentet statistikk over bekymringsmeldinger (uten personopplysninger)",
        RentMatch => "Husleieimporten fant brukeren og sendte et varsel til kontaktpersonen",
        RentAlertView => "Så et varsel om husleie eller utkastelse",
        RentAlertChange => "Behandlet et varsel om husleie eller utkastelse",
        _ => action,
    };
}

/// <summary>Appends entries to the chained log. One writer per app instance: the chain needs one order. Requests hand
/// their entries to a bounded queue and await their commit; a single writer drains everything waiting into one
/// transaction and one chain extension, so under load the scope, context and round trip are paid once per batch, not
/// once per read. Another instance appending at the same time hits the unique sequence and the batch is retried on
/// the new end.</summary>
public sealed class AccessLog : IAsyncDisposable
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const int MaxBatch = 256;
    private readonly IServiceScopeFactory scopes;
    private readonly AccessLogSeal seal;
    private readonly TimeProvider clock;
    private readonly ILogger<AccessLog> logger;
    private readonly bool skip;
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Task writer;
    private (long Sequence, string Hash)? last;

    private sealed record Pending(IReadOnlyList<AccessLogEntry> Entries, TaskCompletionSource Committed);

    public AccessLog(IServiceScopeFactory scopes, AccessLogSeal seal, TimeProvider clock, IOptions<CaseworkOptions> options, IHostEnvironment environment,
        ILogger<AccessLog> logger)
    {
        this.scopes = scopes;
        this.seal = seal;
        this.clock = clock;
        this.logger = logger;
        skip = SkipAllowed(options.Value, environment, logger);
        writer = Task.Run(WriteLoopAsync);
    }

    private static bool SkipAllowed(CaseworkOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (!options.SkipAccessLogInBenchmark)
        {
            return false;
        }
        if (environment.EnvironmentName == "Benchmark")
        {
            logger.LogWarning("The access log is OFF: benchmark environment measuring the cost of the read audit");
            return true;
        }
        logger.LogError("Casework:SkipAccessLogInBenchmark is set outside the Benchmark environment and is ignored");
        return false;
    }

    /// <summary>Returns when the entries are committed; throws if they could not be, so the read does not go ahead
    /// unlogged.</summary>
    public async Task AppendAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0 || skip)
        {
            return;
        }
        // Not the request's token: an access that happened is logged even if the client has gone.
        _ = ct;
        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, CancellationToken.None);
        await pending.Committed.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var count = 0;
            while (count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                count += pending.Entries.Count;
            }
            try
            {
                await WriteAsync(batch.SelectMany(p => p.Entries).ToList());
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetResult();
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One bad entry must not fail everyone's read: write each request's entries on their own.
                last = null;
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception e)
            {
                Fail(batch[0], e);
            }
            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteAsync(pending.Entries);
            pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            Fail(pending, e);
        }
    }

    private void Fail(Pending pending, Exception e)
    {
        last = null;
        logger.LogError(e, "Could not append {Count} access-log entries", pending.Entries.Count);
        pending.Committed.TrySetException(e);
    }

    private async Task WriteAsync(IReadOnlyList<AccessLogEntry> entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
            var (sequence, hash) = last ?? await db.AccessLog.OrderByDescending(e => e.Sequence)
                .Select(e => new ValueTuple<long, string>(e.Sequence, e.Hash)).FirstOrDefaultAsync(CancellationToken.None);
            hash ??= Genesis;
            // Whole microseconds: PostgreSQL keeps no more, and the hash must survive the round trip.
            var now = clock.GetUtcNow().UtcDateTime;
            now = now.AddTicks(-(now.Ticks % 10));
            foreach (var entry in entries)
            {
                entry.Id = entry.Id == Guid.Empty ? Guid.CreateVersion7() : entry.Id;
                entry.At = now;
                entry.Sequence = ++sequence;
                entry.PreviousHash = hash;
                entry.KeyId = seal.CurrentKeyId;
                entry.ReasonDigest = AccessLogEntry.Digest(seal, entry.KeyId, entry.Reason)!;
                entry.Hash = hash = seal.Hash(entry.KeyId, entry.ChainText())!;
            }
            db.AccessLog.AddRange(entries);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                last = (sequence, hash);
                try
                {
                    seal.WriteCheckpoint(sequence, hash, now);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The entries are committed; a missing checkpoint weakens only truncation detection for this batch.
                    logger.LogError(e, "Could not write the access-log checkpoint at {Sequence}", sequence);
                }
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                last = null; // another instance appended; start again from the real end
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Drain what is queued before the app stops: those reads happened.
        queue.Writer.TryComplete();
        await writer;
    }

    /// <summary>Walks the whole chain (links and keyed hashes), then holds it against the signed checkpoints: a checkpoint
    /// past the last entry means the tail was cut; one whose hash differs means the chain was rewritten.</summary>
    public async Task<AccessLogVerification> VerifyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
        var previous = Genesis;
        var expected = 1L;
        var checkpoints = seal.ReadCheckpoints();
        if (checkpoints.FirstOrDefault(c => !c.Valid) is not null)
        {
            return new AccessLogVerification(0, null, "checkpoint-forged", checkpoints.Count);
        }
        var wanted = checkpoints.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.Select(c => c.Hash).ToHashSet());
        // One position in the chain has one hash. Two signed hashes for the same position mean the chain was cut and
        // written again from there (the writer signs what it appends, so the second hash is genuine but the first is too).
        if (wanted.FirstOrDefault(w => w.Value.Count > 1) is { Value: not null } conflict)
        {
            return new AccessLogVerification(0, conflict.Key, "checkpoint-conflict", checkpoints.Count);
        }
        await foreach (var entry in db.AccessLog.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (entry.Sequence != expected || entry.PreviousHash != previous || !entry.IsIntact(seal))
            {
                return new AccessLogVerification(expected - 1, entry.Sequence == expected ? entry.Sequence : expected, "chain", checkpoints.Count);
            }
            if (wanted.TryGetValue(entry.Sequence, out var hashes) && !hashes.Contains(entry.Hash))
            {
                return new AccessLogVerification(expected - 1, entry.Sequence, "checkpoint-mismatch", checkpoints.Count);
            }
            previous = entry.Hash;
            expected++;
        }
        var count = expected - 1;
        if (checkpoints.Count > 0 && checkpoints.Max(c => c.Sequence) > count)
        {
            return new AccessLogVerification(count, count + 1, "truncated", checkpoints.Count);
        }
        if (count > 0 && checkpoints.Count == 0)
        {
            return new AccessLogVerification(count, null, "checkpoints-missing", 0);
        }
        return new AccessLogVerification(count, null, null, checkpoints.Count);
    }
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> b)
    {
        b.ToTable("AccessLog");
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.ResidentId, e.At });
        b.HasIndex(e => new { e.UserId, e.At });
        b.HasIndex(e => new { e.ConcernId, e.At });
        b.Property(e => e.UserName).HasMaxLength(200);
        b.Property(e => e.Role).HasMaxLength(60);
        b.Property(e => e.UnitName).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(60);
        b.Property(e => e.Reason).HasMaxLength(1000);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.ReasonDigest).HasMaxLength(64);
        b.Property(e => e.ReasonErasure).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Property(e => e.KeyId).HasMaxLength(40);
    }
}
