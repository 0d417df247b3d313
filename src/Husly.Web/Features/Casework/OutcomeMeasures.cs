using Husly.Common;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.Residents;
using Husly.Features.Outcomes;

namespace Husly.Features.Casework;

/// <summary>What the results computation knows of one enrolment: its period and how it was organised.</summary>
public sealed record EnrolmentSpan(DateOnly Start, DateOnly? End, Guid DistrictId, Guid? ProjectId, FollowUpCategory Category, OrganisationForm Form);

/// <summary>A resident's history as the results computation reads it.</summary>
public sealed record ResidentHistory(DateOnly BirthDate, IReadOnlyList<LivingSituationPeriod> Living, IReadOnlyList<DateOnly> Evictions);

/// <summary>The rules for each measure of issue 13, on one enrolment: one de-identified record per calendar year it ran,
/// up to <c>asOf</c>. Plain functions, so the tests can work the expected values out by hand (ADR 15).</summary>
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

    public static IEnumerable<OutcomeRecord> Records(EnrolmentSpan enrolment, ResidentHistory history, IReadOnlyList<GrantedHours> grants,
        IReadOnlyList<(DateOnly Date, double Hours)> delivered, DateOnly asOf)
    {
        var last = enrolment.End is { } end && end < asOf ? end : asOf;
        if (enrolment.Start > last)
        {
            yield break;
        }
        var living = history.Living.OrderBy(p => p.Start).ToList();
        for (var year = enrolment.Start.Year; year <= last.Year; year++)
        {
            var from = Max(enrolment.Start, new DateOnly(year, 1, 1));
            var to = Min(last, new DateOnly(year, 12, 31));
            var record = new OutcomeRecord
            {
                Year = year,
                DistrictId = enrolment.DistrictId,
                ProjectId = enrolment.ProjectId,
                Category = enrolment.Category,
                OrganisationForm = enrolment.Form,
                AgeBand = HousingRules.BandOf(Age(history.BirthDate, to)),
                HousingAtStart = At(living, from, asOf) is { } s ? Map(s.Kind) : null,
                HousingAtEnd = At(living, to, asOf) is { } e ? Map(e.Kind) : null,
                Settled = living.Any(p => p.Start >= from && p.Start <= to && HousingRules.IsHome(Map(p.Kind))
                    && At(living, p.Start.AddDays(-1), asOf) is { } before && !HousingRules.IsHome(Map(before.Kind))),
                HomeMonths = HomeMonths(living, to, asOf),
                Evictions = history.Evictions.Count(d => d >= from && d <= to),
                InstitutionDays = Days(living, LivingSituationKind.Institution, from, to, asOf),
                PrisonDays = Days(living, LivingSituationKind.Prison, from, to, asOf),
                TemporaryDays = Days(living, LivingSituationKind.TemporaryAccommodation, from, to, asOf),
                HomelessDays = Days(living, LivingSituationKind.Homeless, from, to, asOf),
                PlannedHours = Math.Round(grants.Sum(g => g.HoursPerWeek * Overlap(g.From, g.To ?? DateOnly.MaxValue, from, to) / 7.0), 2),
                DeliveredHours = Math.Round(delivered.Where(h => h.Date >= from && h.Date <= to).Sum(h => h.Hours), 2),
                FollowUpDays = to.DayNumber - from.DayNumber + 1,
            };
            yield return record;
        }
    }

    /// <summary>The period covering a day; an open period runs to <c>asOf</c>.</summary>
    private static LivingSituationPeriod? At(List<LivingSituationPeriod> living, DateOnly day, DateOnly asOf) =>
        living.LastOrDefault(p => p.Start <= day && day <= (p.End ?? asOf));

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
