using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Projects;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Portfolio.Projects;

public sealed class IndexTests(Apps apps)
{
    private static async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        var page = await client.GetPageAsync("/portfolio/projects" + query);
        return page.QuerySelectorAll("#projects tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Filters_combine_and_match_lead_or_partner_district_status_phase_target_group_and_year(TestDatabase db)
    {
        var app = apps[db];
        var tag = TestData.Unique("Filtertest");
        var hit = await app.AddProjectAsync(b => b.InDistrict("Ullern").WithCoDistricts("Sagene").ForTargetGroups("Bostedsløse")
            .Running(new DateOnly(2021, 3, 1), new DateOnly(2023, 12, 31)).WithStatus(ProjectStatus.Completed, InnovationPhase.MakingTheCase), tag + " treff");
        await app.AddProjectAsync(b => b.InDistrict("Ullern").ForTargetGroups("Bostedsløse")
            .Running(new DateOnly(2025, 1, 1)).WithStatus(ProjectStatus.Active, InnovationPhase.MakingTheCase), tag + " feil år");
        var client = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var q = Uri.EscapeDataString(tag);

        Assert.Equal([hit.Name], await NamesAsync(client, $"?q={q}&district={DemoIds.District("Sagene")}"));
        Assert.Equal([hit.Name], await NamesAsync(client, $"?q={q}&year=2022"));
        Assert.Equal([hit.Name], await NamesAsync(client, $"?q={q}&status=Completed&phase=MakingTheCase&targetGroup={DemoIds.TargetGroup("Bostedsløse")}"));
        Assert.Equal(2, (await NamesAsync(client, $"?q={q}&district={DemoIds.District("Ullern")}")).Count);
        Assert.Empty(await NamesAsync(client, $"?q={q}&programme={DemoIds.Programme("BOSO Oslo")}"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Free_text_ignores_case_also_for_æøå(TestDatabase db)
    {
        var app = apps[db];
        var name = TestData.Unique("Økt BOLIGMESTRING på Ålnabru");
        await app.AddProjectAsync(b => b, name);
        var client = app.ClientFor(DemoAccounts.Manager);

        Assert.Equal([name], await NamesAsync(client, "?q=" + Uri.EscapeDataString(name.ToLowerInvariant())));
        Assert.Equal([name], await NamesAsync(client, "?q=" + Uri.EscapeDataString("økt boligmestring på ålnabru " + name[^8..].ToUpperInvariant())));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Pages_hold_25_rows_and_sorting_follows_the_chosen_column(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Owner);
        var first = await client.GetPageAsync("/portfolio/projects?sort=Start");
        Assert.Equal(25, first.QuerySelectorAll("#projects tbody tr").Length);
        Assert.Contains("Side 1 av", first.QuerySelector(".pager")!.TextContent);
        var starts = first.QuerySelectorAll("#projects tbody tr td:last-child")
            .Select(c => DateOnly.ParseExact(c.TextContent.Trim()[..10], "dd.MM.yyyy")).ToList();
        Assert.Equal(starts.Order(), starts);

        var second = await client.GetPageAsync("/portfolio/projects?sort=Start&page=2");
        Assert.Contains("Side 2 av", second.QuerySelector(".pager")!.TextContent);
        var secondStarts = second.QuerySelectorAll("#projects tbody tr td:last-child")
            .Select(c => DateOnly.ParseExact(c.TextContent.Trim()[..10], "dd.MM.yyyy")).ToList();
        Assert.True(secondStarts[0] >= starts[^1]);

        var desc = await NamesAsync(client, "?desc=true");
        Assert.Equal(desc.OrderDescending(StringComparer.Ordinal), desc);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_htmx_request_gets_only_the_results_partial(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/portfolio/projects?q=husrom");
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<html", html);
        Assert.Contains("Husrom-hjerterom", html);
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Invalid_filters_are_explained_and_ignored(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        var response = await client.GetAsync("/portfolio/projects?year=1850&status=Nonsense&page=-3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Året må være mellom 2000 og 2100.", page.FieldError("year"));
        Assert.Equal("Verdien «Nonsense» er ugyldig for Status.", page.FieldError("status"));
        Assert.Equal(25, page.QuerySelectorAll("#projects tbody tr").Length);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_partner_sees_only_the_projects_their_organisation_takes_part_in(TestDatabase db)
    {
        var app = apps[db];
        var tag = TestData.Unique("Partnersyn");
        var with = await app.AddProjectAsync(b => b.WithPartner(ReferenceData.Nav, "Veiledning"), tag + " med NAV");
        var without = await app.AddProjectAsync(b => b.WithPartner(ReferenceData.Police, "Trygghet"), tag + " uten NAV");
        var partner = app.ClientFor(DemoAccounts.PartnerNav);

        Assert.Equal([with.Name], await NamesAsync(partner, "?q=" + Uri.EscapeDataString(tag)));
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/portfolio/projects/details/{without.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/portfolio/projects/details/{with.Id}")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Archived_projects_leave_the_list_and_are_found_with_the_archive_filter(TestDatabase db)
    {
        var app = apps[db];
        var name = TestData.Unique("Skal arkiveres");
        var project = await app.AddProjectAsync(b => b, name);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var details = await manager.GetPageAsync($"/portfolio/projects/details/{project.Id}");

        var archived = await manager.SubmitAsync(details, "form[action*='handler=Archive']");
        Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);

        var q = "?q=" + Uri.EscapeDataString(name);
        Assert.Empty(await NamesAsync(manager, q));
        Assert.Equal([name], await NamesAsync(manager, q + "&archived=true"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/portfolio/projects/edit/{project.Id}")).StatusCode);

        var restore = await manager.SubmitAsync(await manager.GetPageAsync($"/portfolio/projects/details/{project.Id}"), "form[action*='handler=Restore']");
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.Equal([name], await NamesAsync(manager, q));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Filter_choices_are_cached_but_a_saved_change_shows_at_once(TestDatabase db)
    {
        var app = apps[db];
        var client = app.ClientFor(DemoAccounts.Manager);
        var name = TestData.Unique("Unge som flytter fra barnevernet");
        string[] Options(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("select[name=targetGroup] option").Select(o => o.TextContent.Trim()).ToArray();

        Assert.DoesNotContain(name, Options(await client.GetPageAsync("/portfolio/projects")));
        await app.WithDbAsync(async db =>
        {
            db.TargetGroups.Add(new TargetGroup { Id = Guid.NewGuid(), Name = name, SortOrder = 99 });
            await db.SaveChangesAsync();
        });

        Assert.Contains(name, Options(await client.GetPageAsync("/portfolio/projects")));
    }
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_cached_list_page_is_per_read_scope_and_shows_a_new_partner_or_co_district_at_once(TestDatabase db)
    {
        var app = apps[db];
        var name = TestData.Unique("Mellomlagret liste");
        var project = await app.AddProjectAsync(b => b.InDistrict("Ullern"), name);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var partner = app.ClientFor(DemoAccounts.PartnerNav);
        var q = "?q=" + Uri.EscapeDataString(name);
        var inSagene = q + "&district=" + DemoIds.District("Sagene");

        // The same filter read first by someone who sees everything must not leak to a partner, nor the reverse.
        Assert.Equal([name], await NamesAsync(manager, q));
        Assert.Empty(await NamesAsync(partner, q));
        Assert.Empty(await NamesAsync(manager, inSagene));

        var details = await manager.GetPageAsync($"/portfolio/projects/details/{project.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(details, "form[action*='handler=AddPartner']", Html.Values(
            ("Partner.OrganisationId", DemoIds.Organisation(ReferenceData.Nav).ToString()), ("Partner.Role", "Bostøtte")))).StatusCode);
        await app.WithDbAsync(async db =>
        {
            db.Add(new ProjectDistrict { ProjectId = project.Id, DistrictId = DemoIds.District("Sagene") });
            await db.SaveChangesAsync();
        });

        Assert.Equal([name], await NamesAsync(partner, q));
        Assert.Equal([name], await NamesAsync(manager, inSagene));
    }
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_cached_filter_form_shows_each_request_its_own_choices_and_language(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        static string Selected(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
            page.QuerySelector($"select[name={name}] option[selected]")?.GetAttribute("value") ?? "";

        foreach (var status in new[] { "Idea", "Active", "Idea" })
        {
            var page = await client.GetPageAsync("/portfolio/projects?status=" + status);
            Assert.Equal(status, Selected(page, "status"));
            Assert.Equal("", Selected(page, "phase"));
        }
        var withYear = await client.GetPageAsync("/portfolio/projects?status=Idea&year=2021");
        Assert.Equal("2021", Selected(withYear, "year"));
        var invalid = await client.GetPageAsync("/portfolio/projects?status=Idea&year=1800");
        Assert.Contains("Året må være mellom", invalid.QuerySelector("#year-error")?.TextContent);

        var english = apps[db].ClientFor(DemoAccounts.Manager);
        var norwegian = await english.GetPageAsync("/portfolio/projects?status=Idea");
        Assert.Equal(HttpStatusCode.Redirect, (await english.SubmitAsync(norwegian, "form.language-switch", Html.Values(("culture", "en")))).StatusCode);
        var inEnglish = await english.GetPageAsync("/portfolio/projects?status=Idea");
        Assert.Equal("All statuses", inEnglish.QuerySelector("select[name=status] option")!.TextContent.Trim());
        Assert.Equal("Idea", Selected(inEnglish, "status"));
    }
}
