using System.Net;
using AngleSharp.Html.Dom;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Portfolio.Results;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Portfolio.Reporting;

/// <summary>Issue 10 §5: the reporting schedule, writing a status report, the programme's approval, locked periods and
/// reopening with a reason — who may do what in which state.</summary>
public sealed class ReportingTests(Apps apps)
{
    internal static async Task<(Project Project, Guid Report, Guid Count, Guid Share)> ProjectWithIndicatorsAsync(HuslyApp app, DateOnly due)
    {
        var project = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithCoDistricts("Stovner").WithProjectLead(DemoAccounts.LeadGrorud)
            .Running(new DateOnly(2025, 1, 1)).WithStatus(ProjectStatus.Active, InnovationPhase.DevelopingAndTesting)
            .WithFunding(due.Year, FundingSource.ProgrammeGrant, "BOSin", 400_000), TestData.Unique("Rapporterer"));
        var result = new ProjectResult { Id = Guid.CreateVersion7(), ProjectId = project.Id, Statement = "Flere bor stabilt" };
        var count = new Indicator { Id = Guid.CreateVersion7(), ResultId = result.Id, ProjectId = project.Id, Name = "Personer bosatt", Unit = IndicatorUnit.Count };
        var share = new Indicator { Id = Guid.CreateVersion7(), ResultId = result.Id, ProjectId = project.Id, Name = "Bostabilitet", Unit = IndicatorUnit.Percent, Breakdown = IndicatorBreakdown.District, Cumulative = true, SortOrder = 1 };
        var report = new StatusReport { Id = Guid.CreateVersion7(), ProjectId = project.Id, DueOn = due, State = ReportState.NotStarted };
        await app.WithDbAsync(async d => { d.AddRange(result, count, share, report); await d.SaveChangesAsync(); });
        return (project, report.Id, count.Id, share.Id);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlDocument page, string url, params (string, string?)[] values)
    {
        // The page's own form (posted with the button's handler): the one without an action of its own.
        var form = page.QuerySelectorAll("main form[method='post']").First(f => !f.HasAttribute("action") || f.HasAttribute("data-test"));
        form.SetAttribute("data-test", "");
        form.SetAttribute("action", url);
        return await client.SubmitAsync(page, "main form[data-test]", Html.Values(values));
    }

    private static (string, string?)[] Complete =>
    [
        ("Input.Overall", "Yellow"), ("Input.Time", "Yellow"), ("Input.Budget", "Green"), ("Input.Quality", "Green"), ("Input.Progress", "To personer har flyttet inn."),
        ("Input.SpentToDate", "150 000 kr"), ("Input.Risks[0].Description", "For få boliger"), ("Input.Risks[0].Probability", "4"), ("Input.Risks[0].Consequence", "4"),
        ("Input.Risks[0].Action", "Avtale med Boligbygg"), ("Input.Risks[0].ProbabilityAfter", "2"), ("Input.Risks[0].ConsequenceAfter", "4"),
        ("Input.Lessons[0].Kind", "Failure"), ("Input.Lessons[0].Text", "Nettskjemaet ble ikke brukt."), ("Input.Lessons[0].DoDifferently", "Starte med telefon."),
        ("Input.Values[0].Value", "2"), ("Input.Values[1].Value", "80"), ("Input.Values[2].Value", "70,5"),
    ];

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_report_is_written_sent_returned_approved_locked_and_reopened_with_a_reason(TestDatabase db)
    {
        var app = apps[db];
        var year = DateTime.UtcNow.Year;
        var (project, reportId, count, _) = await ProjectWithIndicatorsAsync(app, new DateOnly(year, 6, 30));
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var edit = $"/portfolio/projects/{project.Id}/reports/{reportId}/edit";
        var view = $"/portfolio/projects/{project.Id}/reports/{reportId}";
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.LeadFrogner).GetAsync(edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.PartnerNav).GetAsync(view)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/portfolio/projects/{project.Id}/reports/{Guid.NewGuid()}")).StatusCode);
        // A report id under another project's id is not found, whatever the id.
        var other = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/portfolio/projects/{other.Id}/reports/{reportId}/edit")).StatusCode);

        // Sending an incomplete report: every missing part is named, and what was typed is kept.
        var page = await lead.GetPageAsync(edit);
        Assert.Equal(["Personer bosatt (Antall, per periode)", "Bostabilitet – Bydel Grorud (Prosent, løpende sum)", "Bostabilitet – Bydel Stovner (Prosent, løpende sum)"],
            page.QuerySelectorAll("#Input_Values label").Select(l => l.TextContent.Trim()));
        var incomplete = await Html.ParseAsync(await PostFormAsync(lead, page, edit + "?handler=Submit", ("Input.Progress", "Halvveis."), ("Input.Values[1].Value", "120"),
            ("Input.Values[0].Value", "2,5")));
        Assert.Equal("Samlet vurdering: velg grønn, gul eller rød.", incomplete.FieldError("Input_Overall"));
        Assert.Equal("Skriv hvor mye som er brukt så langt.", incomplete.FieldError("Input_SpentToDate"));
        Assert.Equal("Personer bosatt: Skriv et helt tall.", incomplete.FieldError("Input_Values_0__Value"));
        Assert.Equal("Bostabilitet – Bydel Grorud: Skriv en prosent mellom 0 og 100.", incomplete.FieldError("Input_Values_1__Value"));
        Assert.Equal("Skriv verdien for perioden: Bostabilitet – Bydel Stovner.", incomplete.FieldError("Input_Values_2__Value"));
        Assert.Equal("Skriv minst én læring – også det som ikke gikk som planlagt.", incomplete.FieldError("Input_Lessons_0__Text"));
        Assert.Equal("Halvveis.", incomplete.GetElementById("Input_Progress")!.TextContent);
        Assert.Equal("120", incomplete.GetElementById("Input_Values_1__Value")!.GetAttribute("value"));
        Assert.Equal(ReportState.NotStarted, (await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId))).State);

        // A draft may be incomplete; it is the project's own until it is sent.
        var draftSaved = await PostFormAsync(lead, page, edit, ("Input.Progress", "Halvveis."));
        Assert.True(draftSaved.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await Html.ParseAsync(draftSaved)).QuerySelectorAll("[id$='-error'], #form-errors").Select(e => e.Id + ": " + e.TextContent.Trim())));
        Assert.Equal(ReportState.Draft, (await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId))).State);
        var othersView = await app.ClientFor(DemoAccounts.LeadFrogner).GetPageAsync(view);
        Assert.NotNull(othersView.GetElementById("not-sent"));
        Assert.DoesNotContain("Halvveis.", othersView.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var sent = await PostFormAsync(lead, await lead.GetPageAsync(edit), edit + "?handler=Submit", Complete);
        Assert.Equal(view, sent.Headers.Location!.ToString());
        var stored = await app.QueryAsync(d => d.StatusReports.Include(r => r.Values).Include(r => r.Risks).SingleAsync(r => r.Id == reportId));
        Assert.Equal(ReportState.Submitted, stored.State);
        Assert.Equal(70.5m, stored.Values.Single(v => v.Category == "Bydel Stovner").Number);
        Assert.Equal((16, 8), (stored.Risks.Single().Score, stored.Risks.Single().ScoreAfter));
        Assert.True(await app.QueryAsync(d => d.OutboxMessages.AnyAsync(m => m.To == DemoAccounts.Manager.Email && m.Subject == $"Statusrapport til godkjenning: {project.Name}")));

        // Sent is locked for the project: the form says so and a post changes nothing.
        var lockedPage = await lead.GetPageAsync(edit);
        Assert.Contains("kan ikke endres", lockedPage.GetElementById("locked")!.TextContent, StringComparison.Ordinal);
        Assert.Null(lockedPage.GetElementById("form-errors"));
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(lead, page, edit, ("Input.Progress", "Endret i smug."))).StatusCode);
        Assert.Equal("To personer har flyttet inn.", (await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId))).Progress);

        // What the report shows: status in words, spending against budget, risks before and after.
        var shown = await manager.GetPageAsync(view);
        Assert.Contains("Gul – avvik under kontroll", shown.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Brukt 150 000 kr av et budsjett på 400 000 kr til og med {year} (38 %)", shown.GetElementById("spent")!.TextContent.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Contains("4 × 4 = 16", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The project may not answer its own report; the programme returns it with a comment, which is required.
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostWithTokenAsync(view + "?handler=Approve", ("version", stored.Version.ToString()))).StatusCode);
        var noComment = await Html.ParseAsync(await PostFormAsync(manager, shown, view + "?handler=Return"));
        Assert.Equal("Skriv hva prosjektet må rette eller utdype.", noComment.FieldError("Answer_Comment"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(manager, shown, view + "?handler=Return", ("Answer.Comment", "Beskriv risikoen nærmere."))).StatusCode);
        Assert.Equal(ReportState.Returned, (await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId))).State);
        Assert.True(await app.QueryAsync(d => d.OutboxMessages.AnyAsync(m => m.To == DemoAccounts.LeadGrorud.Email && m.Subject == $"Statusrapporten er sendt tilbake: {project.Name}")));
        Assert.Contains("Beskriv risikoen nærmere.", (await lead.GetPageAsync(edit)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Sent again; an approval from a page read before that is refused rather than approving what the manager did not see.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(lead, await lead.GetPageAsync(edit), edit + "?handler=Submit", Complete)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(manager, shown, view + "?handler=Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(manager, await manager.GetPageAsync(view), view + "?handler=Approve")).StatusCode);
        var approved = await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId));
        Assert.Equal((ReportState.Approved, DemoAccounts.Manager.Name), (approved.State, approved.ApprovedBy));

        // The approved period counts in the results, and it is locked.
        var results = await lead.GetPageAsync($"/portfolio/projects/{project.Id}/results");
        var settledRow = results.QuerySelectorAll("tbody tr").First(tr => tr.TextContent.Contains("Personer bosatt", StringComparison.Ordinal));
        Assert.Equal("2", settledRow.Children[4].TextContent.Trim());
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(lead, page, edit + "?handler=Submit", Complete)).StatusCode);

        // Only a manager reopens, and only with a reason, which is kept.
        var approvedPage = await manager.GetPageAsync(view);
        Assert.Equal("Skriv hvorfor perioden åpnes igjen. Grunnen lagres.", (await Html.ParseAsync(await PostFormAsync(manager, approvedPage, view + "?handler=Reopen"))).FieldError("Answer_Comment"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(manager, approvedPage, view + "?handler=Reopen", ("Answer.Comment", "Feil i antall bosatte."))).StatusCode);
        var reopened = await app.QueryAsync(d => d.StatusReports.Include(r => r.Reopenings).SingleAsync(r => r.Id == reportId));
        Assert.Equal(ReportState.Returned, reopened.State);
        Assert.Equal(("Feil i antall bosatte.", DemoAccounts.Manager.Name), (reopened.Reopenings.Single().Reason, reopened.Reopenings.Single().ReopenedBy));
        Assert.Contains("Feil i antall bosatte.", (await lead.GetPageAsync(view)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(lead, await lead.GetPageAsync(edit), edit, ("Input.Values[0].Value", "3"))).StatusCode);
        Assert.Equal(3m, (await app.QueryAsync(d => d.IndicatorValues.SingleAsync(v => v.ReportId == reportId && v.IndicatorId == count))).Number);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_programme_sets_the_schedule_and_a_begun_report_cannot_be_removed(TestDatabase db)
    {
        var app = apps[db];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (past, future) = (today.AddDays(-30), today.AddDays(60));
        var (project, reportId, _, _) = await ProjectWithIndicatorsAsync(app, past);
        var schedule = $"/portfolio/projects/{project.Id}/reports";
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var manager = app.ClientFor(DemoAccounts.Manager);
        Assert.Null((await lead.GetPageAsync(schedule)).QuerySelector("form[action*='handler=Add']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostWithTokenAsync(schedule + "?handler=Add", ("Due.DueOn", "2026-12-31"))).StatusCode);

        var page = await manager.GetPageAsync(schedule);
        var duplicate = await Html.ParseAsync(await manager.SubmitAsync(page, "form[action*='handler=Add']", Html.Values(("Due.DueOn", past.ToString("yyyy-MM-dd")))));
        Assert.Equal("Prosjektet har allerede en rapport med denne fristen.", duplicate.FieldError("Due_DueOn"));
        var early = await Html.ParseAsync(await manager.SubmitAsync(page, "form[action*='handler=Add']", Html.Values(("Due.DueOn", "31.12.2024"))));
        Assert.Equal("Fristen kan ikke være før prosjektet startet.", early.FieldError("Due_DueOn"));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(page, "form[action*='handler=Add']", Html.Values(("Due.DueOn", future.ToString("yyyy-MM-dd"))))).StatusCode);
        Assert.Equal([past, future],
            await app.QueryAsync(d => d.StatusReports.Where(r => r.ProjectId == project.Id).OrderBy(r => r.DueOn).Select(r => r.DueOn).ToListAsync()));

        // The past due date is overdue until the report is sent.
        var listed = await lead.GetPageAsync(schedule);
        Assert.Single(listed.QuerySelectorAll(".overdue"));

        await app.WithDbAsync(d => d.StatusReports.Where(r => r.Id == reportId).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReportState.Draft)));
        var refused = await manager.PostWithTokenAsync(schedule + "?handler=Remove", ("reportId", reportId.ToString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await Html.ParseAsync(refused);
        Assert.Contains("Rapporten finnes ikke i planen, eller er påbegynt og kan ikke fjernes.", refusedPage.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refusedPage.FieldError("Due_DueOn"));
        var fresh = await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.ProjectId == project.Id && r.DueOn == future));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostWithTokenAsync(schedule + "?handler=Remove", ("reportId", fresh.Id.ToString()))).StatusCode);
        Assert.Equal(1, await app.QueryAsync(d => d.StatusReports.CountAsync(r => r.ProjectId == project.Id)));

        // Closed with a final report, the project owes no more reports: nothing is overdue.
        await app.WithDbAsync(async d =>
        {
            d.ProjectClosings.Add(new ProjectClosing { ProjectId = project.Id, Outcome = ClosingOutcome.Stopped, EndDate = today, WhatWorked = "a", WhatDidNotWork = "b", DoDifferently = "c" });
            await d.SaveChangesAsync();
        });
        Assert.Empty((await lead.GetPageAsync(schedule)).QuerySelectorAll(".overdue"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_start_page_lists_reports_to_write_for_the_lead_and_to_approve_for_the_programme(TestDatabase db)
    {
        var app = apps[db];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (project, reportId, _, _) = await ProjectWithIndicatorsAsync(app, today.AddDays(10));
        var far = new StatusReport { Id = Guid.CreateVersion7(), ProjectId = project.Id, DueOn = today.AddDays(200), State = ReportState.NotStarted };
        await app.WithDbAsync(async d => { d.Add(far); await d.SaveChangesAsync(); });
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var leadsList = (await lead.GetPageAsync("/")).GetElementById("reports")!;
        Assert.NotNull(leadsList.QuerySelector($"a[href='/portfolio/projects/{project.Id}/reports/{reportId}']"));
        Assert.Null(leadsList.QuerySelector($"a[href='/portfolio/projects/{project.Id}/reports/{far.Id}']")); // not due for months
        Assert.Null((await manager.GetPageAsync("/")).QuerySelector($"#reports a[href='/portfolio/projects/{project.Id}/reports/{reportId}']"));

        await app.WithDbAsync(d => d.StatusReports.Where(r => r.Id == reportId).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReportState.Submitted)));
        Assert.NotNull((await manager.GetPageAsync("/")).QuerySelector($"#reports a[href='/portfolio/projects/{project.Id}/reports/{reportId}']"));
        Assert.Null((await lead.GetPageAsync("/")).QuerySelector($"#reports a[href='/portfolio/projects/{project.Id}/reports/{reportId}']"));
        Assert.Null((await app.ClientFor(DemoAccounts.BosoManager).GetPageAsync("/")).QuerySelector($"#reports a[href='/portfolio/projects/{project.Id}/reports/{reportId}']"));
        Assert.Contains("Venter på deg", (await manager.GetPageAsync("/")).QuerySelector($"#reports li:has(a[href='/portfolio/projects/{project.Id}/reports/{reportId}'])")!.TextContent, StringComparison.Ordinal);

        // Returned (or begun), it is the lead's to finish whatever its due date.
        await app.WithDbAsync(d => d.StatusReports.Where(r => r.Id == far.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReportState.Returned)));
        Assert.NotNull((await lead.GetPageAsync("/")).QuerySelector($"#reports a[href='/portfolio/projects/{project.Id}/reports/{far.Id}']"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_manager_who_sends_a_report_does_not_approve_it_and_an_approval_comment_is_kept(TestDatabase db)
    {
        var app = apps[db];
        var (project, reportId, _, _) = await ProjectWithIndicatorsAsync(app, new DateOnly(DateTime.UtcNow.Year, 6, 30));
        var manager = app.ClientFor(DemoAccounts.Manager);
        var edit = $"/portfolio/projects/{project.Id}/reports/{reportId}/edit";
        var view = $"/portfolio/projects/{project.Id}/reports/{reportId}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(manager, await manager.GetPageAsync(edit), edit + "?handler=Submit", Complete)).StatusCode);
        var own = await Html.ParseAsync(await PostFormAsync(manager, await manager.GetPageAsync(view), view + "?handler=Approve"));
        Assert.Contains("Du sendte rapporten selv. En annen i programmet må godkjenne den.", own.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReportState.Submitted, (await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId))).State);

        var owner = app.ClientFor(DemoAccounts.Owner);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(owner, await owner.GetPageAsync(view), view + "?handler=Approve", ("Answer.Comment", "Godt arbeid med risikoene."))).StatusCode);
        var approved = await app.QueryAsync(d => d.StatusReports.SingleAsync(r => r.Id == reportId));
        Assert.Equal((ReportState.Approved, "Godt arbeid med risikoene."), (approved.State, approved.ReturnComment));
        Assert.True(await app.QueryAsync(d => d.OutboxMessages.AnyAsync(m => m.Subject == $"Statusrapporten er godkjent: {project.Name}" && m.Body.Contains("Godt arbeid med risikoene."))));
    }
}
