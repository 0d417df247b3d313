using System.Net;
using System.Text.Json;
using Husly.Common;
using Husly.Features.Catalogue;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Catalogue;

/// <summary>Issue 11 §2: Norwegian full-text search on both databases — stems, æøå, ranking, snippets, facet counts,
/// hostile input — as an anonymous visitor sees it, on the page and in the API.</summary>
public sealed class SearchTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Inflected_forms_and_æøå_find_the_same_solutions(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var bolig = await app.AddSolutionAsync($"Trygg bolig {marker}", $"En bolig for unge som trenger det. {marker}");
        var followUp = await app.AddSolutionAsync($"Tett oppfølging {marker}", $"Oppfølging hjemme i uka etter innflytting. {marker}", municipality: "1804");
        var bærum = await app.AddSolutionAsync($"Nabolaget {marker}", $"Møteplass for beboere på Fornebu i Bærum. {marker}", municipality: "3201");
        var visitor = app.ClientFor();

        Assert.Equal([bolig.Slug], await SlugsAsync(visitor, $"boliger {marker}"));
        Assert.Equal([followUp.Slug], await SlugsAsync(visitor, $"oppfølgingen {marker}"));
        Assert.Equal([bærum.Slug], await SlugsAsync(visitor, $"BÆRUM {marker}"));
        Assert.Equal([bærum.Slug], await SlugsAsync(visitor, $"møteplassene {marker}"));
        // Words are ANDed; a phrase in quotes keeps its order; a minus leaves a word out; OR widens.
        Assert.Empty(await SlugsAsync(visitor, $"bolig oppfølging {marker}"));
        Assert.Equal([bolig.Slug], await SlugsAsync(visitor, $"\"trygg bolig\" {marker}"));
        Assert.Empty(await SlugsAsync(visitor, $"\"bolig trygg\" {marker}"));
        Assert.Equal(new[] { followUp.Slug, bærum.Slug }.Order(), (await SlugsAsync(visitor, $"{marker} -bolig")).Order());
        // OR binds looser than the words around it (as in PostgreSQL's websearch syntax): a OR b c is a OR (b AND c).
        var either = await SlugsAsync(visitor, $"trygg OR oppfølgingen {marker}");
        Assert.Contains(bolig.Slug, either);
        Assert.Contains(followUp.Slug, either);
        Assert.DoesNotContain(bærum.Slug, either);

        // The snippet marks the words found, as written, and HTML-encodes the rest.
        var page = await visitor.GetPageAsync("/losninger?q=" + Uri.EscapeDataString($"boliger {marker}"));
        var hit = page.QuerySelectorAll(".solution-hit").Single();
        Assert.Contains("bolig", hit.QuerySelectorAll(".solution-hit__snippet mark").Select(m => m.TextContent.ToLowerInvariant()));
        Assert.Equal(bolig.Title, hit.QuerySelector("h2 a")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_title_match_ranks_above_a_match_in_the_text(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var inText = await app.AddSolutionAsync($"Nabolag {marker}", $"Her nevnes boskole én gang. {marker}");
        var inTitle = await app.AddSolutionAsync($"Boskole for unge {marker}", $"Et kurs i å bo. {marker}");
        Assert.Equal([inTitle.Slug, inText.Slug], await SlugsAsync(app.ClientFor(), $"boskole {marker}"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Facets_count_the_matches_with_every_other_filter_and_an_empty_result_suggests_removing_one(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        await app.AddSolutionAsync($"A {marker}", marker, municipality: "1103", form: OrganisationForm.Team, category: FollowUpCategory.OutreachTeam);
        await app.AddSolutionAsync($"B {marker}", marker, municipality: "1103", form: OrganisationForm.HousingSchool);
        await app.AddSolutionAsync($"C {marker}", marker, municipality: "1804", form: OrganisationForm.Team, targetGroup: "Bostedsløse");
        var visitor = app.ClientFor();

        var all = await SearchAsync(visitor, $"q={marker}");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal([("1804", "Bodø", 1), ("1103", "Stavanger", 2)], Facet(all, "municipality"));
        Assert.Equal([("18", "Nordland", 1), ("11", "Rogaland", 2)], Facet(all, "county"));
        Assert.Equal([("Team", "Team (Housing First, FACT)", 2), ("HousingSchool", "Boskole", 1)], Facet(all, "form"));

        // With a form chosen, the other facets count within it and the form facet still offers the alternatives.
        var team = await SearchAsync(visitor, $"q={marker}&form=Team");
        Assert.Equal(2, team.GetProperty("total").GetInt32());
        Assert.Equal([("1804", "Bodø", 1), ("1103", "Stavanger", 1)], Facet(team, "municipality"));
        Assert.Equal([("Team", "Team (Housing First, FACT)", 2), ("HousingSchool", "Boskole", 1)], Facet(team, "form"));
        Assert.Equal("Team", team.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "form").GetProperty("selected").GetString());
        Assert.Equal(1, Facet(team, "targetGroup").Single().Count);

        // Nothing in Bodø with a housing school: the page names the filters to drop and what each gives.
        var page = await visitor.GetPageAsync($"/losninger?q={marker}&municipality=1804&form=HousingSchool");
        Assert.Equal("Ingen løsninger passer søket.", page.QuerySelector(".result-count")!.TextContent.Trim());
        var suggestions = page.QuerySelectorAll(".pkt-alert--info a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Uten filteret «Kommune»: 1 løsning", $"/losninger?q={marker}&form=HousingSchool"), suggestions);
        Assert.Contains(("Uten filteret «Organisering»: 1 løsning", $"/losninger?q={marker}&municipality=1804"), suggestions);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Hostile_queries_are_read_as_words_and_never_break_the_search_or_the_page(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var target = await app.AddSolutionAsync($"Bolig {marker}", marker);
        var visitor = app.ClientFor();
        string[] hostile =
        [
            "\"", "\"\"\"", "'", "')) OR 1=1 --", "bolig\" OR \"1\"=\"1", "NEAR(bolig oppfølging)", "bolig*", "*", "^bolig", "title:bolig",
            "bolig & | ! :* <->", "-", "- -", "OR", "AND NOT", "(((", "<script>alert(1)</script>", "\u0000", "😀 bolig", new string('a', 200),
            "og i på", "%", "_", "\\", "{}", "bolig -", "-bolig",
        ];
        foreach (var q in hostile)
        {
            var response = await visitor.GetAsync("/losninger?q=" + Uri.EscapeDataString(q));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{q}: {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
            var api = await visitor.GetAsync("/api/v1/solutions?q=" + Uri.EscapeDataString(q));
            Assert.True(api.StatusCode == HttpStatusCode.OK, $"API {q}: {(int)api.StatusCode}");
        }
        // Operators around a real word still find it.
        Assert.Equal([target.Slug], await SlugsAsync(visitor, $"\"{marker}\" ')) OR -- *"));
        // Too long: told plainly, and the search still answers without the text.
        var tooLong = await visitor.GetPageAsync("/losninger?q=" + new string('b', 201));
        Assert.Equal("Søketeksten kan ha høyst 200 tegn.", tooLong.QuerySelector("#form-errors li")!.TextContent.Trim());
        var badFilter = await visitor.GetAsync("/api/v1/solutions?municipality=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal("application/problem+json", badFilter.Content.Headers.ContentType!.MediaType);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Drafts_and_withdrawn_solutions_are_never_found(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var published = await app.AddSolutionAsync($"Publisert {marker}", marker);
        await app.AddSolutionAsync($"Utkast {marker}", marker, state: SolutionState.Draft);
        await app.AddSolutionAsync($"Gjennomgang {marker}", marker, state: SolutionState.InReview);
        await app.AddSolutionAsync($"Trukket {marker}", marker, state: SolutionState.Withdrawn);
        Assert.Equal([published.Slug], await SlugsAsync(app.ClientFor(), marker));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Lessons_are_listed_with_their_solution_and_can_be_narrowed_to_failures(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var solution = await app.AddSolutionAsync($"Erfaring {marker}", marker, lesson: $"Vi undervurderte behovet {marker}.");
        await app.AddSolutionAsync($"Utkast {marker}", marker, state: SolutionState.Draft, lesson: $"Hemmelig utkast {marker}.");
        var visitor = app.ClientFor();
        var page = await visitor.GetPageAsync($"/losninger/erfaringer?q={marker}&kind=Failure");
        var item = Assert.Single(page.QuerySelectorAll(".solution-list li"));
        Assert.Contains($"Vi undervurderte behovet {marker}.", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("forklarer tallene for «Personer bosatt»", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("/losninger/" + solution.Slug, item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty((await visitor.GetPageAsync($"/losninger/erfaringer?q={marker}&kind=Success")).QuerySelectorAll(".solution-list li"));
        var api = await visitor.GetStringAsync($"/api/v1/lessons?q={marker}");
        Assert.Contains("Vi undervurderte behovet", api, StringComparison.Ordinal);
        Assert.DoesNotContain("Hemmelig utkast", api, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_labels_of_form_and_category_are_found_too(TestDatabase db)
    {
        var app = apps[db];
        var marker = CatalogueTestData.Marker();
        var school = await app.AddSolutionAsync($"Kurs i å bo {marker}", marker, form: OrganisationForm.HousingSchool);
        var team = await app.AddSolutionAsync($"Tett på {marker}", marker, category: FollowUpCategory.SupportedHousing);
        Assert.Equal([school.Slug], await SlugsAsync(app.ClientFor(), $"boskole {marker}"));
        Assert.Equal([team.Slug], await SlugsAsync(app.ClientFor(), $"\"housing first\" {marker}"));
    }

    [Fact]
    public void Identity_numbers_are_recognised_in_text_whatever_their_spacing()
    {
        var number = Husly.Common.IdentityNumber.Synthetic(new DateOnly(1980, 3, 1), 123)!;
        Assert.True(Husly.Common.IdentityNumber.AppearsIn("Bor hos " + number + "."));
        Assert.True(Husly.Common.IdentityNumber.AppearsIn("nr. " + number.Insert(6, " ")));
        Assert.True(Husly.Common.IdentityNumber.AppearsIn("nr. " + number.Insert(6, ".")));
        Assert.False(Husly.Common.IdentityNumber.AppearsIn("konto 9" + number)); // part of a longer number
        Assert.False(Husly.Common.IdentityNumber.AppearsIn(number[..10] + ((number[10] - '0' + 1) % 10))); // check digit wrong
        Assert.False(Husly.Common.IdentityNumber.AppearsIn("Telefon 21 80 21 80, 12 personer i 2024."));
    }

    [Fact]
    public void The_stemmer_meets_inflected_forms()
    {
        Assert.Equal(NorwegianText.Stem("bolig"), NorwegianText.Stem("boliger"));
        Assert.Equal(NorwegianText.Stem("oppfølging"), NorwegianText.Stem("oppfølgingen"));
        Assert.Equal(NorwegianText.Stem("bolig") + " ung", NorwegianText.Stems("Boliger for unge"));
        Assert.Equal("(\"bol\" AND \"ung\") NOT \"barn\"", FullText.Parse("boliger -barn unge").ForFts5());
        Assert.True(FullText.Parse("' ( ) - * -bolig").IsEmpty);
    }

    internal static async Task<List<string>> SlugsAsync(HttpClient client, string q)
    {
        var result = await SearchAsync(client, "q=" + Uri.EscapeDataString(q));
        return result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();
    }

    internal static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/solutions?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static List<(string Value, string Label, int Count)> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).GetProperty("values").EnumerateArray()
            .Select(v => (v.GetProperty("value").GetString()!, v.GetProperty("label").GetString()!, v.GetProperty("count").GetInt32())).ToList();
}
