using Husly.Features.Calls;
using Husly.Features.Calls.Applications;
using Husly.Features.Calls.Assessment;
using Husly.Features.Calls.Awards;
using Husly.Platform.Localization;

namespace Husly.Data.DemoData;

/// <summary>The cycle at every stage: last year's call with reviewed, awarded and rejected applications (the awards fund
/// the seeds' BOSin projects), and in this year's open call a draft, one waiting for the district director, and one in
/// assessment with a review still to come.</summary>
public static class DemoApplications
{
    public sealed record Seed(List<Application> Applications, List<ApplicationEvent> Events, List<Review> Reviews, List<FundingDecision> Decisions, long AwardedLastYear);

    /// <summary>Many submitted applications from the districts, each reviewed by two reviewers, for benchmarks.</summary>
    public static Seed Generated(int count, DateTime utcNow)
    {
        var seed = new Seed([], [], [], [], 0);
        var year = DateOnly.FromDateTime(Format.ToOslo(utcNow)).Year + 1;
        var districts = ReferenceData.Districts;
        for (var i = 0; i < count; i++)
        {
            var a = Add(seed, DemoCalls.NextYear, $"Søknad {i + 1:0000}", "Bydel " + districts[i % districts.Count], DemoAccounts.LeadGrorud, 100_000 + (i % 40) * 25_000, year,
                "Generert for ytelsestest.", ApplicationStage.InAssessment, utcNow.AddDays(-20));
            a.SubmittedAt = utcNow.AddDays(-10);
            Review(seed, DemoCalls.NextYear, a, DemoAccounts.BosoManager, [i % 6, (i + 1) % 6, (i + 2) % 6, (i + 3) % 6], utcNow.AddDays(-5));
            Review(seed, DemoCalls.NextYear, a, DemoAccounts.Owner, [(i + 2) % 6, i % 6, (i + 1) % 6, 3], utcNow.AddDays(-4));
        }
        return seed;
    }

    public static Seed All(DateTime utcNow)
    {
        var seed = new Seed([], [], [], [], 0);
        var lastYear = DemoCalls.LastYear;
        var nextYear = DemoCalls.NextYear;
        var year = DateOnly.FromDateTime(Format.ToOslo(utcNow)).Year;
        var earlier = utcNow.AddYears(-1);

        // Last year's call: two awarded (they became the projects), one rejected.
        var husrom = Add(seed, lastYear, "Husrom-hjerterom", "Bydel Frogner", DemoAccounts.LeadFrogner, 900_000, year,
            "Overgangen fra institusjon til egen bolig bryter ofte sammen for personer med ROP-lidelser.", ApplicationStage.Decided, earlier);
        var botrygt = Add(seed, lastYear, "BoTrygt", "Bydel Grorud", DemoAccounts.LeadGrorud, 700_000, year,
            "Eldre som ikke ber om hjelp, blir ofte oppdaget først når problemene er store.", ApplicationStage.Decided, earlier);
        var husleie = Add(seed, lastYear, "Digital husleieoppfølging", "Bydel Frogner", DemoAccounts.DirectorFrogner, 1_200_000, year,
            "Husleierestanser oppdages sent.", ApplicationStage.Decided, earlier);
        foreach (var (app, scores) in new[] { (husrom, new[] { 5, 4, 4, 5 }), (botrygt, new[] { 4, 5, 3, 4 }), (husleie, new[] { 2, 2, 3, 2 }) })
        {
            Review(seed, lastYear, app, DemoAccounts.BosoManager, scores, earlier.AddDays(16));
            Review(seed, lastYear, app, DemoAccounts.Owner, [.. scores.Select(s => Math.Max(0, s - 1))], earlier.AddDays(18));
        }
        var awardedAt = earlier.AddDays(20);
        seed.Decisions.Add(Award(husrom, 850_000, DemoIds.Project("Husrom-hjerterom"), year, awardedAt));
        seed.Decisions.Add(Award(botrygt, 700_000, DemoIds.Project("BoTrygt"), year, awardedAt));
        seed.Decisions.Add(new FundingDecision
        {
            Id = DemoIds.For($"decision:{husleie.Id}"),
            ApplicationId = husleie.Id,
            Outcome = DecisionOutcome.Rejected,
            DecidedAt = awardedAt,
            DecidedBy = DemoAccounts.Manager.Name,
            Reason = "Tiltaket er en del av ordinær drift i bydelens økonomitjeneste, og dekkes ikke av programmet. Ta gjerne kontakt om en ny innretning.",
        });
        foreach (var d in seed.Decisions)
        {
            seed.Events.Add(Event(d.ApplicationId, d.DecidedAt, DemoAccounts.Manager.Name, Format.EnumName(d.Outcome)));
        }

        // This year's open call.
        var draft = Add(seed, nextYear, "Nabovarsling for eldre", "Bydel Grorud", DemoAccounts.LeadGrorud, 400_000, year + 1,
            "Naboer ser ofte først at en eldre trenger hjelp, men vet ikke hvem de skal si fra til.", ApplicationStage.Draft, utcNow.AddDays(-5), complete: false);
        var waiting = Add(seed, nextYear, "Bofellesskap for unge", "Bydel Frogner", DemoAccounts.LeadFrogner, 1_100_000, year + 1,
            "Unge som flytter fra barnevernet har få trygge botilbud i bydelen.", ApplicationStage.Draft, utcNow.AddDays(-9));
        waiting.EndorsementRequestedAt = utcNow.AddDays(-2);
        seed.Events.Add(Event(waiting.Id, waiting.EndorsementRequestedAt.Value, DemoAccounts.LeadFrogner.Name, "Sendt til bydelsdirektøren for godkjenning"));
        var assessed = Add(seed, nextYear, "Boveiledning på tvers", "Bydel Grorud", DemoAccounts.DirectorGrorud, 950_000, year + 1,
            "Beboere i kommunale boliger får oppfølging fra mange tjenester som ikke snakker sammen.", ApplicationStage.InAssessment, utcNow.AddDays(-12));
        assessed.SubmittedAt = utcNow.AddDays(-4);
        seed.Events.Add(Event(assessed.Id, assessed.SubmittedAt.Value, DemoAccounts.DirectorGrorud.Name, "Sendt inn"));
        Review(seed, nextYear, assessed, DemoAccounts.Owner, [4, 3, 4, 3], utcNow.AddDays(-1));
        seed.Reviews.Add(new Review { Id = DemoIds.For($"review:{assessed.Id}:{DemoAccounts.BosoManager.Email}"), ApplicationId = assessed.Id, ReviewerId = DemoIds.User(DemoAccounts.BosoManager.Email), AssignedAt = utcNow.AddDays(-3) });
        _ = draft;
        return seed with { AwardedLastYear = 850_000 + 700_000 };
    }

    private static Application Add(Seed seed, Guid call, string title, string unit, DemoAccount owner, long amount, int year, string challenge,
        ApplicationStage stage, DateTime started, bool complete = true)
    {
        var id = DemoIds.For($"application:{call}:{title}");
        var a = new Application
        {
            Id = id,
            CallId = call,
            Title = title,
            LeadUnitId = DemoIds.Organisation(unit),
            Stage = stage,
            Challenge = challenge,
            OwnContribution = amount / 4,
            UserInvolvement = complete ? "Brukerne er med i prosjektgruppen og tester løsningen underveis." : null,
            WhatIsNew = complete ? "En ny måte å organisere samarbeidet på, prøvd ut i liten skala før den spres." : null,
            SubmittedAt = stage == ApplicationStage.Decided ? started.AddDays(14) : null,
        };
        a.Members.Add(new ApplicationMember { ApplicationId = id, UserId = DemoIds.User(owner.Email), Role = MemberRole.Owner });
        a.Budget.Add(new ApplicationBudgetLine { Id = DemoIds.For($"{id}:budget:0"), ApplicationId = id, Year = year, Category = BudgetCategory.Salaries, Amount = amount * 3 / 4 });
        a.Budget.Add(new ApplicationBudgetLine { Id = DemoIds.For($"{id}:budget:1"), ApplicationId = id, Year = year, Category = BudgetCategory.UserParticipation, Amount = amount - amount * 3 / 4 });
        if (complete)
        {
            a.TargetGroups.Add(new ApplicationTargetGroup { ApplicationId = id, TargetGroupId = DemoIds.TargetGroup(ReferenceData.TargetGroups[(int)(amount / 100_000 % ReferenceData.TargetGroups.Count)]) });
            for (var q = 0; q < 2; q++)
            {
                a.Answers.Add(new ApplicationAnswer { ApplicationId = id, QuestionId = DemoIds.For($"call:{call}:question:{q}"), Yes = false });
            }
            a.Milestones.Add(new ApplicationMilestone { Id = DemoIds.For($"{id}:milestone:0"), ApplicationId = id, Title = "Oppstart med brukerne", DueOn = new DateOnly(year, 3, 1) });
            a.Risks.Add(new ApplicationRisk { Id = DemoIds.For($"{id}:risk:0"), ApplicationId = id, Description = "For få deltakere", Probability = 2, Consequence = 4, Mitigation = "Rekruttere gjennom NAV og bydelens tjenester" });
        }
        seed.Applications.Add(a);
        seed.Events.Add(Event(id, started, owner.Name, "Påbegynt"));
        if (a.SubmittedAt is { } submitted)
        {
            seed.Events.Add(Event(id, submitted, owner.Name, "Sendt inn"));
        }
        return a;
    }

    private static void Review(Seed seed, Guid call, Application a, DemoAccount reviewer, int[] scores, DateTime at)
    {
        var id = DemoIds.For($"review:{a.Id}:{reviewer.Email}");
        var review = new Review
        {
            Id = id,
            ApplicationId = a.Id,
            ReviewerId = DemoIds.User(reviewer.Email),
            AssignedAt = at.AddDays(-5),
            SubmittedAt = at,
            Recommendation = scores.Average() >= 3.5 ? Recommendation.Award : scores.Average() >= 2.5 ? Recommendation.AwardWithChanges : Recommendation.Reject,
            Comment = "Vurdert etter utlysningens kriterier.",
        };
        for (var i = 0; i < scores.Length; i++)
        {
            review.Scores.Add(new CriterionScore { ReviewId = id, CriterionId = DemoIds.For($"call:{call}:criterion:{i}"), Score = scores[i] });
        }
        seed.Reviews.Add(review);
        seed.Events.Add(Event(a.Id, at, reviewer.Name, "Vurdering levert"));
    }

    private static FundingDecision Award(Application a, long amount, Guid project, int year, DateTime at)
    {
        var id = DemoIds.For($"decision:{a.Id}");
        return new FundingDecision
        {
            Id = id,
            ApplicationId = a.Id,
            Outcome = DecisionOutcome.Awarded,
            Amount = amount,
            ProjectId = project,
            DecidedAt = at,
            DecidedBy = DemoAccounts.Manager.Name,
            Conditions = "Brukerne skal være med i styringsgruppen, og det som læres deles i programmets læringsnettverk.",
            Reports = [new ReportDue { Id = DemoIds.For($"{id}:report:0"), DecisionId = id, DueOn = new DateOnly(year, 6, 30) }, new ReportDue { Id = DemoIds.For($"{id}:report:1"), DecisionId = id, DueOn = new DateOnly(year, 12, 31) }],
        };
    }

    private static ApplicationEvent Event(Guid application, DateTime at, string by, string what) =>
        new() { Id = DemoIds.For($"event:{application}:{what}:{at.Ticks}"), ApplicationId = application, At = at, By = by, What = what };
}
