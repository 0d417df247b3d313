using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Husly.Features.Casework.Access;

/// <summary>Where the access log's secrets live: never in the database, so that write access to the database is not
/// enough to rewrite the log or cut it short unnoticed.</summary>
public sealed class AccessLogOptions : IValidatableObject
{
    /// <summary>HMAC keys by id, base64, at least 32 bytes each. Rotate by adding a key and pointing
    /// <see cref="CurrentKeyId"/> at it; keep old keys, since entries name the key that sealed them.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    public string? CurrentKeyId { get; set; }

    /// <summary>Without configured keys, a key is made on first start and kept in this file (demo and single-server
    /// installs). Relative paths are from the app's content root.</summary>
    public string KeyFile { get; set; } = "husly-accesslog.key";

    /// <summary>Signed checkpoints of the chain's head, one line per batch, kept outside the database (a file the privacy
    /// officer's verification compares with the log; ship it to another system for the strongest guarantee).</summary>
    public string CheckpointDirectory { get; set; } = "accesslog-checkpoints";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (id, value) in Keys)
        {
            var bytes = new byte[value.Length];
            if (!Convert.TryFromBase64String(value, bytes, out var length) || length < 32)
            {
                yield return new ValidationResult($"Casework:AccessLog:Keys:{id} must be base64 of at least 32 bytes.");
            }
        }
        if (Keys.Count > 0 && (CurrentKeyId is null || !Keys.ContainsKey(CurrentKeyId)))
        {
            yield return new ValidationResult("Casework:AccessLog:CurrentKeyId must name one of Casework:AccessLog:Keys.");
        }
    }
}

/// <summary>Seals access-log entries and checkpoints with HMAC-SHA256 under a key the database never holds, and keeps the
/// checkpoints in a file per database.</summary>
public sealed class AccessLogSeal
{
    private readonly Dictionary<string, byte[]> keys;
    private readonly string checkpointFile;
    private readonly Lock fileLock = new();

    public AccessLogSeal(IOptions<AccessLogOptions> options, IHostEnvironment environment, IConfiguration configuration)
    {
        var o = options.Value;
        keys = o.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value));
        if (keys.Count == 0)
        {
            // A key file next to the app is for demo and test installs; in production the key must come from a secret
            // store, away from the database and its backups.
            if (environment.IsProduction())
            {
                throw new InvalidOperationException("Casework:AccessLog:Keys and CurrentKeyId must be configured in production (see README).");
            }
            var path = Path.GetFullPath(o.KeyFile, environment.ContentRootPath);
            var key = Platform.Secrets.KeyFile.LoadOrCreate(path);
            // Named by its fingerprint: a new key file (a redeploy) gets a new id instead of silently replacing the old one.
            CurrentKeyId = "file-" + Convert.ToHexStringLower(SHA256.HashData(key))[..12];
            keys[CurrentKeyId] = key;
        }
        else
        {
            CurrentKeyId = o.CurrentKeyId!;
        }
        // One file per database, so two installs (or test databases) sharing a directory never mix their checkpoints.
        var database = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DatabaseIdentity(configuration))))[..16];
        var directory = Path.GetFullPath(o.CheckpointDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(directory);
        checkpointFile = Path.Combine(directory, $"checkpoints-{database}.log");
    }

    public string CurrentKeyId { get; }

    public string CheckpointFile => checkpointFile;

    private static string DatabaseIdentity(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var cs = configuration.GetConnectionString("Default") ?? "";
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
            return $"postgres|{b.Host}|{b.Port}|{b.Database}";
        }
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource;
        return "sqlite|" + Path.GetFullPath(source);
    }

    /// <summary>The entry's hash under the named key; null when the key is unknown here. There is no unkeyed fallback:
    /// an attacker could otherwise clear the key id and recompute plain hashes.</summary>
    public string? Hash(string? keyId, string text) =>
        keyId is not null && keys.TryGetValue(keyId, out var key) ? Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text))) : null;

    public sealed record Checkpoint(long Sequence, string Hash, DateTime At, bool Valid);

    /// <summary>Appends a signed line naming the chain's head. One line per batch; appends are atomic per line.</summary>
    public void WriteCheckpoint(long sequence, string hash, DateTime at)
    {
        var body = string.Join('\t', sequence.ToString(CultureInfo.InvariantCulture), hash, at.ToString("O", CultureInfo.InvariantCulture), CurrentKeyId);
        var line = body + '\t' + Hash(CurrentKeyId, "checkpoint\u001f" + body) + '\n';
        lock (fileLock)
        {
            using var stream = new FileStream(checkpointFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(Encoding.UTF8.GetBytes(line));
        }
    }

    public IReadOnlyList<Checkpoint> ReadCheckpoints()
    {
        if (!File.Exists(checkpointFile))
        {
            return [];
        }
        string[] lines;
        using (var stream = new FileStream(checkpointFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        var result = new List<Checkpoint>(lines.Length);
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            if (parts.Length != 5 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var sequence)
                || !DateTime.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                result.Add(new Checkpoint(0, "", default, Valid: false));
                continue;
            }
            var body = string.Join('\t', parts[..4]);
            var valid = Hash(parts[3], "checkpoint\u001f" + body) is { } expected && CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[4]));
            result.Add(new Checkpoint(sequence, parts[1], at, valid));
        }
        return result;
    }
}
