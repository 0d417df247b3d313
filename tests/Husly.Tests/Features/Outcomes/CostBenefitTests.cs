using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Outcomes;
using Husly.Features.Outcomes.Costs;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Outcomes;

/// <summary>Issue 13 §3: the calculator's arithmetic worked out by hand, the unit costs versioned with source and year
/// (examples marked), who may add a version, and two people adding one at once.</summary>
[Collection(OutcomeTestGroup.Name)]
public sealed class CostBenefitTests(Apps apps)
{
    private static UnitCost Unit(CostItem item, int low, int expected, int high) =>
        new() { Item = item, Version = 1, PriceYear = 2026, Low = low, Expected = expected, High = high, Source = "Test" };

    [Fact]
    public void The_calculation_counts_what_was_avoided_against_the_baseline_per_person()
    {
        var units = new Dictionary<CostItem, UnitCost>
        {
            [CostItem.StaffHour] = Unit(CostItem.StaffHour, 600, 800, 1000),
            [CostItem.InstitutionDay] = Unit(CostItem.InstitutionDay, 4000, 6000, 9000),
            [CostItem.TemporaryNight] = Unit(CostItem.TemporaryNight, 800, 1200, 1800),
            [CostItem.Eviction] = Unit(CostItem.Eviction, 40000, 80000, 150000),
            [CostItem.SpecialistHealthDay] = Unit(CostItem.SpecialistHealthDay, 8000, 12000, 16000),
        };
        // Baseline: 50 persons, 1000 institution days (20 each), 500 hostel nights (10 each), 5 evicted (0.1 each).
        // This year: 100 persons, 1500 institution days, 600 hostel nights, 4 evicted, 5000 hours delivered; prison hidden.
        var baseline = new YearFigures(50, 1000, 0, 500, 5, 2000);
        var year = new YearFigures(100, 1500, null, 600, 4, 5000);
        var r = CostBenefit.Calculate(year, baseline, units, specialistDays: 10, benefitMonths: null, otherCost: 100_000);

        var byItem = r.Avoided.ToDictionary(a => a.Item);
        Assert.Equal(500, byItem[CostItem.InstitutionDay].Quantity);   // 20 × 100 − 1500
        Assert.Equal(400, byItem[CostItem.TemporaryNight].Quantity);   // 10 × 100 − 600
        Assert.Equal(6, byItem[CostItem.Eviction].Quantity);           // 0.1 × 100 − 4
        Assert.Null(byItem[CostItem.PrisonDay].Quantity);               // hidden this year: left out
        Assert.Equal(10, byItem[CostItem.SpecialistHealthDay].Quantity); // the user's own estimate
        Assert.DoesNotContain(CostItem.BenefitMonth, byItem.Keys);
        Assert.Null(byItem[CostItem.PrisonDay].Value(Scenario.Expected));

        // Expected: 500 × 6000 + 400 × 1200 + 6 × 80000 + 10 × 12000 = 3 000 000 + 480 000 + 480 000 + 120 000.
        Assert.Equal(4_080_000, r.AvoidedTotal(Scenario.Expected));
        // Low: 500 × 4000 + 400 × 800 + 6 × 40000 + 10 × 8000 = 2 640 000.
        Assert.Equal(2_640_000, r.AvoidedTotal(Scenario.Low));
        // Cost: 5000 hours at 800 (expected), at 1000 in the cautious low scenario, at 600 in the high one; plus 100 000.
        Assert.Equal(4_100_000, r.Cost(Scenario.Expected));
        Assert.Equal(5_100_000, r.Cost(Scenario.Low));
        Assert.Equal(3_100_000, r.Cost(Scenario.High));
        Assert.Equal(-20_000, r.Net(Scenario.Expected));
        Assert.Equal(-200, r.PerPerson(r.Net(Scenario.Expected)));
        Assert.Equal(41_000, r.PerPerson(r.Cost(Scenario.Expected)));
        Assert.Equal(4_080_000d / 4_100_000, r.Ratio(Scenario.Expected)!.Value, 6);

        // Hours hidden: no cost, no net; persons hidden: nothing per person.
        var hidden = CostBenefit.Calculate(year with { DeliveredHours = null, Persons = null }, baseline, units, null, null, 0);
        Assert.Null(hidden.Cost(Scenario.Expected));
        Assert.Null(hidden.Net(Scenario.Expected));
        Assert.All(hidden.Avoided, a => Assert.Null(a.Quantity));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Unit_costs_are_versioned_with_source_and_only_the_programme_changes_them(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var page = await manager.GetPageAsync("/outcomes/costs?item=PrisonDay");
        // The demo's figures are examples, and say so.
        Assert.Contains("Eksempeltall", page.QuerySelector("#unit-costs")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".pkt-alert--warning"));
        var before = await app.QueryAsync(d => d.UnitCosts.Where(c => c.Item == CostItem.PrisonDay).MaxAsync(c => c.Version));

        // Letters where a number belongs: a message that says how to write it.
        var letters = await manager.SubmitAsync(page, "form[action*='handler=Add']", new Dictionary<string, string?[]?>
        {
            ["Input.Low"] = ["fem tusen"],
            ["Input.Source"] = ["SSB"],
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, letters.StatusCode);
        Assert.Contains("Lav (kr): skriv et helt tall, bare med sifre.", (await Html.ParseAsync(letters)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        // Low above expected (written as the page writes amounts, with spaces): refused, with what was typed kept.
        var refused = await manager.SubmitAsync(page, "form[action*='handler=Add']", new Dictionary<string, string?[]?>
        {
            ["Input.Low"] = ["5 000"],
            ["Input.Expected"] = ["3000"],
            ["Input.High"] = ["6000"],
            ["Input.Source"] = ["SSB tabell 12345, 2026"],
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.Contains("Lav kan ikke være høyere enn forventet", again.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("SSB tabell 12345, 2026", again.QuerySelector("[name='Input.Source']")!.TextContent.Trim());

        // Another manager saves a version meanwhile: the first one's form is refused, not overwriting it.
        var other = app.ClientFor(DemoAccounts.Owner);
        var otherPage = await other.GetPageAsync("/outcomes/costs?item=PrisonDay");
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitAsync(otherPage, "form[action*='handler=Add']", new Dictionary<string, string?[]?>
        {
            ["Input.Low"] = ["2 600"],
            ["Input.Expected"] = ["3\u00a0300"],
            ["Input.High"] = ["4100"],
            ["Input.Source"] = ["Kriminalomsorgen, årsrapport 2025"],
            ["Input.IsExample"] = null,
        })).StatusCode);
        var stale = await manager.SubmitAsync(page, "form[action*='handler=Add']", new Dictionary<string, string?[]?>
        {
            ["Input.Low"] = ["2000"],
            ["Input.Expected"] = ["3000"],
            ["Input.High"] = ["4000"],
            ["Input.Source"] = ["Mitt anslag"],
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("Noen andre har lagt inn en ny versjon", (await Html.ParseAsync(stale)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        // A version number the form cannot have been shown with (tampered) is not "someone else saved meanwhile".
        var fresh = await manager.GetPageAsync("/outcomes/costs?item=PrisonDay");
        var tampered = await manager.SubmitAsync(fresh, "form[action*='handler=Add']", new Dictionary<string, string?[]?>
        {
            ["Input.BasedOnVersion"] = ["99"],
            ["Input.Source"] = ["Mitt anslag"],
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tampered.StatusCode);
        Assert.Contains("Skjemaet er utdatert eller ødelagt.", (await Html.ParseAsync(tampered)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        // An unknown item in the link preselects nothing and is no error.
        var unknown = await manager.GetAsync("/outcomes/costs?item=Foo");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Null((await Html.ParseAsync(unknown)).QuerySelector("#form-errors"));

        var versions = await app.QueryAsync(d => d.UnitCosts.AsNoTracking().Where(c => c.Item == CostItem.PrisonDay).OrderBy(c => c.Version).ToListAsync());
        Assert.Equal(before + 1, versions[^1].Version);
        Assert.Equal(("Kriminalomsorgen, årsrapport 2025", false, 3300), (versions[^1].Source, versions[^1].IsExample, versions[^1].Expected));
        Assert.True(versions.Count >= 2); // the earlier version is kept

        // Others see the rates but get no form, and a post is refused.
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var leadPage = await lead.GetPageAsync("/outcomes/costs");
        Assert.Null(leadPage.QuerySelector("form[action*='handler=Add']"));
        var token = leadPage.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? (await lead.GetPageAsync("/")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await lead.PostAsync("/outcomes/costs?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Item"] = "PrisonDay",
            ["Input.BasedOnVersion"] = versions[^1].Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.PriceYear"] = "2026",
            ["Input.Low"] = "1",
            ["Input.Expected"] = "1",
            ["Input.High"] = "1",
            ["Input.Source"] = "x",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before + 1, await app.QueryAsync(d => d.UnitCosts.Where(c => c.Item == CostItem.PrisonDay).MaxAsync(c => c.Version)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_calculator_page_shows_the_published_figures_in_three_scenarios_and_names_its_rates(TestDatabase db)
    {
        var app = apps[db];
        // A published run: 2024 baseline (20 persons, 400 institution days), 2025 (40 persons, 300 days, 2000 hours).
        var run = new OutcomeRun { Id = Guid.NewGuid(), Status = OutcomeRunStatus.Completed, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, AsOf = new DateOnly(2025, 12, 31), StartedBy = "Test" };
        var records = Enumerable.Range(0, 20).Select(i => Record(run.Id, 2024, 20, 0))
            .Concat(Enumerable.Range(0, 40).Select(i => Record(run.Id, 2025, i < 10 ? 30 : 0, 50))).ToList();
        await OutcomeRunTests.PublishOnlyAsync(app, run, records);
        var page = await app.ClientFor(DemoAccounts.DirectorGrorud).GetPageAsync("/outcomes/cost-benefit?Year=2025&Baseline=2024&OtherCost=50000");
        var avoided = page.QuerySelector("#avoided")!;
        var institution = avoided.QuerySelectorAll("tbody tr").First(tr => tr.TextContent.Contains("Institusjonsdøgn", StringComparison.Ordinal));
        // 20 days per person in 2024 × 40 persons − 300 = 500 days avoided; at the demo's 6 000 kr: 3 000 000.
        Assert.Equal("500", institution.QuerySelectorAll("td")[0].TextContent.Trim()); // whole days without a ",0"
        Assert.Contains("3 000 000 kr", institution.TextContent.Replace('\u00a0', ' '), StringComparison.Ordinal);
        var balance = page.QuerySelector("#balance")!.TextContent.Replace('\u00a0', ' ');
        // 2000 hours × 800 + 50 000 = 1 650 000 (expected).
        Assert.Contains("1 650 000 kr", balance, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#example-warning"));
        Assert.Contains("Eksempeltall", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var print = await app.ClientFor(DemoAccounts.DirectorGrorud).GetPageAsync("/outcomes/cost-benefit?Year=2025&Baseline=2024&OtherCost=50000&format=print");
        Assert.NotNull(print.QuerySelector("body.print-page #balance"));
        Assert.Null(print.QuerySelector("form.filters"));

        var bad = await app.ClientFor(DemoAccounts.DirectorGrorud).GetAsync("/outcomes/cost-benefit?Year=1990&OtherCost=-5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badPage = await Html.ParseAsync(bad);
        Assert.Contains("Velg et år det finnes tall for", badPage.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("-5", badPage.QuerySelector("[name='OtherCost']")!.GetAttribute("value"));
    }

    private static OutcomeRecord Record(Guid run, int year, int institutionDays, double delivered) => new()
    {
        RunId = run,
        PersonKey = Guid.NewGuid(),
        Year = year,
        DistrictId = DemoIds.District("Sagene"),
        Category = Husly.Common.FollowUpCategory.CaseManagement,
        OrganisationForm = Husly.Common.OrganisationForm.OrdinaryPositions,
        AgeBand = AgeBand.From35To49,
        InstitutionDays = institutionDays,
        PlannedHours = delivered,
        DeliveredHours = delivered,
        FollowUpDays = 365,
    };
}
