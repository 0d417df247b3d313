using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Portfolio;

public sealed class PortfolioApiTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Project_list_has_the_page_filters_paging_and_enum_names(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/projects?district={DemoIds.District("Frogner")}&status=InOrdinaryOperation&q=husrom");

        Assert.Equal(1, json.GetProperty("total").GetInt32());
        Assert.Equal(25, json.GetProperty("pageSize").GetInt32());
        var item = json.GetProperty("items")[0];
        Assert.Equal("Husrom-hjerterom", item.GetProperty("name").GetString());
        Assert.Equal("InOrdinaryOperation", item.GetProperty("status").GetString());
        Assert.Equal("DeliveringAndImplementing", item.GetProperty("phase").GetString());
        Assert.Equal("2018-01-01", item.GetProperty("startDate").GetString());

        // Projects of this test's own, so that other tests adding projects in parallel cannot move the numbers.
        var mark = "Sidetest" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 30; i++)
        {
            await apps[db].AddProjectAsync(b => b.InDistrict("Alna"), $"{mark} {i:00}");
        }
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/api/v1/projects?q={mark}&page=2");
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(30, page2.GetProperty("total").GetInt32());
        Assert.Equal(5, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page2.GetProperty("pageCount").GetInt32());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Project_detail_has_realised_and_expected_impacts_and_funding(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{DemoIds.Project("Sammen om bolig")}");

        Assert.Equal("Velferdsetaten", json.GetProperty("leadUnit").GetString());
        Assert.Equal(6, json.GetProperty("coDistricts").GetArrayLength());
        Assert.Equal(4_100_000, json.GetProperty("funding")[0].GetProperty("amountNok").GetInt64());
        var impacts = json.GetProperty("impacts").EnumerateArray().ToList();
        Assert.Equal(8, impacts.Count(i => i.GetProperty("kind").GetString() == "Impact" && i.GetProperty("realisation").GetString() == "Realised"));
        Assert.Equal(2, impacts.Count(i => i.GetProperty("kind").GetString() == "Effect" && i.GetProperty("realisation").GetString() == "Expected"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Programme_detail_has_focus_areas_with_tagged_measures_and_organisation(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.PartnerNav);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/programmes");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("shortName").GetString() == "BOSin");

        var boso = await client.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{DemoIds.Programme("BOSO Oslo")}");
        Assert.Equal(5, boso.GetProperty("focusAreas").GetArrayLength());
        var measures = boso.GetProperty("focusAreas").EnumerateArray().SelectMany(f => f.GetProperty("items").EnumerateArray())
            .Where(i => i.GetProperty("kind").GetString() == "Measure").ToList();
        Assert.Contains(measures, m => m.GetProperty("tag").GetString() == "Provision");
        Assert.Contains(measures, m => m.GetProperty("tag").GetString() == "Training");
        var steering = boso.GetProperty("organisation").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == "SteeringGroup");
        Assert.Equal(7, steering.GetProperty("members").GetArrayLength());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Bad_input_gives_a_400_problem_details(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        foreach (var query in new[] { "?year=1850", "?status=Nonsense", "?page=0" })
        {
            var response = await client.GetAsync("/api/v1/projects" + query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, query + " " + await response.Content.ReadAsStringAsync());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Unknown_unreadable_and_anonymous_requests_get_problem_details_not_pages(TestDatabase db)
    {
        var app = apps[db];
        var hidden = await app.AddProjectAsync(b => b.WithPartner(ReferenceData.Police, "Trygghet"));

        var unknown = await app.ClientFor(DemoAccounts.Manager).GetAsync($"/api/v1/projects/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // For a partner, a project they are not in answers exactly like one that does not exist.
        var notYours = await app.ClientFor(DemoAccounts.PartnerNav).GetAsync($"/api/v1/projects/{hidden.Id}");
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(),
            (await notYours.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var anonymous = await app.ClientFor().GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_OpenAPI_document_describes_the_endpoints(TestDatabase db)
    {
        var json = await apps[db].ClientFor().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/projects", out _));
        Assert.True(paths.TryGetProperty("/api/v1/projects/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/programmes/{id}", out _));
    }
}
