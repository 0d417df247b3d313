using Husly.Common;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.Residents;
using Husly.Features.Outcomes;

namespace Husly.Features.Casework;

/// <summary>What the results computation knows of one enrolment: its period and how it was organised.</summary>
public sealed record EnrolmentSpan(DateOnly Start, DateOnly? End, Guid DistrictId, Guid? ProjectId, FollowUpCategory Category, OrganisationForm Form);

/// <summary>One enrolment with the hours its decisions granted and the hours delivered on it.</summary>
public sealed record EnrolmentHistory(EnrolmentSpan Span, IReadOnlyList<GrantedHours> Grants, IReadOnlyList<(DateOnly Date, double Hours)> Delivered);

/// <summary>A resident's history as the results computation reads it.</summary>
public sealed record ResidentHistory(DateOnly BirthDate, IReadOnlyList<LivingSituationPeriod> Living, IReadOnlyList<DateOnly> Evictions);

/// <summary>The rules for each measure of issue 13: one de-identified record per person and calendar year of follow-up, up
/// to <c>asOf</c>. Plain functions, so the tests can work the expected values out by hand (ADR 15).</summary>
public static class OutcomeMeasures
{
    public static Housing Map(LivingSituationKind kind) => kind switch
    {
        LivingSituationKind.Institution => Housing.Institution,
        LivingSituationKind.Prison => Housing.Prison,
        LivingSituationKind.TemporaryAccommodation => Housing.Temporary,
        LivingSituationKind.WithFriends => Housing.WithFriends,
        LivingSituationKind.Homeless => Housing.Homeless,
        LivingSituationKind.MunicipalRental => Housing.MunicipalRental,
        LivingSituationKind.PrivateRental => Housing.PrivateRental,
        _ => Housing.OwnHome,
    };

    /// <summary>One record per calendar year the person was followed up, up to <paramref name="asOf"/>: the unit is the
    /// person, so a figure "resting on 5 persons" is 5 people (ADR 15). Two follow-ups in one year (a transfer, a new
    /// category) make one record: district, project, category and organisation form of the one that ran last in the
    /// year; days counted once over the time under follow-up; hours from both.</summary>
    public static IEnumerable<OutcomeRecord> Records(IReadOnlyList<EnrolmentHistory> enrolments, ResidentHistory history, DateOnly asOf)
    {
        var spans = enrolments.Select(e => (e, Last: e.Span.End is { } end && end < asOf ? end : asOf)).Where(x => x.e.Span.Start <= x.Last).ToList();
        if (spans.Count == 0)
        {
            yield break;
        }
        var living = history.Living.OrderBy(p => p.Start).ToList();
        for (var year = spans.Min(x => x.e.Span.Start.Year); year <= spans.Max(x => x.Last.Year); year++)
        {
            var (jan1, dec31) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var inYear = spans.Where(x => x.e.Span.Start <= dec31 && x.Last >= jan1)
                .Select(x => (x.e, From: Max(x.e.Span.Start, jan1), To: Min(x.Last, dec31))).ToList();
            if (inYear.Count == 0)
            {
                continue;
            }
            var intervals = Union(inYear.Select(x => (x.From, x.To)));
            var from = intervals[0].From;
            var to = intervals[^1].To;
            var main = inYear.OrderBy(x => x.To).ThenBy(x => x.e.Span.Start).Last().e.Span;
            bool During(DateOnly day) => intervals.Any(i => i.From <= day && day <= i.To);
            int DaysOf(LivingSituationKind kind) => intervals.Sum(i => Days(living, kind, i.From, i.To, asOf));
            yield return new OutcomeRecord
            {
                Year = year,
                DistrictId = main.DistrictId,
                ProjectId = main.ProjectId,
                Category = main.Category,
                OrganisationForm = main.Form,
                AgeBand = HousingRules.BandOf(Age(history.BirthDate, to)),
                HousingAtStart = At(living, from, asOf) is { } s ? Map(s.Kind) : null,
                HousingAtEnd = At(living, to, asOf) is { } e ? Map(e.Kind) : null,
                Settled = living.Any(p => During(p.Start) && HousingRules.IsHome(Map(p.Kind))
                    && Before(living, p) is { } before && !HousingRules.IsHome(Map(before.Kind))),
                HomeMonths = HomeMonths(living, to, asOf),
                Evictions = history.Evictions.Count(During),
                InstitutionDays = DaysOf(LivingSituationKind.Institution),
                PrisonDays = DaysOf(LivingSituationKind.Prison),
                TemporaryDays = DaysOf(LivingSituationKind.TemporaryAccommodation),
                HomelessDays = DaysOf(LivingSituationKind.Homeless),
                PlannedHours = Math.Round(inYear.Sum(x => x.e.Grants.Sum(g => g.HoursPerWeek * Overlap(g.From, g.To ?? DateOnly.MaxValue, x.From, x.To) / 7.0)), 2),
                DeliveredHours = Math.Round(inYear.Sum(x => x.e.Delivered.Where(h => h.Date >= x.From && h.Date <= x.To).Sum(h => h.Hours)), 2),
                FollowUpDays = intervals.Sum(i => i.To.DayNumber - i.From.DayNumber + 1),
            };
        }
    }

    /// <summary>Overlapping or touching periods joined, in order.</summary>
    private static List<(DateOnly From, DateOnly To)> Union(IEnumerable<(DateOnly From, DateOnly To)> periods)
    {
        var joined = new List<(DateOnly From, DateOnly To)>();
        foreach (var p in periods.OrderBy(p => p.From))
        {
            if (joined.Count > 0 && p.From <= joined[^1].To.AddDays(1))
            {
                joined[^1] = (joined[^1].From, Max(joined[^1].To, p.To));
            }
            else
            {
                joined.Add(p);
            }
        }
        return joined;
    }

    /// <summary>The period covering a day; an open period runs to <c>asOf</c>.</summary>
    private static LivingSituationPeriod? At(List<LivingSituationPeriod> living, DateOnly day, DateOnly asOf) =>
        living.LastOrDefault(p => p.Start <= day && day <= (p.End ?? asOf));

    /// <summary>Where the person lived last before a period (a gap in the records in between or not).</summary>
    private static LivingSituationPeriod? Before(List<LivingSituationPeriod> living, LivingSituationPeriod period) =>
        living.LastOrDefault(p => p.Start < period.Start);

    /// <summary>Whole months of unbroken home (own or rented, one period straight after the other) up to the day.</summary>
    private static int HomeMonths(List<LivingSituationPeriod> living, DateOnly day, DateOnly asOf)
    {
        var index = living.FindLastIndex(p => p.Start <= day && day <= (p.End ?? asOf));
        if (index < 0 || !HousingRules.IsHome(Map(living[index].Kind)))
        {
            return 0;
        }
        var start = living[index].Start;
        while (index > 0 && HousingRules.IsHome(Map(living[index - 1].Kind)) && living[index - 1].End == living[index].Start.AddDays(-1))
        {
            index--;
            start = living[index].Start;
        }
        var months = ((day.Year - start.Year) * 12) + day.Month - start.Month;
        return start.AddMonths(months) > day ? months - 1 : months;
    }

    private static int Days(List<LivingSituationPeriod> living, LivingSituationKind kind, DateOnly from, DateOnly to, DateOnly asOf) =>
        living.Where(p => p.Kind == kind).Sum(p => Overlap(p.Start, p.End ?? asOf, from, to));

    private static int Overlap(DateOnly aFrom, DateOnly aTo, DateOnly bFrom, DateOnly bTo) =>
        Math.Max(0, Min(aTo, bTo).DayNumber - Max(aFrom, bFrom).DayNumber + 1);

    private static int Age(DateOnly birth, DateOnly on) => on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
