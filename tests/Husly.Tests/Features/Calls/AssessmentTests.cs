using System.Net;
using AngleSharp.Html.Dom;
using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Calls;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Calls;

/// <summary>Issue 10 §3: reviewers assigned by the programme manager score each criterion; a reviewer with a conflict of
/// interest is recused; the overview weighs, compares and totals.</summary>
public sealed class AssessmentTests(Apps apps)
{
    private static async Task<HttpResponseMessage> AssignAsync(HttpClient manager, Guid id, string email) =>
        await manager.SubmitAsync(await manager.GetPageAsync($"/applications/{id}/reviewers"), "#add-reviewer", Html.Values(("Email", email)));

    private static async Task<HttpResponseMessage> ReviewAsync(HttpClient reviewer, Guid id, string handler, int?[] scores, string? recommendation, string comment)
    {
        var page = await reviewer.GetPageAsync($"/applications/{id}/review");
        page.QuerySelector("#review-form")!.SetAttribute("action", $"/applications/{id}/review?handler={handler}");
        var values = scores.Select((s, i) => ($"Input.Scores[{i}].Score", s?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(("Input.Recommendation", recommendation)).Append(("Input.Scores[0].Comment", comment)).ToArray();
        return await reviewer.SubmitAsync(page, "#review-form", Html.Values(values));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Two_reviewers_score_independently_a_third_is_recused_and_the_overview_weighs_and_flags(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var first = app.ClientFor(DemoAccounts.BosoManager);
        var second = app.ClientFor(DemoAccounts.PartnerNav);
        var third = app.ClientFor(DemoAccounts.LeadGrorud);
        var title = $"BoTrygt {Guid.NewGuid():N}";
        var id = await CallsTestData.SubmittedAsync(app.ClientFor(DemoAccounts.DirectorFrogner), title);

        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/applications/{id}/reviewers")).StatusCode);
        var applicant = await AssignAsync(manager, id, DemoAccounts.DirectorFrogner.Email);
        Assert.Equal("Personen er med på søknaden og kan ikke vurdere den.", (await Html.ParseAsync(applicant)).FieldError("Email"));
        foreach (var reviewer in new[] { DemoAccounts.BosoManager, DemoAccounts.PartnerNav, DemoAccounts.LeadGrorud })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(manager, id, reviewer.Email)).StatusCode);
        }
        Assert.Contains("Personen er allerede bedt om en vurdering.", (await Html.ParseAsync(await AssignAsync(manager, id, DemoAccounts.PartnerNav.Email))).FieldError("Email"), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
            Assert.Equal(ApplicationStage.InAssessment, (await context.Applications.SingleAsync(a => a.Id == id)).Stage);
            Assert.True(await context.OutboxMessages.AnyAsync(m => m.To == DemoAccounts.PartnerNav.Email && m.Kind == "review" && m.Body.Contains($"/applications/{id}/review")));
        }

        // BOSin's criteria weigh 30, 30, 20 and 20: 5, 4, 3, 2 make 3.7; 1, 1, 1, 1 make 1.0.
        var incomplete = await ReviewAsync(first, id, "Submit", [5, 4, null, 2], "Award", "Sterk innovasjon");
        Assert.Equal("Gi en poengsum før du leverer.", (await Html.ParseAsync(incomplete)).FieldError("Input_Scores_2__Score"));
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(first, id, "Save", [5, 4, null, 2], null, "Sterk innovasjon")).StatusCode);
        Assert.Equal("5", ((IHtmlSelectElement)(await first.GetPageAsync($"/applications/{id}/review")).GetElementById("Input_Scores_0__Score")!).Value);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(first, id, "Submit", [5, 4, 3, 2], "Award", "Sterk innovasjon")).StatusCode);
        Assert.NotNull((await first.GetPageAsync($"/applications/{id}/review")).QuerySelector("#review-done"));

        var secondPage = await second.GetStringAsync($"/applications/{id}/review");
        Assert.DoesNotContain("Sterk innovasjon", secondPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(second, id, "Submit", [1, 1, 1, 1], "Reject", "Finnes allerede")).StatusCode);

        var recuse = await third.GetPageAsync($"/applications/{id}/review");
        Assert.Equal(HttpStatusCode.Redirect, (await third.SubmitAsync(recuse, "#recuse-form", Html.Values(("ConflictNote", "Nabo av prosjektlederen")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/applications/{id}/review")).StatusCode);
        Assert.Contains("Inhabil", (await third.GetPageAsync("/reviews")).QuerySelector("#reviews")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync($"/calls/{DemoCalls.NextYear}/assessment")).StatusCode);
        var overview = await manager.GetPageAsync($"/calls/{DemoCalls.NextYear}/assessment");
        var row = overview.QuerySelectorAll("#overview tbody tr").Single(tr => tr.TextContent.Contains(title, StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Ja", cells[1]);
        Assert.Equal("2,35", cells[2]);
        Assert.StartsWith("2,70", cells[3], StringComparison.Ordinal);
        Assert.Contains("Stor spredning", cells[3], StringComparison.Ordinal);
        Assert.StartsWith("2 av 2", cells[4], StringComparison.Ordinal);
        Assert.Equal("600 000 kr", cells[5].Replace('\u00a0', ' '));

        var reviewers = await manager.GetPageAsync($"/applications/{id}/reviewers");
        Assert.Equal(["Levert", "Levert", "Inhabil"], reviewers.QuerySelectorAll("#reviewers tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent.Trim()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_director_who_endorsed_it_does_not_review_it(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadFrogner);
        var director = app.ClientFor(DemoAccounts.DirectorFrogner);
        var id = await CallsTestData.DraftAsync(lead, $"Godkjent av Frogner {Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(await lead.GetPageAsync($"/applications/{id}"), "form[action*='handler=RequestEndorsement']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(await director.GetPageAsync($"/applications/{id}"), "form[action*='handler=Endorse']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(await lead.GetPageAsync($"/applications/{id}"), "form[action*='handler=Submit']")).StatusCode);
        var refused = await AssignAsync(app.ClientFor(DemoAccounts.Manager), id, DemoAccounts.DirectorFrogner.Email);
        Assert.Equal("Bydelsdirektøren i bydelen som søker, kan ikke vurdere søknaden.", (await Html.ParseAsync(refused)).FieldError("Email"));
    }
}
