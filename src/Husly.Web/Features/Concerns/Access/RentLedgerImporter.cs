using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Husly.Common;
using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Residents;
using Husly.Features.Concerns.Rent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns.Access;

/// <summary>Reads a rent ledger file (docs/rent-ledger-format.md) into ledger lines, row by row: every row is checked and a
/// refused row is reported with its number and why, never with its values. Lines are keyed by tenancy and month, so the
/// same rows again change nothing. Then the districts' rules raise alerts for the tenancies the file touched: to the
/// tenant's contact person when they are in follow-up (found by the keyed hash of the identity number, on the audited
/// path), else to the district of the postcode, else to the central desk.</summary>
public sealed class RentLedgerImporter(
    HuslyDbContext db, ResidentAccess access, IdentityNumberVault vault, DistrictRouting routing, Outbox outbox, TimeProvider clock,
    IOptions<CaseworkOptions> casework, ILogger<RentLedgerImporter> logger)
{
    public static readonly string[] Columns =
        ["leieforhold", "fodselsnummer", "navn", "adresse", "postnummer", "leieforhold_fra", "periode", "husleie", "innbetalt", "saldo", "begjaering_fravikelse"];

    public const string System = "Husly (husleieimport)";
    private const int BatchSize = 1000;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private sealed record Row(int Number, RentLedgerLine Line);

    public async Task RunAsync(Guid importId, string content, CancellationToken ct)
    {
        var import = await db.RentImports.FirstAsync(i => i.Id == importId, ct);
        import.Status = ImportStatus.Running;
        await db.SaveChangesAsync(ct);

        var rules = new IdentityNumberRules(AllowSynthetic: casework.Value.AllowSyntheticIdentityNumbers);
        var rows = new List<Row>();
        var rejections = new List<RentImportRejection>();
        var seen = new HashSet<(string, string)>();
        // One record per physical line: an unclosed quote refuses its own line instead of swallowing the rest of the file.
        var config = new CsvConfiguration(Invariant) { Delimiter = ";", HasHeaderRecord = false, BadDataFound = null, MissingFieldFound = null };
        var physical = content.Split('\n');
        if (physical.Length == 0 || Fields(physical[0], config) is not { } header
            || !header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).SequenceEqual(Columns))
        {
            await FailAsync(import, "Første linje må være kolonnenavnene: " + string.Join(";", Columns) + ".", ct);
            return;
        }
        for (var i = 1; i < physical.Length; i++)
        {
            var number = i + 1;
            var text = physical[i].TrimEnd('\r');
            if (text.Trim().Length == 0)
            {
                continue; // a blank line at the end of a file is not an error
            }
            RentLedgerLine? line = null;
            string? why;
            if (text.Count(c => c == '"') % 2 == 1)
            {
                why = "Et anførselstegn (\") er ikke lukket på linjen.";
            }
            else
            {
                var raw = Fields(text, config) ?? [];
                var fields = Enumerable.Range(0, Math.Max(raw.Length, Columns.Length)).Select(f => f < raw.Length ? raw[f].Trim() : "").ToArray();
                (line, why) = Parse(fields, rules);
                if (line is not null && !seen.Add((line.TenancyId, line.Period)))
                {
                    (line, why) = (null, "Samme leieforhold og periode står på en tidligere linje i filen.");
                }
            }
            if (line is null)
            {
                rejections.Add(new RentImportRejection { Id = Guid.CreateVersion7(), ImportId = importId, Row = number, Reason = why! });
            }
            else
            {
                rows.Add(new Row(number, line));
            }
        }
        import.TotalRows = rows.Count + rejections.Count;
        import.Rejected = rejections.Count;
        db.RentImportRejections.AddRange(rejections);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var touched = new HashSet<string>();
        var (added, updated, unchanged) = (0, 0, 0);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var tenancies = batch.Select(r => r.Line.TenancyId).Distinct().ToList();
            var periods = batch.Select(r => r.Line.Period).Distinct().ToList();
            var existing = (await db.RentLedgerLines.Where(l => tenancies.Contains(l.TenancyId) && periods.Contains(l.Period)).ToListAsync(ct))
                .ToDictionary(l => (l.TenancyId, l.Period));
            foreach (var row in batch)
            {
                var line = row.Line;
                if (existing.TryGetValue((line.TenancyId, line.Period), out var old))
                {
                    if (old.SameAs(line))
                    {
                        unchanged++;
                        continue;
                    }
                    (old.IdentityNumberHash, old.IdentityNumberCipher, old.TenantName, old.Address, old.Postcode) =
                        (line.IdentityNumberHash, vault.Protect(line.IdentityNumberCipher)!, line.TenantName, line.Address, line.Postcode);
                    (old.TenancyStart, old.RentDue, old.Paid, old.Balance, old.PetitionOn, old.ImportId) =
                        (line.TenancyStart, line.RentDue, line.Paid, line.Balance, line.PetitionOn, importId);
                    updated++;
                }
                else
                {
                    line.Id = Guid.CreateVersion7();
                    line.ImportId = importId;
                    // Parse left the number in clear in the cipher field; it is encrypted only here, for what is stored.
                    line.IdentityNumberCipher = vault.Protect(line.IdentityNumberCipher)!;
                    db.RentLedgerLines.Add(line);
                    added++;
                }
                touched.Add(line.TenancyId);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await db.RentImports.Where(i => i.Id == importId).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.ProcessedRows, i => i.ProcessedRows + batch.Length), ct);
        }

        var alerts = await RaiseAlertsAsync(touched, ct);
        await db.RentImports.Where(i => i.Id == importId).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Added, added).SetProperty(i => i.Updated, updated).SetProperty(i => i.Unchanged, unchanged)
            .SetProperty(i => i.AlertsCreated, alerts).SetProperty(i => i.ProcessedRows, rows.Count)
            .SetProperty(i => i.Status, ImportStatus.Done).SetProperty(i => i.FinishedAt, clock.GetUtcNow().UtcDateTime), ct);
        logger.LogInformation("Rent ledger import {ImportId}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected, {Alerts} alerts",
            importId, added, updated, unchanged, rejections.Count, alerts);
    }

    /// <summary>Evaluates each touched tenancy's latest month against its district's rules and raises the alerts not already
    /// raised (one per tenancy, kind and month; none while one of the same kind is open).</summary>
    private async Task<int> RaiseAlertsAsync(HashSet<string> touched, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await db.RentAlertRules.AsNoTracking().ToDictionaryAsync(r => r.DistrictId, ct);
        var raised = new List<RentAlert>();
        var matched = new HashSet<Guid>();
        foreach (var chunk in touched.Chunk(BatchSize))
        {
            var latest = (await db.RentLedgerLines.AsNoTracking().Where(l => chunk.Contains(l.TenancyId)).ToListAsync(ct))
                .GroupBy(l => l.TenancyId).Select(g => g.MaxBy(l => l.Period)!).ToList();
            var hashes = latest.Select(l => l.IdentityNumberHash).Distinct().ToList();
            var residents = await db.Residents.Where(r => r.IdentityNumberHash != null && hashes.Contains(r.IdentityNumberHash))
                .Select(r => new { r.Id, r.IdentityNumberHash }).ToListAsync(ct);
            var residentIds = residents.Select(r => r.Id).ToList();
            var enrolments = await db.Enrolments.Where(e => residentIds.Contains(e.ResidentId) && e.End == null)
                .Select(e => new { e.ResidentId, e.DistrictId, e.ContactPersonId }).ToListAsync(ct);
            var existing = await db.RentAlerts.Where(a => chunk.Contains(a.TenancyId)).Select(a => new { a.TenancyId, a.Kind, a.Period, a.IsOpen }).ToListAsync(ct);
            foreach (var line in latest)
            {
                var resident = residents.FirstOrDefault(r => r.IdentityNumberHash == line.IdentityNumberHash);
                var enrolment = resident is null ? null : enrolments.FirstOrDefault(e => e.ResidentId == resident.Id);
                var district = enrolment?.DistrictId ?? await routing.DistrictOfAsync(line.Postcode);
                var rule = district is { } d && rules.TryGetValue(d, out var own) ? own : RentAlertRule.Defaults(district ?? Guid.Empty);
                foreach (var (kind, reason) in rule.Evaluate(line))
                {
                    if (existing.Any(a => a.TenancyId == line.TenancyId && a.Kind == kind && (a.IsOpen || a.Period == line.Period)))
                    {
                        continue;
                    }
                    if (resident is not null)
                    {
                        matched.Add(resident.Id);
                    }
                    raised.Add(new RentAlert
                    {
                        Id = Guid.CreateVersion7(),
                        TenancyId = line.TenancyId,
                        Period = line.Period,
                        Kind = kind,
                        Reason = reason,
                        TenantName = line.TenantName,
                        Address = line.Address,
                        DistrictId = district,
                        ResidentId = resident?.Id,
                        AssignedToId = enrolment?.ContactPersonId,
                        RaisedAt = now,
                        DueAt = now.AddDays(kind == RentAlertKind.Petition ? rule.PetitionDeadlineDays : rule.DeadlineDays),
                    });
                }
            }
        }
        if (raised.Count == 0)
        {
            return 0;
        }
        db.RentAlerts.AddRange(raised);
        await NotifyAsync(raised, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // The import read these residents (to route their alerts to the person who follows them up).
        var system = new CaseActor(Guid.Empty, System, "", null, "", null, null);
        await access.LogAsync(matched.Select(id => ResidentAccess.Entry(system, id, AccessActions.RentMatch, AccessOutcome.Granted)).ToList(), ct);
        return raised.Count;
    }

    /// <summary>One mail per contact person and per district's team leaders, with how many and where, never who.</summary>
    private async Task NotifyAsync(List<RentAlert> raised, CancellationToken ct)
    {
        foreach (var group in raised.Where(a => a.AssignedToId is not null).GroupBy(a => a.AssignedToId!.Value))
        {
            var person = await db.Users.AsNoTracking().Where(u => u.Id == group.Key && u.IsActive).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
            if (person?.Email is { } email)
            {
                outbox.Queue(email, person.DisplayName, "Nye varsler om husleie eller utkastelse",
                    $"Du har {group.Count()} nye varsler for brukere du følger opp.\n\nSe dem: {outbox.Link("/concerns/alerts")}", "rent-alert");
            }
        }
        foreach (var group in raised.Where(a => a.AssignedToId is null).GroupBy(a => a.DistrictId ?? ConcernCases.CentralDesk))
        {
            foreach (var leader in await People.ActiveTeamLeaders(db, group.Key).Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct))
            {
                outbox.Queue(leader.Email!, leader.DisplayName, "Nye varsler om husleie eller utkastelse",
                    $"{group.Count()} nye varsler gjelder leietakere som ikke er i oppfølging.\n\nSe dem: {outbox.Link("/concerns/alerts")}", "rent-alert");
            }
        }
    }

    private static string[]? Fields(string line, CsvConfiguration config)
    {
        using var reader = new StringReader(line);
        using var parser = new CsvParser(reader, config);
        return parser.Read() ? parser.Record : null;
    }

    /// <summary>One row as a ledger line (identity number still in clear, in the cipher field), or why it is refused.</summary>
    private (RentLedgerLine? Line, string? Why) Parse(string[] f, IdentityNumberRules rules)
    {
        if (f.Skip(Columns.Length).Any(x => x.Length > 0))
        {
            return (null, $"Linjen har flere felt enn formatets {Columns.Length}.");
        }
        if (f[0].Length is 0 or > 40 || !f[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/'))
        {
            return (null, "«leieforhold» må være 1–40 tegn: bokstaver, sifre, - _ /.");
        }
        if (!IdentityNumber.TryParse(f[1], rules, out var number, out _))
        {
            return (null, "«fodselsnummer» er ikke et gyldig fødselsnummer eller D-nummer.");
        }
        if (f[2].Length is 0 or > 200)
        {
            return (null, "«navn» må være 1–200 tegn.");
        }
        if (f[3].Length is 0 or > 300)
        {
            return (null, "«adresse» må være 1–300 tegn.");
        }
        if (f[4].Length != 4 || !f[4].All(char.IsAsciiDigit))
        {
            return (null, "«postnummer» må ha fire sifre.");
        }
        if (!TryDate(f[5], out var start))
        {
            return (null, "«leieforhold_fra» må være en dato (dd.mm.åååå eller åååå-mm-dd).");
        }
        if (!DateOnly.TryParseExact(f[6] + "-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var period) || f[6].Length != 7)
        {
            return (null, "«periode» må være år og måned som åååå-mm.");
        }
        if (!TryAmount(f[7], out var rent) || rent < 0)
        {
            return (null, "«husleie» må være et beløp på 0 eller mer.");
        }
        if (!TryAmount(f[8], out var paid) || paid < 0)
        {
            return (null, "«innbetalt» må være et beløp på 0 eller mer.");
        }
        if (!TryAmount(f[9], out var balance))
        {
            return (null, "«saldo» må være et beløp (negativt når leietakeren har betalt for mye).");
        }
        DateOnly? petition = null;
        if (f[10].Length > 0)
        {
            if (!TryDate(f[10], out var on))
            {
                return (null, "«begjaering_fravikelse» må være tom eller en dato.");
            }
            petition = on;
        }
        if (start > period.AddMonths(1))
        {
            return (null, "«leieforhold_fra» er etter perioden linjen gjelder.");
        }
        return (new RentLedgerLine
        {
            TenancyId = f[0],
            Period = f[6],
            IdentityNumberHash = vault.Hash(number.Value)!,
            IdentityNumberCipher = number.Value,
            TenantName = f[2],
            Address = f[3],
            Postcode = f[4],
            TenancyStart = start,
            RentDue = rent,
            Paid = paid,
            Balance = balance,
            PetitionOn = petition,
        }, null);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["dd.MM.yyyy", "yyyy-MM-dd"], Invariant, DateTimeStyles.None, out date);

    /// <summary>Amounts as a Norwegian spreadsheet writes them ("12 500,50") or with a decimal point.</summary>
    private static bool TryAmount(string text, out decimal amount)
    {
        var cleaned = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(",", ".", StringComparison.Ordinal);
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out amount) && Math.Abs(amount) < 100_000_000;
    }

    private async Task FailAsync(RentImport import, string error, CancellationToken ct)
    {
        import.Status = ImportStatus.Failed;
        import.Error = error;
        import.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
