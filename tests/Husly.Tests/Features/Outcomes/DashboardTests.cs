using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Outcomes;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Outcomes;

/// <summary>Issue 13 §2: the dashboards for the programme, a district and a project — every chart with its table beside
/// it, filters as a plain GET form that keeps bad input with a Norwegian message, CSV, Excel and a printout — open to
/// everyone signed in and no one else.</summary>
[Collection(OutcomeTestGroup.Name)]
public sealed class DashboardTests(Apps apps)
{
    private static readonly Guid Sagene = DemoIds.District("Sagene");
    private static readonly Guid Project = DemoIds.Project("Sammen om bolig");

    private static async Task PublishAsync(HuslyApp app)
    {
        var run = new OutcomeRun { Id = Guid.NewGuid(), Status = OutcomeRunStatus.Completed, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, AsOf = new DateOnly(2025, 12, 31), StartedBy = "Test" };
        // Sagene: 40 persons a year 2023–2025, 15 of them in the project; settled 6 + 6, 7 + 8 and 8 + 10 (in the project +
        // without): no group under 5, so nothing is hidden.
        var records = new List<OutcomeRecord>();
        foreach (var (year, inProject, without) in new[] { (2023, 6, 6), (2024, 7, 8), (2025, 8, 10) })
        {
            for (var i = 0; i < 40; i++)
            {
                var settled = i < 15 ? i < inProject : i - 15 < without;
                records.Add(new OutcomeRecord
                {
                    RunId = run.Id,
                    PersonKey = Guid.NewGuid(),
                    Year = year,
                    DistrictId = Sagene,
                    ProjectId = i < 15 ? Project : null,
                    Category = Husly.Common.FollowUpCategory.SupportedHousing,
                    OrganisationForm = Husly.Common.OrganisationForm.Team,
                    AgeBand = AgeBand.From25To34,
                    HousingAtStart = Housing.Temporary,
                    HousingAtEnd = settled ? Housing.MunicipalRental : Housing.Temporary,
                    Settled = settled,
                    HomeMonths = settled ? 7 : 0,
                    PlannedHours = 100,
                    DeliveredHours = 80,
                    FollowUpDays = 365,
                });
            }
        }
        await OutcomeRunTests.PublishOnlyAsync(app, run, records);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_dashboard_shows_each_chart_with_its_figures_and_exports_them(TestDatabase db)
    {
        var app = apps[db];
        await PublishAsync(app);
        var client = app.ClientFor(DemoAccounts.DirectorGrorud);
        var page = await client.GetPageAsync($"/outcomes?District={Sagene}&Baseline=2023&Chart=Settled");
        Assert.Contains("Bydel Sagene", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        // The chart is a figure named by its caption (the drawing itself hidden from screen readers), and the table beside
        // it holds the same figures.
        var figure = page.QuerySelector("figure.bar-chart")!;
        Assert.NotNull(page.GetElementById(figure.GetAttribute("aria-labelledby")!));
        var chart = figure.QuerySelector("svg[aria-hidden='true']")!;
        Assert.Equal(["12", "15", "18"], page.QuerySelectorAll("#table-trend-chart tbody td").Select(td => td.TextContent));
        Assert.Equal(3, chart.QuerySelectorAll("rect").Length);
        // The trend table marks the baseline; shares are worked out.
        var trend = page.QuerySelector("#table-utvikling")!;
        Assert.Contains("2023 (utgangspunkt)", trend.TextContent, StringComparison.Ordinal);
        Assert.Contains("45 %", trend.TextContent, StringComparison.Ordinal); // 18 of 40 settled in 2025
        Assert.Contains("80 %", trend.TextContent, StringComparison.Ordinal); // 80 of 100 hours delivered
        // The district's projects: 15 in the project, 25 without.
        var byProject = page.QuerySelector("#table-prosjekt")!.TextContent;
        Assert.Contains("Sammen om bolig", byProject, StringComparison.Ordinal);
        Assert.Contains("Uten prosjekt", byProject, StringComparison.Ordinal);

        var csv = await client.GetAsync($"/outcomes?District={Sagene}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFTabell;Gruppe;Mål;Verdi", text.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Utvikling per år;2025;Bosatt i egen eller leid bolig;18", text.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var xlsx = await client.GetAsync($"/outcomes?District={Sagene}&format=xlsx");
        Assert.Equal(Husly.Platform.Export.TableExport.XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        var print = await client.GetPageAsync($"/outcomes?District={Sagene}&format=print");
        Assert.NotNull(print.QuerySelector("body.print-page"));
        Assert.Null(print.QuerySelector(".site-nav"));
        Assert.NotNull(print.QuerySelector("#table-utvikling"));

        // A project's dashboard: its districts.
        var project = await client.GetPageAsync($"/outcomes?Project={Project}");
        Assert.Contains("Bydel Sagene", project.QuerySelector("#table-bydel")!.TextContent, StringComparison.Ordinal);

        // A project the user may read that nobody in the figures follows: both pages say so (not "choose from the list"),
        // and the dashboard's link to the calculator does not lead to a refusal.
        var owner = app.ClientFor(DemoAccounts.Owner);
        var without = DemoIds.Project("Husrom-hjerterom");
        var empty = await owner.GetPageAsync($"/outcomes?Project={without}");
        Assert.Contains("Ingen som følges opp, er knyttet til prosjektet «Husrom-hjerterom»", empty.Body!.TextContent, StringComparison.Ordinal);
        var calculatorLink = empty.QuerySelectorAll("a").First(a => a.GetAttribute("href")!.StartsWith("/outcomes/cost-benefit", StringComparison.Ordinal)).GetAttribute("href")!;
        var calculator = await owner.GetAsync(calculatorLink);
        Assert.Equal(HttpStatusCode.OK, calculator.StatusCode);
        var direct = await owner.GetPageAsync($"/outcomes/cost-benefit?Project={without}");
        Assert.Contains("Ingen som følges opp, er knyttet til prosjektet «Husrom-hjerterom»", direct.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(direct.QuerySelector("#form-errors"));

        // A catalogue solution links to the outcomes of the project it came from (signed in; the dashboards are not public).
        var solution = await app.QueryAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            d.Solutions.Where(x => x.State == Husly.Features.Catalogue.SolutionState.Published && x.ProjectId != null).Select(x => new { x.Slug, x.ProjectId })));
        Assert.Equal($"/outcomes?Project={solution.ProjectId}", (await client.GetPageAsync("/losninger/" + solution.Slug)).QuerySelector("#project-outcomes")!.GetAttribute("href"));
        Assert.Null((await app.ClientFor().GetPageAsync("/losninger/" + solution.Slug)).QuerySelector("#project-outcomes"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Bad_filters_are_kept_with_a_message_and_only_signed_in_users_see_the_figures(TestDatabase db)
    {
        var app = apps[db];
        await PublishAsync(app);
        var client = app.ClientFor(DemoAccounts.PartnerNav);
        var response = await client.GetAsync($"/outcomes?District={Guid.NewGuid()}&From=2025&To=2023&Chart=NotSettled");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var errors = page.QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("Velg en bydel fra listen.", errors, StringComparison.Ordinal);
        Assert.Contains("Fra-året kan ikke være etter til-året.", errors, StringComparison.Ordinal);
        Assert.Contains("Velg et mål fra listen.", errors, StringComparison.Ordinal); // a complement is never a chart
        Assert.NotNull(page.QuerySelector("#table-utvikling")); // the figures for the rest of the filter still show
        Assert.Equal(["2025", "2023"], [page.QuerySelector("#from")!.GetAttribute("value"), page.QuerySelector("#to")!.GetAttribute("value")]);
        // Years outside the figures, and what is not a year at all, are told and kept as typed.
        var outside = await Html.ParseAsync(await client.GetAsync("/outcomes?From=abc&To=2030"));
        Assert.Contains("Velg et år det finnes tall for (2023–2025).", outside.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["abc", "2030"], [outside.QuerySelector("#from")!.GetAttribute("value"), outside.QuerySelector("#to")!.GetAttribute("value")]);

        foreach (var account in DemoAccounts.All)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(account).GetAsync("/outcomes")).StatusCode);
        }
        var anonymous = await app.ClientFor().GetAsync("/outcomes?format=csv");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
