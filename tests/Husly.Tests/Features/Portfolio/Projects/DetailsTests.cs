using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Projects;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Portfolio.Projects;

public sealed class DetailsTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_named_demo_projects_carry_the_facts_from_the_sources(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);

        var husrom = await client.GetPageAsync($"/portfolio/projects/details/{DemoIds.Project("Husrom-hjerterom")}");
        Assert.Contains("Bydel Frogner", husrom.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("I ordinær drift", husrom.QuerySelector(".tags")!.TextContent);
        Assert.Contains("10 personer bosatt", husrom.QuerySelector("#impacts-heading")!.ParentElement!.TextContent);

        var together = await client.GetPageAsync($"/portfolio/projects/details/{DemoIds.Project("Sammen om bolig")}");
        Assert.Contains("4 100 000 kr", together.QuerySelector("#funding")!.TextContent.Replace('\u00a0', ' '));
        var impacts = together.QuerySelector("#impacts-heading")!.ParentElement!;
        var headings = impacts.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Realiserte virkninger", "Forventede virkninger", "Realiserte effekter", "Forventede effekter"], headings);
        Assert.Contains("Fafo", together.QuerySelector("#partners")!.TextContent);
        Assert.Contains("Bydel Alna, Bydel Gamle Oslo, Bydel Grorud, Bydel Grünerløkka, Bydel St. Hanshaugen, Bydel Stovner", together.QuerySelector("dl.facts")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Partners_funding_and_impacts_are_added_and_removed_with_history(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud));
        var client = app.ClientFor(DemoAccounts.LeadGrorud);
        var url = $"/portfolio/projects/details/{project.Id}";

        var page = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action*='handler=AddPartner']", Html.Values(
            ("Partner.OrganisationId", DemoIds.Organisation(ReferenceData.Police).ToString()), ("Partner.Role", "Trygghetsvurdering")))).StatusCode);
        page = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action*='handler=AddFunding']", Html.Values(
            ("Funding.Year", "2026"), ("Funding.Source", "ProgrammeGrant"), ("Funding.SourceName", "BOSin"), ("Funding.AmountNok", "750000")))).StatusCode);
        page = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action*='handler=AddImpact']", Html.Values(
            ("Impact.Kind", "Effect"), ("Impact.Realisation", "Expected"), ("Impact.Description", "Færre utkastelser")))).StatusCode);

        page = await client.GetPageAsync(url);
        Assert.Contains("Oslo politidistrikt", page.QuerySelector("#partners")!.TextContent);
        Assert.Contains("750 000 kr", page.QuerySelector("#funding")!.TextContent.Replace('\u00a0', ' '));
        Assert.Contains("Færre utkastelser", page.QuerySelector(".impacts")!.TextContent);
        var history = page.QuerySelector("table.history")!.TextContent;
        Assert.Contains("Oslo politidistrikt: Trygghetsvurdering", history);
        Assert.Contains("Færre utkastelser", history);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action*='handler=RemovePartner']")).StatusCode);
        Assert.Empty((await app.ProjectAsync(project.Id)).Partners);
        Assert.Contains("Samarbeidspartnere", (await client.GetPageAsync(url)).QuerySelector("table.history")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Invalid_child_input_is_shown_with_the_whole_page_and_nothing_is_saved(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b);
        var client = app.ClientFor(DemoAccounts.Owner);
        var page = await client.GetPageAsync($"/portfolio/projects/details/{project.Id}");

        var response = await client.SubmitAsync(page, "form[action*='handler=AddFunding']", Html.Values(
            ("Funding.Year", "1999"), ("Funding.SourceName", "Eget budsjett"), ("Funding.AmountNok", "-5")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var result = await Html.ParseAsync(response);
        Assert.Equal("Året må være mellom 2000 og 2100.", result.FieldError("Funding_Year"));
        Assert.Equal("Velg type finansiering.", result.FieldError("Funding_Source"));
        Assert.StartsWith("Beløpet må være mellom 0 og", result.FieldError("Funding_AmountNok"));
        Assert.Equal("Eget budsjett", ((AngleSharp.Html.Dom.IHtmlInputElement)result.QuerySelector("#Funding_SourceName")!).Value);
        Assert.Empty((await app.ProjectAsync(project.Id)).Funding);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_phase_change_is_recorded_with_reason_and_a_stale_one_is_refused(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.WithStatus(ProjectStatus.Active, InnovationPhase.GeneratingIdeas));
        var client = app.ClientFor(DemoAccounts.Manager);
        var url = $"/portfolio/projects/details/{project.Id}";
        var first = await client.GetPageAsync(url);
        var stale = await client.GetPageAsync(url);

        var ok = await client.SubmitAsync(first, "form[action*='handler=ChangePhase']", Html.Values(
            ("Phase.Phase", "DevelopingAndTesting"), ("Phase.Note", "Prototypen er klar for testing")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var refused = await client.SubmitAsync(stale, "form[action*='handler=ChangePhase']", Html.Values(("Phase.Phase", "MakingTheCase")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Noen andre har endret prosjektet i mellomtiden", (await Html.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent);

        var saved = await app.ProjectAsync(project.Id);
        Assert.Equal(InnovationPhase.DevelopingAndTesting, saved.Phase);
        var last = saved.PhaseChanges.OrderBy(c => c.ChangedAt).Last();
        Assert.Equal((InnovationPhase.GeneratingIdeas, InnovationPhase.DevelopingAndTesting, "Prototypen er klar for testing", "Marius Dahl"),
            (last.FromPhase!.Value, last.ToPhase, last.Note, last.ChangedBy));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Readers_see_no_edit_controls_and_their_posts_are_refused(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud"));
        var owner = app.ClientFor(DemoAccounts.Owner);
        var ownerPage = await owner.GetPageAsync($"/portfolio/projects/details/{project.Id}");
        var caseWorker = app.ClientFor(DemoAccounts.CaseWorkerGrorud);

        var page = await caseWorker.GetPageAsync($"/portfolio/projects/details/{project.Id}");
        Assert.Null(page.QuerySelector("form[action*='handler=AddPartner']"));
        Assert.Null(page.QuerySelector("a[href*='/edit/']"));

        // The case worker replays the owner's form (their own antiforgery token would be needed; the rule must hold anyway).
        var response = await caseWorker.SubmitAsync(ownerPage, "form[action*='handler=Archive']");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest);
        Assert.False((await app.ProjectAsync(project.Id)).IsArchived);
    }
}
