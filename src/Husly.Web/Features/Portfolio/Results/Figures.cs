namespace Husly.Features.Portfolio.Results;

/// <summary>One reported figure: an indicator's value in one category of one approved report.</summary>
public sealed record ReportedValue(Guid IndicatorId, DateOnly DueOn, string Category, decimal Number);

/// <summary>How reported figures become a year's figure, written once for the indicator page and the programme report.
/// A report's figure is the sum of its categories (a percentage: their mean). A year's figure is the sum of its reports'
/// figures when each counts only its own period, or the last report's figure when values are running totals or levels
/// (a percentage is always a level). Across projects sharing a definition, figures add up (percentages: their mean).</summary>
public static class Figures
{
    public static decimal ReportFigure(IndicatorUnit unit, IEnumerable<decimal> categories)
    {
        var list = categories.ToList();
        return unit == IndicatorUnit.Percent ? list.Average() : list.Sum();
    }

    public static bool IsLevel(IndicatorUnit unit, bool cumulative) => cumulative || unit == IndicatorUnit.Percent;

    /// <summary>Year → figure, from the approved values of one indicator.</summary>
    public static Dictionary<int, decimal> ByYear(IndicatorUnit unit, bool cumulative, IEnumerable<ReportedValue> values)
    {
        var perReport = values.GroupBy(v => v.DueOn).Select(g => (DueOn: g.Key, Figure: ReportFigure(unit, g.Select(v => v.Number)))).OrderBy(x => x.DueOn);
        return perReport.GroupBy(x => x.DueOn.Year).ToDictionary(g => g.Key,
            g => IsLevel(unit, cumulative) ? g.Last().Figure : g.Sum(x => x.Figure));
    }

    public static decimal Combine(IndicatorUnit unit, IReadOnlyCollection<decimal> projectFigures) =>
        unit == IndicatorUnit.Percent ? projectFigures.Average() : projectFigures.Sum();

    /// <summary>How far the figure has come from baseline towards target, as a share (1 = target met); null when the
    /// target equals the baseline or a number is missing.</summary>
    public static double? Progress(decimal? baseline, decimal? target, decimal? actual) =>
        actual is { } a && target is { } t && (baseline ?? 0) != t ? ((double)a - (double)(baseline ?? 0)) / ((double)t - (double)(baseline ?? 0)) : null;
}
