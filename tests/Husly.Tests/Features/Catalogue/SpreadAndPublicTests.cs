using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Husly.Data.DemoData;
using Husly.Features.Catalogue;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Catalogue;

/// <summary>Issue 11 §3–§5: registering an adoption and seeing the spread; the open data; nothing internal in public;
/// cached pages cleared on change; rate limiting in Norwegian.</summary>
public sealed class SpreadAndPublicTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_district_registers_an_adoption_with_results_and_the_public_page_shows_the_spread(TestDatabase db)
    {
        var app = apps[db];
        var solution = await app.AddSolutionAsync("Spredning " + CatalogueTestData.Marker(), "Noe å ta i bruk.");
        var indicator = solution.Indicators.Single();
        var url = $"/losninger/{solution.Slug}/ta-i-bruk";
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.PartnerNav).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.ClientFor().GetAsync(url)).StatusCode);

        var director = app.ClientFor(DemoAccounts.DirectorGrorud);
        var form = await director.GetPageAsync(url);
        Assert.Equal("0301", (form.QuerySelector("#Input_MunicipalityNumber") as IHtmlSelectElement)!.Value);
        Assert.Equal(DemoIds.District("Grorud").ToString(), (form.QuerySelector("#Input_DistrictId") as IHtmlSelectElement)!.Value);

        // Stopped without saying why: told, and what was typed stays.
        var refused = await Html.ParseAsync(await director.SubmitAsync(form, "main form[method=post]", Html.Values(
            ("Input.Status", "Stopped"), ("Input.Changes", "Vi brukte frivillige i stedet for ansatte."),
            ("Input.Contact", "Spør " + Husly.Common.IdentityNumber.Synthetic(new DateOnly(1975, 6, 15), 42)),
            ("Input.Results[0].IndicatorId", indicator.Id.ToString()), ("Input.Results[0].Year", "2026"))));
        Assert.Equal("Skriv hvorfor dere stoppet. Det er nyttig for andre.", refused.FieldError("Input_StoppedReason"));
        Assert.Equal("Skriv resultatet.", refused.FieldError("Input_Results_0__Value"));
        Assert.Equal("Teksten ser ut til å inneholde et fødselsnummer eller D-nummer. Den blir offentlig: ta nummeret ut.", refused.FieldError("Input_Contact"));
        Assert.Equal("Vi brukte frivillige i stedet for ansatte.", refused.QuerySelector("#Input_Changes")!.TextContent);

        var saved = await director.SubmitAsync(form, "main form[method=post]", Html.Values(
            ("Input.Status", "Trying"), ("Input.Changes", "Vi brukte frivillige i stedet for ansatte."),
            ("Input.Results[0].IndicatorId", indicator.Id.ToString()), ("Input.Results[0].Year", "2026"), ("Input.Results[0].Value", "4 personer")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await app.ClientFor().GetPageAsync("/losninger/" + solution.Slug);
        var spread = page.QuerySelectorAll("section.spread table")[0];
        Assert.Equal(["Oslo", "Oslo", "Bydel Grorud", "Prøver ut"], spread.QuerySelectorAll("tbody tr td").Take(4).Select(td => td.TextContent));
        // The chart says the same as the table: one bar for Oslo with the number 1.
        Assert.Equal("1", page.QuerySelectorAll("svg .bar-chart__value").Single().TextContent);
        Assert.Contains("4 personer", page.QuerySelectorAll("section.spread table")[1].TextContent, StringComparison.Ordinal);

        // The place a solution comes from does not adopt it: Oslo itself (no district) is refused for an Oslo-wide solution.
        var own = await Html.ParseAsync(await director.SubmitAsync(await director.GetPageAsync(url), "main form[method=post]", Html.Values(("Input.DistrictId", ""))));
        Assert.Equal("Løsningen kommer herfra. Registrer steder som har tatt den i bruk etter at den ble laget.", own.FieldError("Input_MunicipalityNumber"));

        // The same organisation updates its registration instead of adding another.
        var update = await director.GetPageAsync(url);
        Assert.StartsWith("Oppdater:", update.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(update, "main form[method=post]", Html.Values(("Input.Status", "InOperation")))).StatusCode);
        Assert.Equal(1, await app.QueryAsync(d => d.Adoptions.CountAsync(a => a.SolutionId == solution.Id)));
        var ranking = await app.ClientFor(DemoAccounts.Manager).GetPageAsync("/catalogue/spread");
        Assert.Contains(ranking.QuerySelectorAll("tbody tr"), tr => tr.TextContent.Contains(solution.Title, StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task No_anonymous_page_or_document_shows_internal_fields(TestDatabase db)
    {
        var app = apps[db];
        var visitor = app.ClientFor();
        // What must never be public: people (names and addresses of users), budgets, reviewers' words, risks, return comments.
        var secrets = await app.QueryAsync(async d =>
        {
            var list = new List<string>();
            list.AddRange(DemoAccounts.All.SelectMany(a => new[] { a.Name, a.Email }));
            list.AddRange((await d.ProjectFunding.Select(f => f.AmountNok).Distinct().ToListAsync()).Where(a => a >= 10_000)
                .SelectMany(a => new[] { a.ToString(System.Globalization.CultureInfo.InvariantCulture), a.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("nb-NO")) }));
            list.AddRange(await d.CriterionScores.Where(s => s.Comment != null && s.Comment.Length > 20).Select(s => s.Comment!).ToListAsync());
            list.AddRange(await d.ReportRisks.Where(r => r.Description.Length > 20).Select(r => r.Description).ToListAsync());
            list.AddRange(await d.Reviews.Where(r => r.Comment != null && r.Comment.Length > 20).Select(r => r.Comment!).ToListAsync());
            return list.Distinct().ToList();
        });
        Assert.NotEmpty(secrets);
        var published = await app.QueryAsync(d => d.Solutions.Where(s => s.State == SolutionState.Published).Select(s => s.Slug).ToListAsync());
        Assert.True(published.Count >= 20, $"only {published.Count} published");

        var urls = new List<string> { "/losninger", "/losninger?q=bolig", "/losninger?page=2", "/losninger/feed.atom", "/losninger/eksport.csv", "/sitemap.xml",
            "/api/v1/solutions", "/api/v1/solutions?q=bolig", "/api/v1/solutions/hsds", "/api/v1/lessons", "/api/v1/lessons?kind=Failure",
            "/losninger/erfaringer", "/losninger/erfaringer?kind=Failure", "/robots.txt" };
        urls.AddRange(published.SelectMany(s => new[] { "/losninger/" + s, "/api/v1/solutions/" + s }));
        var jsonNames = new HashSet<string>();
        foreach (var url in urls)
        {
            var response = await visitor.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{url} shows «{secret}»");
            }
            if (response.Content.Headers.ContentType!.MediaType == "application/json")
            {
                Collect(JsonDocument.Parse(text).RootElement, jsonNames);
            }
        }
        // Every field the open API has, on purpose; a new one must be added here knowingly.
        string[] allowed =
        [
            "items", "total", "page", "pageSize", "pageCount", "facets", "name", "label", "selected", "values", "value", "count",
            "slug", "title", "summary", "municipalityNumber", "municipality", "county", "district", "organisationForm", "category", "phase",
            "publishedAt", "adoptions", "url", "problem", "staffNeeds", "costNeeds", "partnerNeeds", "howToStart", "fromYear", "toYear",
            "targetGroups", "contact", "contactEmail", "contactPhone", "project", "indicators", "lessons", "spread", "adopterResults",
            "firstPublishedAt", "version", "id", "result", "kind", "text", "indicatorId", "status", "adoptedOn", "indicator", "year",
            "solution", "solutionSlug",
            // HSDS 3.0
            "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents", "organization_id", "description", "email", "application_process", "fees_description",
            "eligibility_description", "assured_date", "organization", "service_at_locations", "service_id", "location_id", "location",
            "location_type", "external_identifier", "external_identifier_type", "phones", "number", "attributes", "taxonomy",
        ];
        Assert.Empty(jsonNames.Except(allowed));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Open_data_comes_as_csv_atom_sitemap_and_hsds(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var solution = await app.AddSolutionAsync("=HYPERLINK(\"x\") " + marker, "Åpne data; med semikolon.");
        var visitor = app.ClientFor();
        var csv = await visitor.GetAsync("/losninger/eksport.csv?q=" + marker);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Tittel;Adresse;Sammendrag;", text, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("\"Åpne data; med semikolon.\"", text, StringComparison.Ordinal);

        // HSDS's paginated list, 100 a page: the new solution is on one of them.
        var first = JsonDocument.Parse(await visitor.GetStringAsync("/api/v1/solutions/hsds")).RootElement;
        Assert.True(first.GetProperty("first_page").GetBoolean());
        var pages = first.GetProperty("total_pages").GetInt32();
        Assert.Equal(await app.QueryAsync(d => d.Solutions.CountAsync(s => s.State == SolutionState.Published)), first.GetProperty("total_items").GetInt32());
        var services = new List<JsonElement>();
        for (var p = 1; p <= pages; p++)
        {
            services.AddRange(JsonDocument.Parse(await visitor.GetStringAsync("/api/v1/solutions/hsds?page=" + p)).RootElement.GetProperty("contents").EnumerateArray());
        }
        var service = services.Single(s => s.GetProperty("id").GetString() == solution.Id.ToString());
        Assert.Equal("active", service.GetProperty("status").GetString());
        Assert.Equal(service.GetProperty("organization_id").GetString(), service.GetProperty("organization").GetProperty("id").GetString());
        var location = service.GetProperty("service_at_locations")[0].GetProperty("location");
        Assert.Equal(("0301", "kommunenummer", "physical"), (location.GetProperty("external_identifier").GetString(), location.GetProperty("external_identifier_type").GetString(), location.GetProperty("location_type").GetString()));

        var robots = await visitor.GetStringAsync("/robots.txt");
        Assert.Contains("Allow: /losninger", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);

        var openApi = await visitor.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/solutions", "/api/v1/solutions/{slug}", "/api/v1/solutions/hsds", "/api/v1/lessons" })
        {
            Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Cached_public_pages_are_served_from_the_cache_and_cleared_when_a_solution_changes(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var visitor = app.ClientFor();
        var url = "/losninger?q=" + marker;
        Assert.Equal("Ingen løsninger passer søket.", (await visitor.GetPageAsync(url)).QuerySelector(".result-count")!.TextContent.Trim());
        Assert.NotNull((await visitor.GetAsync(url)).Headers.Age); // served from the output cache
        var solution = await app.AddSolutionAsync("Ny " + marker, marker);
        var fresh = await visitor.GetPageAsync(url);
        Assert.Equal("1 løsning", fresh.QuerySelector(".result-count")!.TextContent.Trim());

        // A signed-in user is never served a cached page.
        var manager = app.ClientFor(DemoAccounts.Manager);
        await manager.GetAsync("/losninger/" + solution.Slug);
        Assert.Null((await manager.GetAsync("/losninger/" + solution.Slug)).Headers.Age);
    }

    [Fact]
    public async Task Too_many_searches_from_one_address_are_told_to_wait_in_Norwegian()
    {
        await using var app = new HuslyApp(TestDatabase.Sqlite, new Dictionary<string, string> { ["Catalogue:RequestsPerMinute"] = "3", ["Catalogue:CacheSeconds"] = "0" });
        var visitor = app.ClientFor();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/losninger?q=bolig" + i)).StatusCode);
        }
        var refused = await visitor.GetAsync("/losninger?q=bolig9");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter!.ToString());
        var page = await Html.ParseAsync(refused);
        Assert.Equal("For mange forespørsler", page.QuerySelector("h1")!.TextContent.Trim());
        var api = await visitor.GetAsync("/api/v1/solutions");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal("For mange forespørsler", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        // Pages outside the catalogue are not limited.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/accessibility")).StatusCode);
    }

    private static void Collect(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    names.Add(property.Name);
                    Collect(property.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, names);
                }
                break;
            default:
                break;
        }
    }
}
