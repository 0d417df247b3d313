using Husly.Data;
using Husly.Features.Casework.Residents;
using Husly.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Casework.Access;

/// <summary>What the access log tells: a resident's "who has looked at me" and the privacy officer's search. Reading
/// it is itself logged.</summary>
public sealed class AccessReports(HuslyDbContext db, ResidentAccess access, IdentityNumberVault numbers)
{
    public sealed record AccessReport(Guid ResidentId, string Name, string MaskedIdentity, DateOnly BirthDate, IReadOnlyList<AccessLogEntry> Entries);

    /// <summary>"Who has looked at my record" (Normen): every logged read of the resident's data. A worker gets it for a
    /// resident they may see; the privacy officer for anyone. Fetching it is itself logged.</summary>
    public async Task<AccessReport?> AccessReportAsync(Guid residentId, CancellationToken ct)
    {
        var a = access.Actor;
        var mayRead = a.Role == Roles.PrivacyOfficer
            || (a.WorksWithResidents && (await access.Visible(a).AnyAsync(r => r.Id == residentId, ct) || await access.ActiveEmergencyAsync(a, residentId, ct) is not null));
        var resident = mayRead
            ? await db.Residents.AsNoTracking().Where(r => r.Id == residentId)
                .Select(r => new { r.Id, Name = r.FirstName + " " + r.LastName, r.IdentityNumberCipher, r.BirthDate }).FirstOrDefaultAsync(ct)
            : null;
        if (resident is null)
        {
            await access.LogAsync([ResidentAccess.Entry(a, residentId, AccessActions.AccessReport, AccessOutcome.Denied)], ct);
            return null;
        }
        var entries = await db.AccessLog.AsNoTracking().Where(e => e.ResidentId == residentId).OrderByDescending(e => e.Sequence).ToListAsync(ct);
        await access.LogAsync([ResidentAccess.Entry(a, residentId, AccessActions.AccessReport, AccessOutcome.Granted)], ct);
        return new AccessReport(resident.Id, resident.Name, Resident.Mask(numbers.Unprotect(resident.IdentityNumberCipher)), resident.BirthDate, entries);
    }

    public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? User, string? IdentityNumber, AccessOutcome? Outcome, int Page = 1);

    public sealed record AuditRow(AccessLogEntry Entry, string? ResidentName);

    public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasMore)
    {
        public int First => (Page - 1) * AuditPageSize + 1;
    }

    public const int AuditPageSize = 200;

    /// <summary>The privacy officer's search in the access log. Residents named in the result are logged as reviewed.</summary>
    public async Task<AuditPage> AuditSearchAsync(AuditFilter filter, CancellationToken ct)
    {
        var a = access.Actor;
        if (a.Role != Roles.PrivacyOfficer)
        {
            return new AuditPage([], 1, false);
        }
        var query = db.AccessLog.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim().ToLowerInvariant();
            // Translated to SQL lower(...) LIKE on both databases; the analyzers' culture advice is for .NET strings.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(e => e.UserName.ToLower().Contains(user));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (!string.IsNullOrWhiteSpace(filter.IdentityNumber))
        {
            var hash = numbers.Hash(filter.IdentityNumber.Replace(" ", "", StringComparison.Ordinal));
            var ids = db.Residents.Where(r => r.IdentityNumberHash == hash).Select(r => (Guid?)r.Id);
            query = query.Where(e => ids.Contains(e.ResidentId));
        }
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        // Newest first, a page at a time; one row more than a page tells whether there are more.
        var page = Math.Max(1, filter.Page);
        var entries = await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * AuditPageSize).Take(AuditPageSize + 1).ToListAsync(ct);
        var hasMore = entries.Count > AuditPageSize;
        entries = entries.Take(AuditPageSize).ToList();
        var residentIds = entries.Where(e => e.ResidentId != null).Select(e => e.ResidentId!.Value).Distinct().ToList();
        var names = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id))
            .Select(r => new { r.Id, Name = r.FirstName + " " + r.LastName }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        await access.LogAsync(names.Keys.Select(id => ResidentAccess.Entry(a, id, AccessActions.Review, AccessOutcome.Granted, "Personvernkontroll")).ToList(), ct);
        return new AuditPage(entries.Select(e => new AuditRow(e, e.ResidentId is { } id && names.TryGetValue(id, out var name) ? name : null)).ToList(), page, hasMore);
    }
}
