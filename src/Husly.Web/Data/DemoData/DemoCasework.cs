using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;

namespace Husly.Data.DemoData;

/// <summary>Demo teams and residents in follow-up. Every person is invented and every identity number synthetic
/// (month + 80), so demo data can never point at a real person.</summary>
public static class DemoCasework
{
    public const string TeamGrorud = "Bo-oppfølgingsteamet Grorud";
    public const string FactTeamGrorud = "FACT-team Grorud";
    public const string TeamStovner = "Bo-oppfølgingsteamet Stovner";

    public sealed record Seeded(Resident Resident, List<Enrolment> Enrolments)
    {
        public List<Decision> Decisions { get; } = [];
        public List<DeliveredHours> Hours { get; } = [];
    }

    /// <summary>Named residents the tests and the demo refer to.</summary>
    public static class Named
    {
        public static readonly Guid KariGrorud = DemoIds.For("resident:kari");
        public static readonly Guid ProtectedGrorud = DemoIds.For("resident:protected");
        public static readonly Guid FactGrorud = DemoIds.For("resident:fact");
        public static readonly Guid OlaStovner = DemoIds.For("resident:stovner");
        public static readonly Guid NoIdentityGrorud = DemoIds.For("resident:noid");
        public static readonly Guid EndedGrorud = DemoIds.For("resident:ended");
    }

    public static IEnumerable<Organisation> Teams() =>
    [
        Team(TeamGrorud, "Grorud"), Team(FactTeamGrorud, "Grorud"), Team(TeamStovner, "Stovner"),
    ];

    public static IEnumerable<Seeded> Residents(int count)
    {
        var start = new DateOnly(2026, 1, 5);
        var eva = DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email);
        var per = DemoIds.User(DemoAccounts.CaseWorkerGrorud2.Email);
        var nina = DemoIds.User(DemoAccounts.CaseWorkerGrorudFact.Email);
        var ola = DemoIds.User(DemoAccounts.CaseWorkerStovner.Email);
        var grorud = DemoIds.District("Grorud");
        var stovner = DemoIds.District("Stovner");
        var teamGrorud = DemoIds.Organisation(TeamGrorud);
        var fact = DemoIds.Organisation(FactTeamGrorud);
        var teamStovner = DemoIds.Organisation(TeamStovner);

        var named = new List<Seeded>
        {
            Make(Named.KariGrorud, "Kari", "Testesen", new DateOnly(1990, 1, 1), 1, ProtectionLevel.None,
                [(LivingSituationKind.TemporaryAccommodation, start.AddMonths(-4)), (LivingSituationKind.MunicipalRental, start.AddDays(20))],
                E(grorud, teamGrorud, eva, FollowUpCategory.SupportedHousing, start)),
            Make(Named.ProtectedGrorud, "Sol", "Fjellheim", new DateOnly(1985, 4, 15), 2, ProtectionLevel.StrictlyConfidential,
                [(LivingSituationKind.PrivateRental, start.AddMonths(-1))],
                E(grorud, teamGrorud, per, FollowUpCategory.CaseManagement, start), named: [per]),
            Make(Named.FactGrorud, "Jon", "Prøvesen", new DateOnly(1972, 2, 29), 3, ProtectionLevel.None,
                [(LivingSituationKind.Institution, start.AddMonths(-8)), (LivingSituationKind.MunicipalRental, start)],
                E(grorud, fact, nina, FollowUpCategory.OutreachTeam, start)),
            Make(Named.OlaStovner, "Mona", "Eksempelsen", new DateOnly(2005, 3, 12), 4, ProtectionLevel.None,
                [(LivingSituationKind.WithFriends, start.AddMonths(-2))],
                E(stovner, teamStovner, ola, FollowUpCategory.CriticalTimeIntervention, start)),
            Make(Named.NoIdentityGrorud, "Ukjent", "Fiktivsen", new DateOnly(1979, 6, 1), null, ProtectionLevel.None,
                [(LivingSituationKind.Homeless, start.AddDays(-10))],
                E(grorud, teamGrorud, eva, FollowUpCategory.OutreachTeam, start.AddDays(7))),
            Make(Named.EndedGrorud, "Lise", "Avsluttsen", new DateOnly(1968, 11, 30), 5, ProtectionLevel.None,
                [(LivingSituationKind.OwnHome, start.AddYears(-2))],
                E(grorud, teamGrorud, eva, FollowUpCategory.CaseManagement, start.AddYears(-2), end: start.AddYears(-1))),
        };
        WithDecision(named[0], start.AddDays(14), eva, (ServiceKind.HousingFollowUp, 3), (ServiceKind.PracticalAssistance, 2));
        WithDecision(named[1], start.AddDays(10), per, (ServiceKind.SupportContact, 2));
        WithDecision(named[2], start.AddDays(7), nina, (ServiceKind.HousingFollowUp, 4), (ServiceKind.HomeHealthCare, 2), (ServiceKind.DayActivity, 6));
        WithDecision(named[3], start.AddDays(12), ola, (ServiceKind.Training, 3));
        // named[4] (no identity number) has run for months without a decision: the demo's 14-day task.
        foreach (var seeded in named.Take(count))
        {
            yield return seeded;
        }

        // The rest: plausible, deterministic, spread over the demo teams.
        var random = new Random(2026);
        string[] first = ["Anna", "Bjørn", "Camilla", "David", "Elin", "Fredrik", "Guro", "Hassan", "Ida", "Jakob", "Lene", "Mats", "Nora", "Omar", "Rita", "Tor"];
        string[] last = ["Aasen", "Bråten", "Dalen", "Engen", "Foss", "Haugen", "Jensen", "Kleiven", "Lunde", "Moen", "Nygård", "Olsen", "Rud", "Strand", "Tangen", "Vik"];
        (Guid District, Guid Team, Guid Worker)[] places = [(grorud, teamGrorud, eva), (grorud, teamGrorud, per), (grorud, fact, nina), (stovner, teamStovner, ola)];
        var kinds = Enum.GetValues<LivingSituationKind>();
        var categories = Enum.GetValues<FollowUpCategory>();
        for (var i = named.Count; i < count; i++)
        {
            var birth = new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28));
            var place = places[random.Next(places.Length)];
            var begun = start.AddDays(-random.Next(900));
            var seeded = Make(DemoIds.For("resident:" + i), first[random.Next(first.Length)], last[random.Next(last.Length)], birth,
                10 + i, ProtectionLevel.None,
                [(kinds[random.Next(5)], begun.AddMonths(-3)), (kinds[5 + random.Next(3)], begun.AddDays(random.Next(60)))],
                E(place.District, place.Team, place.Worker, categories[random.Next(categories.Length)], begun));
            if (random.Next(4) > 0)
            {
                WithDecision(seeded, begun.AddDays(5 + random.Next(10)), place.Worker, (ServiceKind.HousingFollowUp, 1 + random.Next(6)));
            }
            yield return seeded;
        }
    }

    /// <summary>A decided decision from a date, and delivered hours for the weeks of September to November 2026
    /// (fixed dates, so the demo is the same every run), a little under what was granted.</summary>
    private static void WithDecision(Seeded seeded, DateOnly from, Guid worker, params (ServiceKind Kind, double Hours)[] services)
    {
        var enrolment = seeded.Enrolments[0];
        var decision = new Decision
        {
            Id = DemoIds.For("decision:" + enrolment.Id),
            EnrolmentId = enrolment.Id,
            Status = DecisionStatus.Decided,
            ValidFrom = from,
            DecidedAt = from.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
            DecidedById = worker,
            Justification = "Brukeren trenger hjelp til å mestre hverdagen i egen bolig og til å holde avtaler med NAV og fastlege.",
        };
        decision.Services.AddRange(services.Select(s => new DecisionService
        {
            Id = DemoIds.For($"service:{decision.Id}:{s.Kind}"),
            DecisionId = decision.Id,
            Kind = s.Kind,
            HoursPerWeek = s.Hours,
        }));
        seeded.Decisions.Add(decision);
        for (var monday = new DateOnly(2026, 8, 31); monday < new DateOnly(2026, 11, 23); monday = monday.AddDays(7))
        {
            foreach (var (kind, hours) in services)
            {
                seeded.Hours.Add(new DeliveredHours
                {
                    Id = DemoIds.For($"hours:{decision.Id}:{kind}:{monday}"),
                    EnrolmentId = enrolment.Id,
                    Kind = kind,
                    Date = monday.AddDays(1 + monday.DayNumber % 3),
                    Hours = Math.Max(0.5, hours - (monday.DayNumber % 4) * 0.5),
                    WorkerId = worker,
                    LoggedAt = monday.AddDays(4).ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc),
                });
            }
        }
    }

    private static Enrolment E(Guid district, Guid team, Guid worker, FollowUpCategory category, DateOnly start, DateOnly? end = null) => new()
    {
        DistrictId = district,
        TeamId = team,
        ContactPersonId = worker,
        Category = category,
        OrganisationForm = category == FollowUpCategory.OutreachTeam ? OrganisationForm.Team : OrganisationForm.EarmarkedPositions,
        Start = start,
        End = end,
        EndReason = end is null ? null : EnrolmentEndReason.GoalsReached,
    };

    private static Seeded Make(Guid id, string firstName, string lastName, DateOnly birth, int? serial, ProtectionLevel protection,
        (LivingSituationKind Kind, DateOnly Start)[] living, Enrolment enrolment, Guid[]? named = null)
    {
        var resident = new Resident
        {
            Id = id,
            FirstName = firstName,
            LastName = lastName,
            BirthDate = birth,
            IdentityNumber = serial is { } s ? SyntheticNumber(birth, s) : null,
            Protection = protection,
            Phone = serial is null ? null : $"9{(serial.Value * 7919) % 10_000_000:0000000}",
        };
        resident.Normalise();
        for (var i = 0; i < living.Length; i++)
        {
            resident.LivingSituations.Add(new LivingSituationPeriod
            {
                Id = DemoIds.For($"living:{id}:{i}"),
                ResidentId = id,
                Kind = living[i].Kind,
                Start = living[i].Start,
                End = i + 1 < living.Length ? living[i + 1].Start.AddDays(-1) : null,
            });
        }
        resident.NamedWorkers.AddRange((named ?? []).Select(u => new ResidentNamedWorker { ResidentId = id, UserId = u }));
        enrolment.Id = DemoIds.For("enrolment:" + id);
        enrolment.ResidentId = id;
        return new Seeded(resident, [enrolment]);
    }

    /// <summary>A synthetic number for the birth date; the serial picks among the individual numbers that have valid check digits.</summary>
    private static string SyntheticNumber(DateOnly birth, int serial)
    {
        var low = birth.Year >= 2000 ? 500 : 0;
        var found = 0;
        for (var individual = low; individual < low + 500; individual++)
        {
            if (IdentityNumber.Synthetic(birth, individual) is { } number && found++ == serial % 200)
            {
                return number;
            }
        }
        throw new InvalidOperationException("No synthetic identity number for " + birth);
    }

    private static Organisation Team(string name, string district) =>
        new() { Id = DemoIds.Organisation(name), Name = name, Kind = OrganisationKind.Team, ParentId = DemoIds.District(district) };
}
