using System.Net;
using System.Text;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Portfolio.Results;
using Husly.Tests.Support;
using MiniExcelLibs;

namespace Husly.Tests.Features.Portfolio.Reporting;

/// <summary>Issue 10 §5: the programme's results report and overview, on the page and as Excel and CSV.</summary>
public sealed class ProgrammeReportTests(Apps apps)
{
    private static readonly Guid Bosin = DemoIds.Programme("BOSin");

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_results_report_adds_up_shared_indicators_of_the_projects_picked_and_exports_them(TestDatabase db)
    {
        var app = apps[db];
        var year = DateTime.UtcNow.Year;
        var husrom = DemoIds.Project("Husrom-hjerterom");
        var botrygt = DemoIds.Project("BoTrygt");
        // A project whose name a spreadsheet would run as a formula, with a shared indicator of its own.
        var hostile = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Alna").Running(new DateOnly(2025, 1, 1)), "=HYPERLINK(\"http://x\")" + Guid.NewGuid().ToString("N")[..6]);
        var result = new ProjectResult { Id = Guid.CreateVersion7(), ProjectId = hostile.Id, Statement = "Mål" };
        var indicator = new Indicator { Id = Guid.CreateVersion7(), ResultId = result.Id, ProjectId = hostile.Id, DefinitionId = DemoReporting.Settled, Name = "Personer bosatt", Unit = IndicatorUnit.Count };
        var report = new StatusReport { Id = Guid.CreateVersion7(), ProjectId = hostile.Id, DueOn = new DateOnly(year, 6, 30), State = ReportState.Approved };
        await app.WithDbAsync(async d =>
        {
            d.AddRange(result, indicator, report, new IndicatorTarget { IndicatorId = indicator.Id, Year = year, Value = 4 },
                new IndicatorValue { Id = Guid.CreateVersion7(), ReportId = report.Id, IndicatorId = indicator.Id, Number = 2 });
            await d.SaveChangesAsync();
        });

        var manager = app.ClientFor(DemoAccounts.Manager);
        var query = $"/portfolio/programmes/{Bosin}/results?From={year}&To={year}&project={husrom}&project={hostile.Id}&project={botrygt}";
        var page = await manager.GetPageAsync(query);
        var shared = page.QuerySelectorAll("#shared-table tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.StartsWith("Personer bosatt", StringComparison.Ordinal));
        // Husrom's target 6 and approved 3, plus the new project's 4 and 2.
        Assert.Equal(["2", "10 / 5"], shared.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("Bekymringsmeldinger fra nærmiljøet", page.GetElementById("project-table")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("#project-table tbody tr").Count(tr => tr.TextContent.Contains("Personer bosatt", StringComparison.Ordinal)));

        // The project filter offers the projects with indicators, not every project in the programme.
        var choices = page.QuerySelectorAll("input[name=project]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains(husrom.ToString(), choices);
        Assert.DoesNotContain(DemoIds.Project("Sammen om bolig").ToString(), choices);

        var invalid = await manager.GetAsync($"/portfolio/programmes/{Bosin}/results?From=2030&To=2020");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("Fra-året kan ikke være etter til-året.", (await Html.ParseAsync(invalid)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        var xlsx = await manager.GetAsync(page.GetElementById("export-xlsx")!.GetAttribute("href"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Felles indikatorer", "Prosjekter"], MiniExcel.GetSheetNames(book));
        var rows = MiniExcel.Query(book, useHeaderRow: true, sheetName: "Felles indikatorer").Cast<IDictionary<string, object>>().ToList();
        var settled = rows.Single(r => (string)r["Indikator"] == "Personer bosatt");
        Assert.Equal((10.0, 5.0, 0.5), (Convert.ToDouble(settled["Mål"]), Convert.ToDouble(settled["Resultat"]), Convert.ToDouble(settled["Måloppnåelse (andel av målet)"])));
        var projectRows = MiniExcel.Query(book, useHeaderRow: true, sheetName: "Prosjekter").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(projectRows, r => ((string)r["Prosjekt"]).StartsWith("=HYPERLINK", StringComparison.Ordinal)); // text in xlsx, never a formula

        var csv = await manager.GetAsync(page.GetElementById("export-csv")!.GetAttribute("href"));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Prosjekt;Resultatmål;Indikator;Enhet;År;Utgangsverdi;Mål;Resultat;\"Måloppnåelse (andel av målet)\"", text, StringComparison.Ordinal);
        // Decimal commas for Norwegian Excel, the same on both databases.
        Assert.Contains($"\"Utvalget samlet\";;\"Personer bosatt\";Antall;{year};0;10;5;0,5", text, StringComparison.Ordinal); // baseline: the projects' baselines added up
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=HYPERLINK", text, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_overview_shows_the_funnel_budget_overdue_reports_and_projects_by_status_and_phase(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var url = $"/calls/programme/{Bosin}";
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.PartnerNav).GetAsync(url)).StatusCode);
        // The programme's working material: not for directors, project leads, case workers or another programme's manager.
        foreach (var other in new[] { DemoAccounts.DirectorGrorud, DemoAccounts.LeadGrorud, DemoAccounts.CaseWorkerGrorud, DemoAccounts.BosoManager })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(other).GetAsync(url + "?format=csv")).StatusCode);
        }
        Assert.Null((await app.ClientFor(DemoAccounts.DirectorGrorud).GetPageAsync($"/portfolio/programmes/details/{Bosin}")).QuerySelector($"a[href='{url}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/calls/programme/{Guid.NewGuid()}")).StatusCode);
        var page = await manager.GetPageAsync(url);
        var lastYear = page.QuerySelectorAll("#funnel tbody tr").Single(tr => tr.QuerySelector($"a[href='/calls/{DemoCalls.LastYear}']") is not null);
        // Last year's call: three sent, all eligible, two awarded for 850 000 + 700 000.
        Assert.Equal(["3", "3", "2"], lastYear.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()));
        Assert.Equal("1 550 000 kr", lastYear.QuerySelectorAll("td")[4].TextContent.Replace('\u00a0', ' ').Trim());
        // The demo's three late reports are among the overdue (other tests in this app add their own).
        var today = DateOnly.FromDateTime(Husly.Platform.Localization.Format.ToOslo(DateTime.UtcNow));
        var late = await app.QueryAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            d.StatusReports.Where(r => r.DueOn == today.AddDays(-20) && r.State == ReportState.NotStarted).Select(r => r.Project!.Name)));
        Assert.Equal(3, late.Count);
        var overdueList = page.GetElementById("overdue")!.TextContent;
        Assert.All(late, name => Assert.Contains(name, overdueList, StringComparison.Ordinal));
        var listed = page.QuerySelectorAll("#overdue li").Length;
        Assert.NotNull(page.GetElementById("status-phase"));
        Assert.Contains("Brukt ifølge siste godkjente statusrapport", page.GetElementById("budget")!.TextContent, StringComparison.Ordinal);

        var xlsx = await manager.GetAsync(page.GetElementById("export-xlsx")!.GetAttribute("href"));
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Utlysninger", "Økonomi", "Forfalte rapporter", "Status og fase"], MiniExcel.GetSheetNames(book));
        var overdue = Encoding.UTF8.GetString(await (await manager.GetAsync(url + "?format=csv&part=overdue")).Content.ReadAsByteArrayAsync());
        Assert.Equal(1 + listed, overdue.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
