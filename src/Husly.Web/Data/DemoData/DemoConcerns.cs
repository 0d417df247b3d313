using Husly.Features.Concerns;

namespace Husly.Data.DemoData;

/// <summary>Invented concerns for the demo (no real people, addresses made up): Grorud's queue with one escalated past
/// its deadline, one in assessment with Eva Strand, and enough closed ones through the year for the statistics to show
/// numbers; a few in Stovner and Frogner; one at the central desk. The same every run.</summary>
internal static class DemoConcerns
{
    private sealed record Seed(string District, string Person, string Address, string Postcode, string Seen, ConcernUrgency Urgency, ReporterRelation Relation, int DaysAgo);

    private static readonly Seed[] Open =
    [
        new("Grorud", "Eldre mann, 3. etasje", "Ammerudveien 901", "0958", "Han har ikke vært ute på flere uker. Postkassen er full, og det lukter vondt i oppgangen.", ConcernUrgency.Urgent, ReporterRelation.Neighbour, 2),
        new("Grorud", "Kvinne rundt 80", "Romsåsveien 902", "0970", "Hun virker forvirret, har gått ut i tøfler om natten to ganger denne uken.", ConcernUrgency.Soon, ReporterRelation.Shop, 1),
        new("Grorud", "Ektepar i blokk C", "Rødtvetveien 903", "0955", "Husleien er ikke betalt, og de sier de ikke vet hvem de skal spørre.", ConcernUrgency.Normal, ReporterRelation.Landlord, 0),
        new("Stovner", "Mann i 60-årene", "Vestlisvingen 904", "0986", "Høy musikk og krangling om nettene, og han ser ut til å ha gått ned mye i vekt.", ConcernUrgency.Soon, ReporterRelation.Neighbour, 1),
        new("Frogner", "Eldre dame", "Bygdøy allé 905", "0265", "Hjemmetjenesten kommer ikke inn; hun åpner ikke døren for noen.", ConcernUrgency.Urgent, ReporterRelation.HomeCare, 0),
    ];

    private static readonly (ConcernOutcome Outcome, ConcernKind Kind, ConcernSeverity Severity)[] ClosedOutcomes =
    [
        (ConcernOutcome.FollowUp, ConcernKind.SelfNeglect, ConcernSeverity.High), (ConcernOutcome.NoAction, ConcernKind.Disturbance, ConcernSeverity.Low),
        (ConcernOutcome.Referred, ConcernKind.Health, ConcernSeverity.Moderate), (ConcernOutcome.FollowUp, ConcernKind.Isolation, ConcernSeverity.Moderate),
        (ConcernOutcome.NoAction, ConcernKind.Other, ConcernSeverity.Low), (ConcernOutcome.FollowUp, ConcernKind.HousingAtRisk, ConcernSeverity.High),
        (ConcernOutcome.Referred, ConcernKind.Substances, ConcernSeverity.Moderate), (ConcernOutcome.FollowUp, ConcernKind.Finances, ConcernSeverity.Moderate),
        (ConcernOutcome.NoAction, ConcernKind.Isolation, ConcernSeverity.Low), (ConcernOutcome.FollowUp, ConcernKind.SelfNeglect, ConcernSeverity.Critical),
        (ConcernOutcome.FollowUp, ConcernKind.Health, ConcernSeverity.High), (ConcernOutcome.NoAction, ConcernKind.Disturbance, ConcernSeverity.Low),
    ];

    public static IEnumerable<Concern> All(DateTime now)
    {
        var options = new ConcernOptions();
        var eva = DemoAccounts.CaseWorkerGrorud;
        var i = 0;
        foreach (var seed in Open)
        {
            var at = now.AddDays(-seed.DaysAgo).AddHours(-3 - i);
            var concern = New(seed.District, seed.Person, seed.Address, seed.Postcode, seed.Seen, seed.Urgency, seed.Relation, at, options, i++);
            if (seed.Person.StartsWith("Kvinne", StringComparison.Ordinal))
            {
                concern.Claim(DemoIds.User(eva.Email), eva.Name, at.AddHours(5));
                concern.Assess(ConcernSeverity.Moderate, ConcernKind.Health, seed.Urgency, "Bør få hjemmebesøk sammen med hjemmetjenesten.", options.TimeLimit(seed.Urgency),
                    DemoIds.User(eva.Email), eva.Name, at.AddHours(6));
            }
            if (seed.Urgency == ConcernUrgency.Urgent && seed.District == "Grorud")
            {
                concern.EscalatedAt = concern.DueAt.AddMinutes(5);
                concern.Record(ConcernEventKind.Escalated, null, "Husly (fristkontroll)", concern.EscalatedAt.Value, null);
            }
            yield return concern;
        }
        yield return New(null, "Ukjent eldre mann", "ved Tøyen T-bane", "", "Sitter på benken hver dag, tynt kledd, og virker ikke å ha noe sted å gå.",
            ConcernUrgency.Soon, ReporterRelation.Other, now.AddHours(-20), options, i++, relationOther: "Forbipasserende");

        // Closed through the year in Grorud, so the statistics have counts to show.
        for (var n = 0; n < ClosedOutcomes.Length; n++)
        {
            var (outcome, kind, severity) = ClosedOutcomes[n];
            var at = now.AddDays(-20 - (n * 9)).AddHours(-n);
            var concern = New("Grorud", $"Person {n + 1} (demo)", $"Demoveien {910 + n}", "0957", "Naboen er bekymret for at personen ikke klarer seg alene.",
                n % 3 == 0 ? ConcernUrgency.Urgent : ConcernUrgency.Soon, n % 2 == 0 ? ReporterRelation.Neighbour : ReporterRelation.Family, at, options, i++);
            var by = DemoIds.User(eva.Email);
            concern.Claim(by, eva.Name, at.AddHours(4 + n));
            concern.Assess(severity, kind, concern.Urgency, null, options.TimeLimit(concern.Urgency), by, eva.Name, at.AddHours(5 + n));
            concern.RecordContact(ContactKind.HomeVisit, at.AddDays(1 + (n % 4)), null, by, eva.Name, at.AddDays(2 + (n % 4)));
            if (outcome == ConcernOutcome.FollowUp)
            {
                // Following up needs the person linked: the demo's Kari in Grorud stands in for all of them.
                concern.Link(DemoCasework.Named.KariGrorud, by, eva.Name, at.AddDays(2 + (n % 4)).AddHours(1));
            }
            concern.Decide(outcome, "Vurdert etter hjemmebesøk.", outcome == ConcernOutcome.Referred ? "Fastlegen" : null, by, eva.Name, at.AddDays(3 + (n % 4)));
            concern.Close(by, eva.Name, at.AddDays(4 + (n % 4)));
            yield return concern;
        }
    }

    /// <summary>Alerts as an import of the rent ledger would raise them: one for Kari, whom Eva follows up, and one in
    /// Grorud's queue for a tenant not in follow-up.</summary>
    public static IEnumerable<Husly.Features.Concerns.Rent.RentAlert> Alerts(DateTime now) =>
    [
        new()
        {
            Id = DemoIds.For("rent-alert:kari"), TenancyId = "BB-DEMO-0001", Period = "2026-11", Kind = Husly.Features.Concerns.Rent.RentAlertKind.Arrears,
            Reason = "Restanse 27 000 kr (3 måneders husleie) for 2026-11.", TenantName = "Kari Testesen", Address = "Ammerudveien 1", DistrictId = DemoIds.District("Grorud"),
            ResidentId = DemoCasework.Named.KariGrorud, AssignedToId = DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email), RaisedAt = now.AddDays(-2), DueAt = now.AddDays(5),
        },
        new()
        {
            Id = DemoIds.For("rent-alert:petition"), TenancyId = "BB-DEMO-0002", Period = "2026-11", Kind = Husly.Features.Concerns.Rent.RentAlertKind.Petition,
            Reason = "Begjæring om fravikelse sendt 20.11.2026.", TenantName = "Sven Fremmed (demo)", Address = "Romsåsveien 2", DistrictId = DemoIds.District("Grorud"),
            RaisedAt = now.AddDays(-4), DueAt = now.AddDays(-1),
        },
    ];

    private static Concern New(string? district, string person, string address, string postcode, string seen, ConcernUrgency urgency, ReporterRelation relation,
        DateTime at, ConcernOptions options, int n, string? relationOther = null)
    {
        var concern = new Concern
        {
            Id = DemoIds.For("concern:" + n),
            SubmissionId = DemoIds.For("concern-submission:" + n),
            ReceiptHash = ReceiptCode.Hash("DEMO" + n.ToString("00000000", System.Globalization.CultureInfo.InvariantCulture)),
            ReportedAt = at,
            PersonName = person,
            Address = address,
            Postcode = postcode == "" ? null : postcode,
            WhatSeen = seen,
            Urgency = urgency,
            Relation = relation,
            RelationOther = relationOther,
            DistrictId = district is null ? null : DemoIds.District(district),
            DueAt = at + options.TimeLimit(urgency),
        };
        concern.Record(ConcernEventKind.Received, null, "Melder uten innlogging", at, null);
        return concern;
    }
}
