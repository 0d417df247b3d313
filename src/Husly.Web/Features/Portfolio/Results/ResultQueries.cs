using Husly.Data;
using Husly.Features.Portfolio.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Results;

public static class ResultQueries
{
    /// <summary>The figures that count: numbers from approved reports, for the given indicators.</summary>
    public static IQueryable<ReportedValue> ApprovedValues(HuslyDbContext db, IQueryable<Guid> indicatorIds, int fromYear = 1, int toYear = 9999)
    {
        var (first, last) = (new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31));
        return from v in db.IndicatorValues.AsNoTracking()
               join r in db.StatusReports on v.ReportId equals r.Id
               where r.State == ReportState.Approved && v.Number != null && indicatorIds.Contains(v.IndicatorId) && r.DueOn >= first && r.DueOn <= last
               select new ReportedValue(v.IndicatorId, r.DueOn, v.Category, v.Number!.Value);
    }

    /// <summary>The approved figures of every indicator in the given projects, for a span of years. Filtered by the
    /// report's project rather than by a list of indicator ids, which SQLite would probe once per report.</summary>
    public static IQueryable<ReportedValue> ApprovedValuesOfProjects(HuslyDbContext db, IQueryable<Projects.Project> projects, int fromYear, int toYear)
    {
        var (first, last) = (new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31));
        return from v in db.IndicatorValues.AsNoTracking()
               join r in db.StatusReports on v.ReportId equals r.Id
               where r.State == ReportState.Approved && r.DueOn >= first && r.DueOn <= last && v.Number != null && projects.Any(p => p.Id == r.ProjectId)
               select new ReportedValue(v.IndicatorId, r.DueOn, v.Category, v.Number!.Value);
    }
}
