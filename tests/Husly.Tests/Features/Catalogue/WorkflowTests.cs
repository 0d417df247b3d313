using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Husly.Data.DemoData;
using Husly.Features.Catalogue;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Catalogue;

/// <summary>Issue 11 §1: the editorial workflow — draft, in review, published, withdrawn — and who may take each step;
/// addresses that survive a new slug; the history of who did what.</summary>
public sealed class WorkflowTests(Apps apps)
{
    private static readonly Guid Bosin = DemoIds.Programme("BOSin");

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_manager_enters_another_municipalitys_solution_and_the_public_sees_it_only_once_published(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var manager = app.ClientFor(DemoAccounts.Manager);
        var visitor = app.ClientFor();

        var form = await manager.GetPageAsync("/catalogue/create");
        var key = form.QuerySelector("input[name='Input.Indicators[0].Key']")!.GetAttribute("value")!;
        // Missing title and an Oslo district for a solution in Stavanger: told, and nothing typed is lost.
        var refused = await manager.SubmitAsync(form, "main form[method=post]", Html.Values(
            ("ProgrammeId", Bosin.ToString()), ("Input.Summary", "Et sammendrag som skal bli stående."), ("Input.MunicipalityNumber", "1103"),
            ("Input.DistrictId", DemoIds.District("Grorud").ToString()),
            ("Input.Problem", "Gjaldt blant andre " + Husly.Common.IdentityNumber.Synthetic(new DateOnly(1980, 3, 1), 123)!.Insert(6, " ") + ".")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.Equal("Skriv en tittel.", again.FieldError("Input_Title"));
        Assert.Equal("Et sammendrag som skal bli stående.", again.QuerySelector("#Input_Summary")!.TextContent);
        // Everything here becomes public, so an identity number is refused wherever it is typed.
        Assert.Equal("Teksten ser ut til å inneholde et fødselsnummer eller D-nummer. Den blir offentlig: ta nummeret ut.", again.FieldError("Input_Problem"));

        var created = await manager.SubmitAsync(form, "main form[method=post]", Html.Values(
            ("ProgrammeId", Bosin.ToString()), ("Input.Title", $"Housing First i Stavanger {marker}"),
            ("Input.Summary", "Bolig først, så oppfølging i eget hjem."), ("Input.Problem", "Bostedsløse med rus og psykiske lidelser mistet boligen."),
            ("Input.HowToStart", "Start med et lite team."), ("Input.Contact", "Stavanger kommune, Helse og velferd"),
            ("Input.MunicipalityNumber", "1103"), ("Input.OrganisationForm", "Team"), ("Input.Category", "SupportedHousing"),
            ("Input.Indicators[0].Name", "Bor i egen bolig etter ett år"), ("Input.Indicators[0].ResultText", "9 av 10"),
            ("Input.Lessons[0].Kind", "Failure"), ("Input.Lessons[0].Text", "Det tok et år å finne nok leiligheter."), ("Input.Lessons[0].IndicatorKey", key)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var manage = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(manage.Split('/').Last());
        var slug = await app.QueryAsync(d => d.Solutions.Where(s => s.Id == id).Select(s => s.Slug).SingleAsync());
        Assert.Equal($"housing-first-i-stavanger-{marker}", slug);

        // A draft is nowhere in public, not even by its address.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/losninger/" + slug)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/api/v1/solutions/" + slug)).StatusCode);
        Assert.Empty(await SearchTests.SlugsAsync(visitor, marker));

        var status = await manager.GetPageAsync(manage);
        var sent = await manager.SubmitAsync(status, "form[action*='handler=Send']");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        status = await manager.GetPageAsync(manage);
        // A stale page cannot publish: the version it carries is older than the solution's.
        var stale = await manager.SubmitAsync(status, "form[action*='handler=Publish']", Html.Values(("Version", Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(SolutionState.InReview, await StateAsync(app, id));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(status, "form[action*='handler=Publish']")).StatusCode);

        var page = await visitor.GetPageAsync("/losninger/" + slug);
        Assert.Equal($"Housing First i Stavanger {marker}", page.QuerySelector("h1")!.TextContent);
        // The failure is shown next to the figure it explains.
        var indicator = page.QuerySelectorAll("section.indicator").Single();
        Assert.Contains("9 av 10", indicator.TextContent, StringComparison.Ordinal);
        Assert.Contains("Det tok et år å finne nok leiligheter.", indicator.QuerySelector(".lesson--failure")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Housing First i Stavanger {marker}", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.EndsWith("/losninger/" + slug, page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal([slug], await SearchTests.SlugsAsync(visitor, $"{marker} leilighetene"));

        var feed = XDocument.Parse(await visitor.GetStringAsync("/losninger/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "id")!.Value == "urn:uuid:" + id);
        var sitemap = await visitor.GetStringAsync("/sitemap.xml");
        Assert.Contains("/losninger/" + slug + "</loc>", sitemap, StringComparison.Ordinal);

        // A new address: the old one redirects for good.
        var edit = await manager.GetPageAsync(manage + "/edit");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(edit, "main form[method=post]", Html.Values(("Input.Slug", "hf-" + marker)))).StatusCode);
        var moved = await visitor.GetAsync("/losninger/" + slug);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/losninger/hf-" + marker, moved.Headers.Location!.OriginalString);

        // Withdrawing needs a public reason; then the page says so (410) and search forgets it.
        status = await manager.GetPageAsync(manage);
        var noReason = await Html.ParseAsync(await manager.SubmitAsync(status, "form[action*='handler=Withdraw']"));
        Assert.Equal("Skriv hvorfor løsningen trekkes tilbake. Begrunnelsen vises offentlig.", noReason.FieldError("Comment"));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(status, "form[action*='handler=Withdraw']", Html.Values(("Comment", "Erstattet av en nyere modell.")))).StatusCode);
        var gone = await visitor.GetAsync("/losninger/hf-" + marker);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("Erstattet av en nyere modell.", (await Html.ParseAsync(gone)).QuerySelector(".pkt-alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync("/api/v1/solutions/hf-" + marker)).StatusCode);
        Assert.Empty(await SearchTests.SlugsAsync(visitor, marker));

        var history = (await manager.GetPageAsync(manage)).QuerySelectorAll("section[aria-labelledby=history] tbody tr")
            .Select(tr => (tr.Children[1].TextContent, tr.Children[2].TextContent)).Reverse().ToList();
        Assert.Equal([("Opprettet", DemoAccounts.Manager.Name), ("Sendt til gjennomgang", DemoAccounts.Manager.Name), ("Publisert", DemoAccounts.Manager.Name),
            ("Endret", DemoAccounts.Manager.Name), ("Trukket tilbake", DemoAccounts.Manager.Name)], history);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_project_lead_drafts_from_their_project_and_only_the_programme_publishes(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var botrygt = DemoIds.Project("BoTrygt");

        // Knowing another district's project id opens nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/catalogue/create?project={DemoIds.Project("Husrom-hjerterom")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/catalogue/create?project={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/catalogue/create")).StatusCode);

        var form = await lead.GetPageAsync($"/catalogue/create?project={botrygt}");
        Assert.Equal("BoTrygt", form.QuerySelector("#Input_Title")!.GetAttribute("value"));
        // The approved report's failure comes along, still pinned to the indicator it explains; budgets and risks do not.
        var lessons = Enumerable.Range(0, 10).Select(i => form.QuerySelector($"#Input_Lessons_{i}__Text")?.TextContent).Where(t => t is not null).ToList();
        var failure = lessons.FindIndex(t => t!.StartsWith("Nettskjemaet ble nesten ikke brukt", StringComparison.Ordinal));
        Assert.True(failure >= 0, string.Join(" | ", lessons));
        Assert.Equal("Failure", (form.QuerySelector($"#Input_Lessons_{failure}__Kind") as IHtmlSelectElement)!.Value);
        Assert.NotEqual("", (form.QuerySelector($"#Input_Lessons_{failure}__IndicatorKey") as IHtmlSelectElement)!.Value);
        var created = await lead.SubmitAsync(form, "main form[method=post]", Html.Values(("Input.HowToStart", "Start med et nabomøte."), ("Input.Title", "BoTrygt " + CatalogueTestData.Marker())));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var manage = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(manage.Split('/').Last());
        Assert.Equal(botrygt, await app.QueryAsync(d => d.Solutions.Where(s => s.Id == id).Select(s => s.ProjectId).SingleAsync()));

        // Others in the municipality do not see a draft: 404, like an id that does not exist.
        foreach (var other in new[] { DemoAccounts.LeadFrogner, DemoAccounts.DirectorFrogner, DemoAccounts.PartnerNav, DemoAccounts.CaseWorkerGrorud, DemoAccounts.BosoManager })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(other).GetAsync(manage)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(other).GetAsync(manage + "/edit")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await app.ClientFor().GetAsync(manage)).StatusCode); // to sign-in

        var status = await lead.GetPageAsync(manage);
        Assert.Null(status.QuerySelector("form[action*='handler=Publish']"));
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(status, "form[action*='handler=Send']")).StatusCode);
        // The lead may not publish, even by posting the step by hand.
        var version = await app.QueryAsync(d => d.Solutions.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostWithTokenAsync(manage + "?handler=Publish", ("Version", version.ToString()))).StatusCode);
        Assert.Equal(SolutionState.InReview, await StateAsync(app, id));

        // The manager returns it with a comment; the lead fixes and sends again; the manager publishes.
        var review = await manager.GetPageAsync(manage);
        var noComment = await Html.ParseAsync(await manager.SubmitAsync(review, "form[action*='handler=Return']"));
        Assert.Equal("Skriv hva som må endres.", noComment.FieldError("Comment"));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(review, "form[action*='handler=Return']", Html.Values(("Comment", "Skriv hva det koster.")))).StatusCode);
        Assert.Equal(SolutionState.Draft, await StateAsync(app, id));
        var edit = await lead.GetPageAsync(manage + "/edit");
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(edit, "main form[method=post]", Html.Values(("Input.CostNeeds", "En halv stilling i to år.")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(await lead.GetPageAsync(manage), "form[action*='handler=Send']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(await manager.GetPageAsync(manage), "form[action*='handler=Publish']")).StatusCode);
        Assert.Equal(SolutionState.Published, await StateAsync(app, id));
        // Once published, it is the programme's to change.
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(manage + "/edit")).StatusCode);
        var events = await app.QueryAsync(d => d.SolutionEvents.Where(e => e.SolutionId == id).OrderBy(e => e.At).Select(e => e.Action.ToString() + ":" + e.By).ToListAsync());
        Assert.Equal(["Created:" + DemoAccounts.LeadGrorud.Name, "SentToReview:" + DemoAccounts.LeadGrorud.Name, "ReturnedToDraft:" + DemoAccounts.Manager.Name,
            "Edited:" + DemoAccounts.LeadGrorud.Name, "SentToReview:" + DemoAccounts.LeadGrorud.Name, "Published:" + DemoAccounts.Manager.Name], events);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Two_editors_saving_the_same_solution_do_not_overwrite_each_other(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var solution = await app.AddSolutionAsync("Samtidig " + marker, "Begge redigerer.");
        var manager = app.ClientFor(DemoAccounts.Manager);
        var owner = app.ClientFor(DemoAccounts.Owner);
        var first = await manager.GetPageAsync($"/catalogue/manage/{solution.Id}/edit");
        var second = await owner.GetPageAsync($"/catalogue/manage/{solution.Id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(first, "main form[method=post]", Html.Values(("Input.Summary", "Først.")))).StatusCode);
        var conflict = await owner.SubmitAsync(second, "main form[method=post]", Html.Values(("Input.Summary", "Sist.")));
        var page = await Html.ParseAsync(conflict);
        Assert.Contains("Noen andre har endret løsningen mens du skrev", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sist.", page.QuerySelector("#Input_Summary")!.TextContent);
        Assert.Equal("Først.", await app.QueryAsync(d => d.Solutions.Where(s => s.Id == solution.Id).Select(s => s.Summary).SingleAsync()));
        // The search index follows the saved text (the update trigger on SQLite, the generated vector on PostgreSQL).
        Assert.Equal([solution.Slug], await SearchTests.SlugsAsync(app.ClientFor(), "først " + marker));
        Assert.Empty(await SearchTests.SlugsAsync(app.ClientFor(), "redigerer " + marker));
    }

    private static Task<SolutionState> StateAsync(HuslyApp app, Guid id) =>
        app.QueryAsync(d => d.Solutions.Where(s => s.Id == id).Select(s => s.State).SingleAsync());
}
