using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Casework.Access;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Concerns.Access;

/// <summary>A count that may be shown: null when it is hidden (1–4 persons, too few to publish without pointing at someone,
/// or hidden with them so they cannot be worked out).</summary>
public readonly record struct Cell(int? Value)
{
    public bool Suppressed => Value is null;
}

public sealed record DistrictConcernStatistics(
    string District, Cell Received, Cell Closed, Cell Escalated, double? MedianDaysToClaim, double? MedianDaysToFirstContact,
    IReadOnlyDictionary<ConcernOutcome, Cell> Outcomes);

/// <summary>Concerns per district for a year, de-identified: counts, time to first handling and to first contact, and
/// outcomes. Reads every district's concerns but lets only aggregates out: a count of 1–4 is never shown, a row with a
/// small outcome hides all its outcomes (so none can be worked out by subtraction from the closed total), and medians
/// need at least five concerns. The read is logged once.</summary>
public sealed class ConcernStatistics(HuslyDbContext db, ResidentAccess access)
{
    public const int MinimumCell = 5;

    public async Task<IReadOnlyList<DistrictConcernStatistics>> ForYearAsync(int year, CancellationToken ct)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var rows = await db.Concerns.AsNoTracking().Where(c => c.ReportedAt >= from && c.ReportedAt < to)
            .Select(c => new { c.DistrictId, c.ReportedAt, c.ClaimedAt, c.FirstContactAt, c.Outcome, c.Status, c.EscalatedAt })
            .ToListAsync(ct);
        var districts = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.District).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var result = new List<DistrictConcernStatistics>();
        foreach (var district in districts.Select(d => (Id: (Guid?)d.Id, d.Name)).Append((null, "Sentralt mottak")))
        {
            var mine = rows.Where(r => r.DistrictId == district.Id).ToList();
            if (mine.Count == 0 && district.Id is null)
            {
                continue;
            }
            var outcomes = Enum.GetValues<ConcernOutcome>().ToDictionary(o => o, o => mine.Count(r => r.Outcome == o && r.Status == ConcernStatus.Closed));
            result.Add(new DistrictConcernStatistics(
                district.Name,
                Show(mine.Count),
                Show(mine.Count(r => r.Status == ConcernStatus.Closed)),
                Show(mine.Count(r => r.EscalatedAt is not null)),
                Median(mine.Where(r => r.ClaimedAt is not null).Select(r => (r.ClaimedAt!.Value - r.ReportedAt).TotalDays).ToList()),
                Median(mine.Where(r => r.FirstContactAt is not null).Select(r => (r.FirstContactAt!.Value - r.ReportedAt).TotalDays).ToList()),
                Suppress(outcomes)));
        }
        await access.LogAsync([ResidentAccess.Entry(access.Actor, null, AccessActions.ConcernStatistics, AccessOutcome.Granted)], ct);
        return result;
    }

    private static Cell Show(int count) => count is > 0 and < MinimumCell ? new Cell(null) : new Cell(count);

    /// <summary>When any outcome is 1–4, every outcome in the row is hidden: with the closed total shown, hiding only the
    /// small ones (or one more) still lets them be worked out by subtraction.</summary>
    internal static IReadOnlyDictionary<ConcernOutcome, Cell> Suppress(IReadOnlyDictionary<ConcernOutcome, int> counts) =>
        counts.Values.Any(c => c is > 0 and < MinimumCell)
            ? counts.ToDictionary(c => c.Key, _ => new Cell(null))
            : counts.ToDictionary(c => c.Key, c => new Cell(c.Value));

    private static double? Median(List<double> values)
    {
        if (values.Count < MinimumCell)
        {
            return null;
        }
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
