using Husly.Data;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Catalogue;

public sealed record SpreadRow(string County, string Municipality, string? District, AdoptionStatus Status, DateOnly AdoptedOn);

public sealed record AdopterResult(string Municipality, string? District, string Indicator, int Year, string Value);

/// <summary>Everything a solution's page shows, read once: the solution with names resolved, where it has spread and
/// what adopters report. Holds only what may be public.</summary>
public sealed record SolutionView(
    Solution Solution, string Municipality, string County, string? District, IReadOnlyList<string> TargetGroups,
    string? ProjectName, IReadOnlyList<SpreadRow> Spread, IReadOnlyList<AdopterResult> AdopterResults)
{
    public static async Task<SolutionView?> LoadAsync(HuslyDbContext db, Guid id, CancellationToken ct)
    {
        var s = await db.Solutions.AsNoTracking().AsSplitQuery()
            .Include(x => x.Municipality).Include(x => x.District)
            .Include(x => x.Indicators).Include(x => x.Lessons).Include(x => x.TargetGroups).ThenInclude(t => t.TargetGroup)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return null;
        }
        var project = s.ProjectId is { } pid ? await db.Projects.Where(p => p.Id == pid).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var spread = await db.Adoptions.AsNoTracking().Where(a => a.SolutionId == id)
            .Select(a => new SpreadRow(a.Municipality!.CountyName, a.Municipality.Name, a.District == null ? null : a.District.Name, a.Status, a.AdoptedOn))
            .ToListAsync(ct);
        var results = await (from r in db.AdoptionResults.AsNoTracking()
                             join a in db.Adoptions on r.AdoptionId equals a.Id
                             join i in db.SolutionIndicators on r.IndicatorId equals i.Id
                             where a.SolutionId == id
                             select new AdopterResult(a.Municipality!.Name, a.District == null ? null : a.District.Name, i.Name, r.Year, r.Value))
            .ToListAsync(ct);
        var nb = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false);
        return new SolutionView(s, s.Municipality!.Name, s.Municipality.CountyName, s.District?.Name,
            s.TargetGroups.OrderBy(t => t.TargetGroup!.SortOrder).Select(t => t.TargetGroup!.Name).ToList(), project,
            spread.OrderBy(r => r.County, nb).ThenBy(r => r.Municipality, nb).ThenBy(r => r.District, nb).ToList(),
            results.OrderBy(r => r.Indicator, nb).ThenBy(r => r.Year).ThenBy(r => r.Municipality, nb).ToList());
    }

    /// <summary>Adopters per county, for the chart and its table.</summary>
    public IReadOnlyList<(string County, int Count)> ByCounty =>
        Spread.GroupBy(r => r.County).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
}
