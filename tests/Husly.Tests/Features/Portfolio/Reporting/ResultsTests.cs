using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Benefits;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Portfolio.Results;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Portfolio.Reporting;

/// <summary>Issue 10 §5: the results framework (results, indicators, targets, figures from approved periods), lessons
/// beside the figures they explain, shared indicators, and benefit realisation.</summary>
public sealed class ResultsTests(Apps apps)
{
    [Fact]
    public void A_year_figure_sums_periods_or_takes_the_last_running_total_and_percentages_are_levels()
    {
        ReportedValue V(int month, decimal n, string c = "") => new(Guid.Empty, new DateOnly(2026, month, 28), c, n);
        Assert.Equal(7m, Figures.ByYear(IndicatorUnit.Count, false, [V(6, 3), V(12, 4)])[2026]);
        Assert.Equal(4m, Figures.ByYear(IndicatorUnit.Count, true, [V(6, 3), V(12, 4)])[2026]);
        // A percentage broken down by district: the report's figure is the mean of its districts, the year's the last report's.
        Assert.Equal(75m, Figures.ByYear(IndicatorUnit.Percent, false, [V(6, 10, "A"), V(6, 20, "B"), V(12, 70, "A"), V(12, 80, "B")])[2026]);
        Assert.Equal(0.7, Figures.Progress(0, 10, 7));
        Assert.Equal(0.5, Figures.Progress(60, 40, 50)); // lower is better: from 60 towards 40
        Assert.Null(Figures.Progress(5, 5, 7));
        Assert.Equal(0.5, Benefit.Achievement(100, 50, 75));
        Assert.Null(Benefit.Achievement(100, 100, 75));
        Assert.Null(Indicator.TryParse(IndicatorUnit.Percent, "45,5 %", out var share));
        Assert.Equal(45.5m, share);
        Assert.Equal("Skriv et helt tall.", Indicator.TryParse(IndicatorUnit.Count, "2.5", out _));
        Assert.Equal("Skriv et tall.", Indicator.TryParse(IndicatorUnit.Nok, "mange", out _));
        Assert.Equal("Tallet kan ikke være negativt.", Indicator.TryParse(IndicatorUnit.Hours, "-1", out _));
        // Stored with two decimals, so more are refused (a tiny target would otherwise make achievement overflow).
        Assert.Equal("Skriv høyst to desimaler.", Indicator.TryParse(IndicatorUnit.Hours, "0,0000000000000000000000000001", out _));
        Assert.Equal("Skriv tallet uten punktum som tusenskille, for eksempel 1000 eller 12,5.", Indicator.TryParse(IndicatorUnit.Count, "1.000", out _));
        Assert.Null(Indicator.TryParse(IndicatorUnit.Nok, "1 500 kr", out var kroner));
        Assert.Equal(1500m, kroner);
        Assert.Equal("Skriv et tall.", Indicator.TryParse(IndicatorUnit.Count, "5%", out _)); // a unit that is not the indicator's
        Assert.Null(Figures.Progress(0, 0.01m, null));
        Assert.Equal(1e14, Figures.Progress(0, 0.01m, 1_000_000_000_000m));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_indicator_shows_targets_results_from_approved_periods_and_the_lessons_that_explain_them(TestDatabase db)
    {
        var app = apps[db];
        var year = DateTime.UtcNow.Year;
        var (project, first, count, _) = await ReportingTests.ProjectWithIndicatorsAsync(app, new DateOnly(year, 6, 30));
        var second = Guid.CreateVersion7();
        var draft = Guid.CreateVersion7();
        await app.WithDbAsync(async d =>
        {
            await d.StatusReports.Where(r => r.Id == first).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReportState.Approved));
            d.StatusReports.AddRange(
                new StatusReport { Id = second, ProjectId = project.Id, DueOn = new DateOnly(year, 12, 31), State = ReportState.Approved },
                new StatusReport { Id = draft, ProjectId = project.Id, DueOn = new DateOnly(year + 1, 6, 30), State = ReportState.Draft });
            d.IndicatorValues.AddRange(
                new IndicatorValue { Id = Guid.CreateVersion7(), ReportId = first, IndicatorId = count, Number = 3 },
                new IndicatorValue { Id = Guid.CreateVersion7(), ReportId = second, IndicatorId = count, Number = 4 },
                new IndicatorValue { Id = Guid.CreateVersion7(), ReportId = draft, IndicatorId = count, Number = 99 });
            d.ReportLessons.AddRange(
                new ReportLesson { Id = Guid.CreateVersion7(), ReportId = second, Kind = LessonKind.Failure, Text = "Utleierne trakk seg i høst.", IndicatorId = count },
                new ReportLesson { Id = Guid.CreateVersion7(), ReportId = draft, Kind = LessonKind.Failure, Text = "Et utkast ingen har sendt.", IndicatorId = count });
            await d.SaveChangesAsync();
        });
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var url = $"/portfolio/projects/{project.Id}/indicators/{count}";
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.PartnerNav).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/portfolio/projects/{Guid.NewGuid()}/indicators/{count}")).StatusCode);

        var page = await lead.GetPageAsync(url);
        var bad = await Html.ParseAsync(await lead.SubmitAsync(page, "form[action*='handler=SetTarget']", Html.Values(("Target.Year", year.ToString()), ("Target.Value", "ti"))));
        Assert.Equal("Skriv et tall.", bad.FieldError("Target_Value"));
        var outside = await Html.ParseAsync(await lead.SubmitAsync(page, "form[action*='handler=SetTarget']", Html.Values(("Target.Year", "2020"), ("Target.Value", "10"))));
        Assert.StartsWith("Året må ligge i prosjektets periode, 2025–", outside.FieldError("Target_Year"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, "form[action*='handler=SetTarget']", Html.Values(("Target.Year", year.ToString()), ("Target.Value", "8")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, "form[action*='handler=SetTarget']", Html.Values(("Target.Year", year.ToString()), ("Target.Value", "10")))).StatusCode);
        Assert.Equal(10m, (await app.QueryAsync(d => d.IndicatorTargets.SingleAsync(t => t.IndicatorId == count))).Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.LeadFrogner).PostWithTokenAsync(url + "?handler=SetTarget",
            ("Target.Year", year.ToString()), ("Target.Value", "1"))).StatusCode);

        page = await lead.GetPageAsync(url);
        var row = page.QuerySelectorAll("table.figures tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == year.ToString());
        Assert.Equal(["10", "7", "70 %"], row.QuerySelectorAll("td").Select(td => td.TextContent.Replace('\u00a0', ' ')));
        var lessons = page.GetElementById("indicator-lessons")!.TextContent;
        Assert.Contains("Utleierne trakk seg i høst.", lessons, StringComparison.Ordinal);
        Assert.DoesNotContain("Et utkast ingen har sendt.", lessons, StringComparison.Ordinal);
        // The draft's figure is nowhere on the page (the project's generated name may hold any digits, so it is left out).
        Assert.DoesNotContain("99", page.QuerySelector("main")!.TextContent.Replace(project.Name, "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The name and baseline can be corrected; the unit stays.
        var change = await lead.GetPageAsync(url);
        Assert.Equal("Skriv navnet på indikatoren.", (await Html.ParseAsync(await lead.SubmitAsync(change, "form[action*='handler=Change']", Html.Values(("Change.Name", " "))))).FieldError("Change_Name"));
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(change, "form[action*='handler=Change']", Html.Values(("Change.Name", "Personer bosatt i egen bolig"),
            ("Change.Baseline", "1"), ("Change.BaselineDate", $"{year}-01-01")))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lead.SubmitAsync(change, "form[action*='handler=Change']", Html.Values(("Change.Name", "Gammel side")))).StatusCode);
        var changed = await app.QueryAsync(d => d.Indicators.SingleAsync(i => i.Id == count));
        Assert.Equal(("Personer bosatt i egen bolig", 1m, IndicatorUnit.Count), (changed.Name, changed.Baseline!.Value, changed.Unit));

        // The report shows the lesson with a link to the indicator it explains.
        var report = await lead.GetPageAsync($"/portfolio/projects/{project.Id}/reports/{second}");
        Assert.NotNull(report.QuerySelector($".lessons a[href='{url}']"));
        // An indicator with reported figures stays.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await lead.PostWithTokenAsync($"/portfolio/projects/{project.Id}/results?handler=RemoveIndicator", ("indicatorId", count.ToString()))).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Results_and_indicators_are_set_up_on_the_project_with_shared_definitions_from_the_programme(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud).Running(new DateOnly(2025, 1, 1)));
        var manager = app.ClientFor(DemoAccounts.Manager);
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var definitions = $"/portfolio/programmes/{DemoIds.Programme("BOSin")}/indicators";
        var name = TestData.Unique("Leieforhold avsluttet");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostWithTokenAsync(definitions, ("Input.Name", name), ("Input.Unit", "Count"), ("Input.Direction", "Decrease"))).StatusCode);
        var defPage = await manager.GetPageAsync(definitions);
        var taken = await Html.ParseAsync(await manager.SubmitAsync(defPage, "main form[method='post']", Html.Values(("Input.Name", "personer bosatt"), ("Input.Unit", "Count"), ("Input.Direction", "Increase"))));
        Assert.Equal("Programmet har allerede en felles indikator med dette navnet.", taken.FieldError("Input_Name"));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(defPage, "main form[method='post']", Html.Values(("Input.Name", name), ("Input.Unit", "Count"), ("Input.Direction", "Decrease")))).StatusCode);
        var definition = await app.QueryAsync(d => d.IndicatorDefinitions.SingleAsync(x => x.Name == name));

        var url = $"/portfolio/projects/{project.Id}/results";
        var page = await lead.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[action*='handler=AddIndicator']"));
        Assert.Equal("Skriv hva prosjektet vil oppnå.", (await Html.ParseAsync(await lead.SubmitAsync(page, "form[action*='handler=AddResult']", Html.Values(("NewResult.Statement", " "))))).FieldError("NewResult_Statement"));
        var added = await lead.SubmitAsync(page, "form[action*='handler=AddResult']", Html.Values(("NewResult.Statement", "Færre mister boligen")));
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(added)).QuerySelector("#form-errors")?.InnerHtml);
        var result = await app.QueryAsync(d => d.ProjectResults.SingleAsync(r => r.ProjectId == project.Id));

        page = await lead.GetPageAsync(url);
        var form = "form[action*='handler=AddIndicator']";
        var empty = await Html.ParseAsync(await lead.SubmitAsync(page, form, Html.Values(("NewIndicator.ResultId", result.Id.ToString()), ("NewIndicator.Baseline", "12"))));
        Assert.Equal("Skriv navnet på indikatoren, eller velg en felles indikator.", empty.FieldError("NewIndicator_Name"));
        Assert.Equal("Velg enheten.", empty.FieldError("NewIndicator_Unit"));
        Assert.Equal("Skriv datoen utgangsverdien gjelder.", empty.FieldError("NewIndicator_BaselineDate"));
        var foreign = await Html.ParseAsync(await lead.SubmitAsync(page, form, Html.Values(("NewIndicator.ResultId", result.Id.ToString()), ("NewIndicator.DefinitionId", Guid.NewGuid().ToString()))));
        Assert.Equal("Velg en av programmets felles indikatorer.", foreign.FieldError("NewIndicator_DefinitionId"));
        var otherResult = await Html.ParseAsync(await lead.SubmitAsync(page, form, Html.Values(("NewIndicator.ResultId", Guid.NewGuid().ToString()), ("NewIndicator.Name", "X"),
            ("NewIndicator.Unit", "Count"), ("NewIndicator.Direction", "Increase"))));
        Assert.Equal("Velg et av prosjektets resultatmål.", otherResult.FieldError("NewIndicator_ResultId"));

        // A shared indicator takes the programme's name, unit and counting rule, whatever else is posted.
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, form, Html.Values(("NewIndicator.ResultId", result.Id.ToString()),
            ("NewIndicator.DefinitionId", definition.Id.ToString()), ("NewIndicator.Name", "Noe annet"), ("NewIndicator.Unit", "Percent"), ("NewIndicator.Baseline", "12"), ("NewIndicator.BaselineDate", "2025-01-01")))).StatusCode);
        var indicator = await app.QueryAsync(d => d.Indicators.SingleAsync(i => i.ProjectId == project.Id));
        var twice = await Html.ParseAsync(await lead.SubmitAsync(await lead.GetPageAsync(url), form, Html.Values(("NewIndicator.ResultId", result.Id.ToString()),
            ("NewIndicator.DefinitionId", definition.Id.ToString()))));
        Assert.Equal("Prosjektet har allerede denne felles indikatoren.", twice.FieldError("NewIndicator_DefinitionId"));
        Assert.Equal((name, IndicatorUnit.Count, IndicatorDirection.Decrease, 12m, definition.Id), (indicator.Name, indicator.Unit, indicator.Direction, indicator.Baseline!.Value, indicator.DefinitionId!.Value));
        Assert.Contains("1", (await manager.GetPageAsync(definitions)).QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains(name, StringComparison.Ordinal)).LastElementChild!.TextContent, StringComparison.Ordinal);

        // Without reported figures it can be removed, and then its result.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await lead.PostWithTokenAsync(url + "?handler=RemoveResult", ("resultId", result.Id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.PostWithTokenAsync(url + "?handler=RemoveIndicator", ("indicatorId", indicator.Id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.PostWithTokenAsync(url + "?handler=RemoveResult", ("resultId", result.Id.ToString()))).StatusCode);
        Assert.False(await app.QueryAsync(d => d.ProjectResults.AnyAsync(r => r.ProjectId == project.Id)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Benefits_have_an_owner_baseline_and_target_and_their_achievement_is_measured(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud).Running(new DateOnly(2025, 1, 1)));
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var url = $"/portfolio/projects/{project.Id}/benefits";
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.LeadFrogner).PostWithTokenAsync(url + "?handler=Add", ("NewBenefit.Name", "X"))).StatusCode);
        var page = await lead.GetPageAsync(url);
        var same = await Html.ParseAsync(await lead.SubmitAsync(page, "form[action*='handler=Add']", Html.Values(("NewBenefit.Name", "Færre timer på husleiesaker"),
            ("NewBenefit.Type", "SavedTime"), ("NewBenefit.Owner", "Enhetsleder bo-oppfølging"), ("NewBenefit.Unit", "timer per uke"), ("NewBenefit.Baseline", "40"), ("NewBenefit.Target", "40,0"),
            ("NewBenefit.RealiseBy", "2027-12-31"))));
        Assert.Equal("Målet må være ulikt utgangsverdien.", same.FieldError("NewBenefit_Target"));
        Assert.Equal("Færre timer på husleiesaker", same.GetElementById("NewBenefit_Name")!.GetAttribute("value"));
        var incomplete = await Html.ParseAsync(await lead.SubmitAsync(page, "form[action*='handler=Add']", Html.Values(("NewBenefit.Name", "X"), ("NewBenefit.RealiseBy", "0001-01-01"))));
        Assert.Equal("Skriv hvem som eier gevinsten – lederen som skal ta den ut.", incomplete.FieldError("NewBenefit_Owner"));
        Assert.StartsWith("Realiseres innen må være mellom", incomplete.FieldError("NewBenefit_RealiseBy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, "form[action*='handler=Add']", Html.Values(("NewBenefit.Name", "Færre timer på husleiesaker"),
            ("NewBenefit.Type", "SavedTime"), ("NewBenefit.Owner", "Enhetsleder bo-oppfølging"), ("NewBenefit.Unit", "timer per uke"), ("NewBenefit.Baseline", "40"), ("NewBenefit.Target", "20"),
            ("NewBenefit.RealiseBy", "2027-12-31")))).StatusCode);
        var benefit = await app.QueryAsync(d => d.Benefits.SingleAsync(b => b.ProjectId == project.Id));

        page = await lead.GetPageAsync(url);
        var foreign = await Html.ParseAsync(await lead.SubmitAsync(page, "form[action*='handler=Measure']", Html.Values(("Measurement.BenefitId", Guid.NewGuid().ToString()),
            ("Measurement.MeasuredOn", "2026-06-30"), ("Measurement.Value", "35"))));
        Assert.Equal("Velg en av prosjektets gevinster.", foreign.FieldError("Measurement_BenefitId"));
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, "form[action*='handler=Measure']", Html.Values(("Measurement.BenefitId", benefit.Id.ToString()),
            ("Measurement.MeasuredOn", "2026-06-30"), ("Measurement.Value", "35"), ("Measurement.Note", "Etter nytt varslingsoppsett")))).StatusCode);
        page = await lead.GetPageAsync(url);
        Assert.Equal("25 %", page.QuerySelector(".achievement")!.TextContent.Replace('\u00a0', ' '));
        Assert.Contains("Enhetsleder bo-oppfølging", page.QuerySelector(".benefit")!.TextContent, StringComparison.Ordinal);

        // A benefit with measurements stays; a measurement entered by mistake can go, and then the benefit.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await lead.PostWithTokenAsync(url + "?handler=RemoveBenefit", ("benefitId", benefit.Id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, "form[action*='handler=RemoveMeasurement']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(await lead.GetPageAsync(url), "form[action*='handler=RemoveBenefit']")).StatusCode);
        Assert.False(await app.QueryAsync(d => d.Benefits.AnyAsync(b => b.ProjectId == project.Id)));
    }
}
