namespace Husly.Features.Outcomes.Costs;

/// <summary>The three scenarios of the sensitivity: low savings and dear staff, the expected, high savings and cheap staff.</summary>
public enum Scenario
{
    Low,
    Expected,
    High,
}

/// <summary>One line of the calculation: how much less of something (negative: more) and what that is worth.</summary>
public sealed record CostLine(CostItem Item, double? Quantity, UnitCost? Unit, string Basis)
{
    /// <summary>What the quantity is worth in a scenario. More of something (a negative quantity) is a cost: the cautious
    /// low scenario then takes the high rate, so "low" is always the least favourable.</summary>
    public double? Value(Scenario s) => Quantity is { } q && Unit is { } u
        ? q * Pick(u, q < 0 ? s switch { Scenario.Low => Scenario.High, Scenario.High => Scenario.Low, _ => s } : s)
        : null;

    internal static int Pick(UnitCost u, Scenario s) => s switch { Scenario.Low => u.Low, Scenario.High => u.High, _ => u.Expected };
}

/// <summary>The figures the calculator reads for one year: all published (suppressed) figures, null where hidden.</summary>
public sealed record YearFigures(double? Persons, double? InstitutionDays, double? PrisonDays, double? TemporaryDays, double? Evicted, double? DeliveredHours);

/// <summary>Cost of the follow-up against the costs it avoided (issue 13 §3). What is avoided is counted against the
/// baseline year: had the people followed up this year spent as many institution days (prison days, hostel nights,
/// evictions) per person as those followed up in the baseline year, this many more would have been spent. Estimates Husly
/// cannot measure (specialist-health days, months of social assistance) can be added by hand. Works only on published
/// figures, so it can show nothing the dashboards hide.</summary>
public static class CostBenefit
{
    public sealed record Result(IReadOnlyList<CostLine> Avoided, CostLine Staff, double OtherCost, double? Persons)
    {
        /// <summary>The sum of what could be valued; null when nothing could (every figure hidden or every rate missing).</summary>
        public double? AvoidedTotal(Scenario s) => Avoided.Any(a => a.Value(s) is not null) ? Avoided.Where(a => a.Value(s) is not null).Sum(a => a.Value(s)!.Value) : null;

        /// <summary>Lines left out of the sum: a hidden figure or a missing rate.</summary>
        public bool Incomplete => Avoided.Any(a => a.Value(Scenario.Expected) is null);

        /// <summary>Staff at the high rate in the low scenario and the low rate in the high one: the low scenario is the
        /// cautious one on both sides.</summary>
        public double? Cost(Scenario s) => Staff.Quantity is { } hours && Staff.Unit is { } u
            ? (hours * CostLine.Pick(u, s switch { Scenario.Low => Scenario.High, Scenario.High => Scenario.Low, _ => Scenario.Expected })) + OtherCost
            : null;

        public double? Net(Scenario s) => Cost(s) is { } c && AvoidedTotal(s) is { } a ? a - c : null;

        public double? PerPerson(double? amount) => amount is { } a && Persons is > 0 and { } p ? a / p : null;

        /// <summary>Kroner avoided for each krone spent.</summary>
        public double? Ratio(Scenario s) => Cost(s) is > 0 and { } c && AvoidedTotal(s) is { } a ? a / c : null;
    }

    public static Result Calculate(YearFigures year, YearFigures baseline, IReadOnlyDictionary<CostItem, UnitCost> units,
        double? specialistDays, double? benefitMonths, double otherCost)
    {
        // Per-person rates in the baseline year, applied to this year's persons: what would have been without the change.
        double? Avoided(Func<YearFigures, double?> measure) =>
            year.Persons is > 0 and { } persons && baseline.Persons is > 0 and { } basePersons && measure(year) is { } now && measure(baseline) is { } then
                ? Math.Round((then / basePersons * persons) - now, 1)
                : null;
        const string perPerson = "Mot utgangsåret, per person";
        var avoided = new List<CostLine>
        {
            new(CostItem.InstitutionDay, Avoided(f => f.InstitutionDays), units.GetValueOrDefault(CostItem.InstitutionDay), perPerson),
            new(CostItem.PrisonDay, Avoided(f => f.PrisonDays), units.GetValueOrDefault(CostItem.PrisonDay), perPerson),
            new(CostItem.TemporaryNight, Avoided(f => f.TemporaryDays), units.GetValueOrDefault(CostItem.TemporaryNight), perPerson),
            new(CostItem.Eviction, Avoided(f => f.Evicted), units.GetValueOrDefault(CostItem.Eviction), perPerson),
        };
        if (specialistDays is { } days)
        {
            avoided.Add(new(CostItem.SpecialistHealthDay, days, units.GetValueOrDefault(CostItem.SpecialistHealthDay), "Eget anslag"));
        }
        if (benefitMonths is { } months)
        {
            avoided.Add(new(CostItem.BenefitMonth, months, units.GetValueOrDefault(CostItem.BenefitMonth), "Eget anslag"));
        }
        return new Result(avoided, new CostLine(CostItem.StaffHour, year.DeliveredHours, units.GetValueOrDefault(CostItem.StaffHour), "Leverte timer"), otherCost, year.Persons);
    }
}
