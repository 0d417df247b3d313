using Husly.Common;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;
using Husly.Features.Concerns.Rent;

namespace Husly.Data.DemoData;

/// <summary>Invented follow-up histories since 2017 in the districts where the demo has no case workers, so the
/// outcome dashboards have years of figures to show (and small cells to hide) while no demo account sees these people.
/// Deterministic for a given day; no identity numbers.</summary>
public static class DemoOutcomes
{
    public sealed record History(Resident Resident, Enrolment Enrolment, Decision? Decision, List<DeliveredHours> Hours, RentAlert? Eviction);

    /// <summary>Districts that no demo case worker or team leader works in.</summary>
    public static readonly IReadOnlyList<string> Districts = [.. ReferenceData.Districts.Where(d => d is not ("Grorud" or "Stovner"))];

    public static IEnumerable<History> Generate(int count, DateOnly today)
    {
        var random = new Random(13);
        string[] first = ["Anne", "Bjarne", "Cecilie", "Daniel", "Eirin", "Frode", "Gunn", "Henrik", "Inger", "Jonas", "Kristin", "Leif", "Marit", "Nils", "Oda", "Petter"];
        string[] last = ["Andersen", "Berg", "Dahl", "Eriksen", "Fjeld", "Gran", "Hagen", "Iversen", "Johansen", "Karlsen", "Larsen", "Myhre", "Nilsen", "Pedersen", "Sæther", "Wold"];
        LivingSituationKind[] before = [.. Enumerable.Repeat(LivingSituationKind.Institution, 5), .. Enumerable.Repeat(LivingSituationKind.Prison, 2),
            .. Enumerable.Repeat(LivingSituationKind.TemporaryAccommodation, 6), .. Enumerable.Repeat(LivingSituationKind.WithFriends, 3), .. Enumerable.Repeat(LivingSituationKind.Homeless, 4)];
        LivingSituationKind[] homes = [.. Enumerable.Repeat(LivingSituationKind.MunicipalRental, 6), .. Enumerable.Repeat(LivingSituationKind.PrivateRental, 3), LivingSituationKind.OwnHome];
        var categories = Enum.GetValues<FollowUpCategory>();
        var first2017 = new DateOnly(2017, 1, 1);
        var span = today.DayNumber - first2017.DayNumber - 30;
        for (var i = 0; i < count; i++)
        {
            var id = DemoIds.For("history:" + i);
            var district = Districts[random.Next(Districts.Count)];
            var start = first2017.AddDays(random.Next(span));
            DateOnly? end = random.Next(100) < 55 ? start.AddMonths(6 + random.Next(34)) : null;
            if (end >= today)
            {
                end = null;
            }
            var last1 = end ?? today;
            var category = categories[random.Next(categories.Length)];
            var resident = new Resident
            {
                Id = id,
                FirstName = first[random.Next(first.Length)],
                LastName = last[random.Next(last.Length)],
                BirthDate = new DateOnly(1950 + random.Next(57), 1 + random.Next(12), 1 + random.Next(28)),
            };
            resident.Normalise();
            var living = new List<(LivingSituationKind Kind, DateOnly Start)> { (before[random.Next(before.Length)], start.AddMonths(-1 - random.Next(12))) };
            RentAlert? eviction = null;
            if (random.Next(100) < 75)
            {
                var moved = start.AddDays(random.Next(240));
                if (moved <= last1)
                {
                    living.Add((homes[random.Next(homes.Length)], moved));
                    var roll = random.Next(100);
                    var broken = moved.AddMonths(6 + random.Next(24));
                    if (roll < 18 && broken < last1)
                    {
                        living.Add((roll < 6 ? LivingSituationKind.TemporaryAccommodation : LivingSituationKind.Institution, broken));
                        var back = broken.AddMonths(1 + random.Next(4));
                        if (back < last1)
                        {
                            living.Add((homes[random.Next(homes.Length)], back));
                        }
                        if (roll < 6)
                        {
                            eviction = new RentAlert
                            {
                                Id = DemoIds.For("history-eviction:" + i),
                                TenancyId = $"BB-HIST-{i:00000}",
                                Period = broken.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                                Kind = RentAlertKind.Petition,
                                Reason = "Begjæring om fravikelse (historisk demo).",
                                TenantName = resident.FullName,
                                Address = "Eksempelveien " + (1 + i % 200),
                                DistrictId = DemoIds.District(district),
                                ResidentId = id,
                                RaisedAt = broken.AddMonths(-2).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                                DueAt = broken.AddMonths(-2).AddDays(7).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                                IsOpen = false,
                                Outcome = RentAlertOutcome.Evicted,
                                ClosedAt = broken.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
                                ClosedBy = "Demo",
                            };
                        }
                    }
                }
            }
            for (var p = 0; p < living.Count; p++)
            {
                resident.LivingSituations.Add(new LivingSituationPeriod
                {
                    Id = DemoIds.For($"history-living:{i}:{p}"),
                    ResidentId = id,
                    Kind = living[p].Kind,
                    Start = living[p].Start,
                    End = p + 1 < living.Count ? living[p + 1].Start.AddDays(-1) : null,
                });
            }
            var enrolment = new Enrolment
            {
                Id = DemoIds.For("history-enrolment:" + i),
                ResidentId = id,
                DistrictId = DemoIds.District(district),
                // No team: the district's own follow-up, and no demo account's caseload.
                ContactPersonId = DemoIds.User(DemoAccounts.TeamLeaderGrorud.Email),
                Category = category,
                OrganisationForm = category switch
                {
                    FollowUpCategory.OutreachTeam => OrganisationForm.Team,
                    FollowUpCategory.SupportedHousing => random.Next(2) == 0 ? OrganisationForm.Team : OrganisationForm.StaffedHousing,
                    FollowUpCategory.CriticalTimeIntervention => OrganisationForm.EarmarkedPositions,
                    _ => random.Next(3) == 0 ? OrganisationForm.HousingSchool : OrganisationForm.OrdinaryPositions,
                },
                ProjectId = district switch
                {
                    "Alna" or "Gamle Oslo" or "Grünerløkka" or "St. Hanshaugen" when random.Next(2) == 0 => DemoIds.Project("Sammen om bolig"),
                    "Frogner" when random.Next(2) == 0 => DemoIds.Project("Husrom-hjerterom"),
                    _ => null,
                },
                Start = start,
                End = end,
                EndReason = end is null ? null : EnrolmentEndReason.GoalsReached,
            };
            Decision? decision = null;
            var hours = new List<DeliveredHours>();
            if (random.Next(100) < 80)
            {
                var weekly = 2 + random.Next(7);
                var from = start.AddDays(7);
                decision = new Decision
                {
                    Id = DemoIds.For("history-decision:" + i),
                    EnrolmentId = enrolment.Id,
                    Status = DecisionStatus.Decided,
                    ValidFrom = from,
                    ValidTo = end,
                    DecidedAt = from.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
                    DecidedById = enrolment.ContactPersonId,
                    Justification = "Oppfølging i egen bolig (historisk demo).",
                };
                decision.Services.Add(new DecisionService { Id = DemoIds.For("history-service:" + i), DecisionId = decision.Id, Kind = ServiceKind.HousingFollowUp, HoursPerWeek = weekly });
                var share = 0.6 + (random.Next(40) / 100.0);
                // One entry per quarter with the quarter's hours: enough for yearly sums, light to seed.
                for (var quarter = new DateOnly(from.Year, ((from.Month - 1) / 3 * 3) + 1, 1); quarter < last1; quarter = quarter.AddMonths(3))
                {
                    var day = quarter.AddDays(45) < from ? from : quarter.AddDays(45);
                    if (day > last1)
                    {
                        break;
                    }
                    hours.Add(new DeliveredHours
                    {
                        Id = DemoIds.For($"history-hours:{i}:{quarter}"),
                        EnrolmentId = enrolment.Id,
                        Kind = ServiceKind.HousingFollowUp,
                        Date = day,
                        Hours = Math.Round(weekly * 13 * share),
                        WorkerId = enrolment.ContactPersonId,
                        LoggedAt = day.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc),
                    });
                }
            }
            yield return new History(resident, enrolment, decision, hours, eviction);
        }
    }

    /// <summary>Example unit costs, marked as examples: plausible orders of magnitude for the demo, not official rates.</summary>
    public static IEnumerable<Husly.Features.Outcomes.Costs.UnitCost> UnitCosts(DateTime now)
    {
        const string source = "Eksempeltall for demonstrasjon, ikke offisielle satser. Bytt ut med kommunens egne tall (for eksempel KOSTRA, Utenfor-regnskapet eller egne regnskap).";
        (Husly.Features.Outcomes.Costs.CostItem Item, int Low, int Expected, int High)[] figures =
        [
            (Husly.Features.Outcomes.Costs.CostItem.StaffHour, 600, 800, 1_000),
            (Husly.Features.Outcomes.Costs.CostItem.InstitutionDay, 4_000, 6_000, 9_000),
            (Husly.Features.Outcomes.Costs.CostItem.TemporaryNight, 800, 1_200, 1_800),
            (Husly.Features.Outcomes.Costs.CostItem.PrisonDay, 2_500, 3_200, 4_000),
            (Husly.Features.Outcomes.Costs.CostItem.SpecialistHealthDay, 8_000, 12_000, 16_000),
            (Husly.Features.Outcomes.Costs.CostItem.Eviction, 40_000, 80_000, 150_000),
            (Husly.Features.Outcomes.Costs.CostItem.BenefitMonth, 7_000, 9_000, 12_000),
        ];
        return figures.Select(f => new Husly.Features.Outcomes.Costs.UnitCost
        {
            Id = DemoIds.For("unit-cost:" + f.Item),
            Item = f.Item,
            Version = 1,
            PriceYear = now.Year,
            Low = f.Low,
            Expected = f.Expected,
            High = f.High,
            Source = source,
            IsExample = true,
            CreatedAt = now,
            CreatedBy = "Demodata",
        });
    }
}
