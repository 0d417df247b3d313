using System.Globalization;

namespace Husly.Features.Casework.Decisions;

/// <summary>One ISO week: the hours the decisions grant and the hours logged as delivered.</summary>
public sealed record WeekHours(DateOnly Monday, double Planned, double Delivered)
{
    public int WeekNumber => ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue));

    /// <summary>Delivered as a share of planned, or null when nothing was planned.</summary>
    public double? Share => Planned > 0 ? Delivered / Planned : null;
}

/// <summary>A decision's granted hours in force over a period, as the weekly sum needs it.</summary>
public sealed record GrantedHours(DateOnly From, DateOnly? To, double HoursPerWeek);

public static class PlannedVsDelivered
{
    /// <summary>The decision's hours while it is in force: from its start to its end, or to the day before it was revoked.
    /// Drafts grant nothing.</summary>
    public static GrantedHours? Granted(Decision d) => d.Status switch
    {
        DecisionStatus.Decided or DecisionStatus.Expired => new GrantedHours(d.ValidFrom, d.ValidTo, d.HoursPerWeek),
        DecisionStatus.Revoked when d.RevokedOn is { } revoked && revoked > d.ValidFrom =>
            new GrantedHours(d.ValidFrom, Min(d.ValidTo, revoked.AddDays(-1)), d.HoursPerWeek),
        _ => null,
    };

    /// <summary>Planned and delivered hours per week for the <paramref name="weeks"/> weeks ending with the one holding
    /// <paramref name="today"/>, newest first. A grant counts for the days of each week it covers (prorated).</summary>
    public static IReadOnlyList<WeekHours> Weeks(IEnumerable<GrantedHours> grants, IEnumerable<(DateOnly Date, double Hours)> delivered,
        DateOnly today, int weeks)
    {
        var grantList = grants.ToList();
        var deliveredList = delivered.ToList();
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var result = new List<WeekHours>();
        for (var i = 0; i < weeks; i++)
        {
            var monday = thisMonday.AddDays(-7 * i);
            var sunday = monday.AddDays(6);
            var planned = grantList.Sum(g =>
            {
                var from = g.From > monday ? g.From : monday;
                var to = g.To is { } t && t < sunday ? t : sunday;
                var days = to.DayNumber - from.DayNumber + 1;
                return days <= 0 ? 0 : g.HoursPerWeek * days / 7;
            });
            var done = deliveredList.Where(h => h.Date >= monday && h.Date <= sunday).Sum(h => h.Hours);
            result.Add(new WeekHours(monday, Math.Round(planned, 2), Math.Round(done, 2)));
        }
        return result;
    }

    private static DateOnly? Min(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;
}
