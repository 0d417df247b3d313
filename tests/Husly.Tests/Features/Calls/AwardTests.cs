using System.Net;
using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Calls;
using Husly.Features.Calls.Awards;
using Husly.Features.Portfolio.Projects;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Calls;

/// <summary>Issue 10 §4: decisions, the budget frame, the letter, and the project an award creates or funds again.</summary>
public sealed class AwardTests(Apps apps)
{
    private static async Task<HttpResponseMessage> DecideAsync(HttpClient manager, Guid id, params (string, string?)[] values) =>
        await manager.SubmitAsync(await manager.GetPageAsync($"/applications/{id}/decision"), "main form", Html.Values(values));

    private static async Task<T> QueryAsync<T>(HuslyApp app, Func<HuslyDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HuslyDbContext>());
    }

    /// <summary>A published call open now with a small budget frame, of its own so awards in other tests do not count.</summary>
    private static async Task<Guid> SmallCallAsync(HttpClient manager, long frame)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var created = await manager.SubmitAsync(await manager.GetPageAsync("/calls/create"), "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()), ("Input.Year", "2027"), ("Input.Title", $"Liten utlysning {Guid.NewGuid():N}"),
            ("Input.Text", "Tekst."), ("Input.OpensOn", today), ("Input.OpensTime", "00:00"), ("Input.ClosesOn", "31.12.2030"), ("Input.ClosesTime", "12:00"),
            ("Input.BudgetFrame", frame.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Criteria[0].Name", "Alt"), ("Input.Criteria[0].Weight", "100")));
        var id = Guid.Parse(created.Headers.Location!.ToString().Split('/').Last());
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(await manager.GetPageAsync($"/calls/{id}"), "form[action*='Publish']")).StatusCode);
        return id;
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_award_creates_the_project_and_mails_a_letter_that_can_be_printed(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var director = app.ClientFor(DemoAccounts.DirectorFrogner);
        var title = $"Tildeles {Guid.NewGuid():N}";
        var id = await CallsTestData.SubmittedAsync(director, title);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync($"/applications/{id}/decision")).StatusCode);

        var tooMuch = await DecideAsync(manager, id, ("Input.Outcome", "Awarded"), ("Input.Amount", "700000"));
        Assert.StartsWith("Det kan ikke tildeles mer enn det er søkt om", (await Html.ParseAsync(tooMuch)).FieldError("Input_Amount"), StringComparison.Ordinal);
        var badDates = await DecideAsync(manager, id, ("Input.Outcome", "Awarded"), ("Input.Amount", "500000"), ("Input.ReportDates", "snart"));
        Assert.Equal("Skriv én dato per linje, for eksempel 30.06.2027.", (await Html.ParseAsync(badDates)).FieldError("Input_ReportDates"));
        var awarded = await DecideAsync(manager, id, ("Input.Outcome", "Awarded"), ("Input.Amount", "500000"), ("Input.Conditions", "Brukerne skal være med i styringsgruppen."),
            ("Input.ReportDates", "31.12.2027\n30.06.2027"));
        Assert.Equal($"/applications/{id}/letter", awarded.Headers.Location!.ToString());

        var letter = await director.GetPageAsync($"/applications/{id}/letter");
        var text = letter.QuerySelector("#letter")!.TextContent.Replace('\u00a0', ' ');
        Assert.Contains("Dere tildeles 500 000 kr (det ble søkt om 600 000 kr)", text, StringComparison.Ordinal);
        Assert.Contains("Vilkår: Brukerne skal være med i styringsgruppen.", text, StringComparison.Ordinal);
        Assert.Contains("innen: 30.06.2027, 31.12.2027", text, StringComparison.Ordinal);
        Assert.Equal("nb", letter.QuerySelector("#letter")!.GetAttribute("lang"));

        var project = await QueryAsync(app, d => d.Projects.Include(p => p.Funding).SingleAsync(p => p.Name == title));
        Assert.Equal(ProjectStatus.Active, project.Status);
        Assert.Equal(DemoIds.District("Frogner"), project.LeadUnitId);
        Assert.Contains(project.Funding, f => f.Source == FundingSource.ProgrammeGrant && f.AmountNok == 500_000 && f.Year == 2027);
        Assert.Contains(project.Funding, f => f.Source == FundingSource.OwnContribution && f.AmountNok == 100_000);
        Assert.Equal(project.Id, (await QueryAsync(app, d => d.FundingDecisions.SingleAsync(x => x.ApplicationId == id))).ProjectId);
        Assert.Equal(2, await QueryAsync(app, d => d.ReportsDue.CountAsync(r => d.FundingDecisions.Any(x => x.ApplicationId == id && x.Id == r.DecisionId))));
        // The award's report dates are the project's reporting schedule, and the applicant leads the project.
        Assert.Equal([new DateOnly(2027, 6, 30), new DateOnly(2027, 12, 31)],
            await QueryAsync(app, d => d.StatusReports.Where(r => r.ProjectId == project.Id).OrderBy(r => r.DueOn).Select(r => r.DueOn).ToListAsync()));
        Assert.Equal(DemoIds.User(DemoAccounts.DirectorFrogner.Email), project.ProjectLeadId);
        Assert.True(await QueryAsync(app, d => d.OutboxMessages.AnyAsync(m => m.To == DemoAccounts.DirectorFrogner.Email && m.Kind == "decision" && m.Subject == $"Tilsagn om midler: {title}")));

        var again = await DecideAsync(manager, id, ("Input.Outcome", "Rejected"), ("Input.Reason", "Ombestemt"));
        Assert.Contains("ikke klar for vedtak", (await Html.ParseAsync(again)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Two_managers_awarding_at_once_cannot_take_the_call_over_its_frame(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var owner = app.ClientFor(DemoAccounts.Owner);
        var call = await SmallCallAsync(manager, 1_000_000);
        var first = await CallsTestData.SubmittedAsync(app.ClientFor(DemoAccounts.DirectorFrogner), $"Første {Guid.NewGuid():N}", call);
        var second = await CallsTestData.SubmittedAsync(app.ClientFor(DemoAccounts.DirectorGrorud), $"Andre {Guid.NewGuid():N}", call);

        var pages = await Task.WhenAll(manager.GetPageAsync($"/applications/{first}/decision"), owner.GetPageAsync($"/applications/{second}/decision"));
        (string, string?)[] award = [("Input.Outcome", "Awarded"), ("Input.Amount", "600000")];
        var responses = await Task.WhenAll(manager.SubmitAsync(pages[0], "main form", Html.Values(award)), owner.SubmitAsync(pages[1], "main form", Html.Values(award)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = await Html.ParseAsync(responses.Single(r => r.StatusCode != HttpStatusCode.Redirect));
        Assert.Matches("budsjettrammen|samtidig", refused.QuerySelector("#form-errors")!.TextContent);
        Assert.Equal(600_000, await QueryAsync(app, d => d.Calls.Where(c => c.Id == call).Select(c => c.AwardedTotal).SingleAsync()));
        Assert.Equal(1, await QueryAsync(app, d => d.FundingDecisions.CountAsync(x => (x.ApplicationId == first || x.ApplicationId == second) && x.Outcome == DecisionOutcome.Awarded)));

        // Told plainly on the next try; what is left still can be awarded.
        var loser = responses[0].StatusCode == HttpStatusCode.Redirect ? second : first;
        var over = await DecideAsync(loser == first ? manager : owner, loser, award);
        Assert.Contains("over budsjettrammen: 600 000 kr av 1 000 000 kr er tildelt, 400 000 kr er igjen", (await Html.ParseAsync(over)).FieldError("Input_Amount")!.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(manager, loser, ("Input.Outcome", "Awarded"), ("Input.Amount", "400000"))).StatusCode);
        Assert.Equal(1_000_000, await QueryAsync(app, d => d.Calls.Where(c => c.Id == call).Select(c => c.AwardedTotal).SingleAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_rejection_gives_its_reason_and_a_request_for_information_reopens_the_application(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var director = app.ClientFor(DemoAccounts.DirectorFrogner);
        var rejected = await CallsTestData.SubmittedAsync(director, $"Avslås {Guid.NewGuid():N}");
        Assert.Equal("Skriv begrunnelsen for avslaget. Den står i brevet til søkerne.", (await Html.ParseAsync(await DecideAsync(manager, rejected, ("Input.Outcome", "Rejected")))).FieldError("Input_Reason"));
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(manager, rejected, ("Input.Outcome", "Rejected"), ("Input.Reason", "Løsningen finnes allerede i bydelen."))).StatusCode);
        var letter = (await director.GetPageAsync($"/applications/{rejected}/letter")).QuerySelector("#letter")!.TextContent;
        Assert.Contains("Søknaden er avslått.", letter, StringComparison.Ordinal);
        Assert.Contains("Løsningen finnes allerede i bydelen.", letter, StringComparison.Ordinal);

        var asked = await CallsTestData.SubmittedAsync(director, $"Mer info {Guid.NewGuid():N}");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(manager, asked, ("Input.Outcome", "MoreInformation"), ("Input.Reason", "Legg ved avtalen med NAV."), ("Input.InformationDueOn", due))).StatusCode);
        Assert.Equal(ApplicationStage.Draft, await QueryAsync(app, d => d.Applications.Where(a => a.Id == asked).Select(a => a.Stage).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/applications/edit/{asked}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(await director.GetPageAsync($"/applications/{asked}"), "form[action*='handler=Submit']")).StatusCode);
        Assert.Equal(ApplicationStage.Submitted, await QueryAsync(app, d => d.Applications.Where(a => a.Id == asked).Select(a => a.Stage).SingleAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_award_to_an_application_that_continues_a_project_funds_that_project(TestDatabase db)
    {
        var app = apps[db];
        var existing = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Frogner"), $"Videreføres {Guid.NewGuid():N}");
        var id = await CallsTestData.SubmittedAsync(app.ClientFor(DemoAccounts.DirectorFrogner), $"Fortsettelse {Guid.NewGuid():N}", more: ("Input.ContinuesProjectId", existing.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(app.ClientFor(DemoAccounts.Manager), id, ("Input.Outcome", "Awarded"), ("Input.Amount", "300000"))).StatusCode);
        var funding = await QueryAsync(app, d => d.ProjectFunding.Where(f => f.ProjectId == existing.Id && f.Source == FundingSource.ProgrammeGrant).Select(f => f.AmountNok).ToListAsync());
        Assert.Contains(300_000, funding);
        Assert.Equal(existing.Id, (await QueryAsync(app, d => d.FundingDecisions.SingleAsync(x => x.ApplicationId == id))).ProjectId);
    }

    /// <summary>Issue 10 §1: a programme that switches on the second assessment round awards only what went through it.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task With_a_second_round_switched_on_only_applications_taken_on_to_it_can_be_awarded(TestDatabase db)
    {
        await using var app = new HuslyApp(db);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var director = app.ClientFor(DemoAccounts.DirectorFrogner);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(await manager.GetPageAsync($"/calls/stages/{DemoIds.Programme("BOSin")}"), "main form",
            Html.Values(("Input[4].IsEnabled", "true")))).StatusCode);
        var title = $"Andre runde {Guid.NewGuid():N}";
        var id = await CallsTestData.SubmittedAsync(director, title);
        Assert.Null((await manager.GetPageAsync($"/applications/{id}")).GetElementById("second-round"));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(await manager.GetPageAsync($"/applications/{id}/reviewers"), "#add-reviewer",
            Html.Values(("Email", DemoAccounts.Owner.Email)))).StatusCode);

        var early = await Html.ParseAsync(await DecideAsync(manager, id, ("Input.Outcome", "Awarded"), ("Input.Amount", "500000")));
        Assert.Contains("Programmet bruker «Andre vurderingsrunde»: ta søknaden med dit før den kan tildeles midler.", early.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var details = await manager.GetPageAsync($"/applications/{id}");
        var version = details.QuerySelector("#second-round input[name=version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostWithTokenAsync($"/applications/{id}?handler=SecondRound", ("version", version))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(details, "#second-round")).StatusCode);
        Assert.Equal(ApplicationStage.SecondAssessment, await QueryAsync(app, d => d.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync()));
        Assert.True(await QueryAsync(app, d => d.OutboxMessages.AnyAsync(m => m.To == DemoAccounts.DirectorFrogner.Email && m.Subject == $"Søknaden går videre: {title}")));
        Assert.Contains("Andre vurderingsrunde", (await director.GetPageAsync($"/applications/{id}")).GetElementById("stage-now")!.TextContent, StringComparison.Ordinal);

        Assert.Equal($"/applications/{id}/letter", (await DecideAsync(manager, id, ("Input.Outcome", "Awarded"), ("Input.Amount", "500000"))).Headers.Location!.ToString());
    }
}
