using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Portfolio.Programmes;

public sealed class ProgrammesTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Programme_page_shows_goals_focus_areas_organisation_and_projects(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);
        var list = await client.GetPageAsync("/portfolio/programmes");
        Assert.Contains("BOSin", list.QuerySelector("#programmes")!.TextContent);
        Assert.Contains("BOSO Oslo", list.QuerySelector("#programmes")!.TextContent);

        var boso = await client.GetPageAsync($"/portfolio/programmes/details/{DemoIds.Programme("BOSO Oslo")}");
        var text = boso.Body!.TextContent;
        Assert.Contains("Alle har et trygt og godt sted å bo.", text);
        Assert.Contains("5. Kompetanse, læring, utvikling og ny kunnskap", text);
        Assert.Contains("Opplæring (O)", text);
        Assert.Contains("Bjørg Månum Andersson, Kommunaldirektør", text);
        Assert.Contains("Programgruppe Stovner", text);
        Assert.Contains("Bydel Stovner", boso.QuerySelector("#projects-by-district")!.TextContent);
        Assert.Null(boso.QuerySelector("a[href*='/programmes/edit/']"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Only_the_owner_and_the_programmes_own_managers_edit_it(TestDatabase db)
    {
        var url = $"/portfolio/programmes/edit/{DemoIds.Programme("BOSin")}";
        Assert.Equal(HttpStatusCode.OK, (await apps[db].ClientFor(DemoAccounts.Owner).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await apps[db].ClientFor(DemoAccounts.Manager).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await apps[db].ClientFor(DemoAccounts.BosoManager).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await apps[db].ClientFor(DemoAccounts.DirectorGrorud).GetAsync(url)).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Editing_goals_line_by_line_is_saved_with_history_and_rules_are_checked(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.BosoManager);
        var url = $"/portfolio/programmes/edit/{DemoIds.Programme("BOSO Oslo")}";
        var form = await client.GetPageAsync(url);

        var invalid = await Html.ParseAsync(await client.SubmitAsync(form, "main form", Html.Values(("Input.EndYear", "2010"))));
        Assert.Equal("Sluttår kan ikke være før startår.", invalid.FieldError("Input_EndYear"));

        var goal = TestData.Unique("Flere unge i egen bolig");
        var saved = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.WorkingGoals", "Mer forebygging og bekjempelse av bostedsløshet.\n" + goal)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var details = await client.GetPageAsync($"/portfolio/programmes/details/{DemoIds.Programme("BOSO Oslo")}");
        var goals = details.QuerySelector("#goals-heading")!.ParentElement!.TextContent;
        Assert.Contains(goal, goals);
        Assert.DoesNotContain("Mer boligsosial kompetanse i bydelene.", goals);
        var history = details.QuerySelector("table.history")!.TextContent;
        Assert.Contains(goal, history);
        Assert.Contains("Mer boligsosial kompetanse i bydelene.", history);

        var staleResponse = await client.SubmitAsync(form, "main form", Html.Values(("Input.Vision", "Gammel fane")));
        var stale = await Html.ParseAsync(staleResponse);
        Assert.True(stale.QuerySelector("#form-errors") is not null, staleResponse.StatusCode + " " + stale.Body!.TextContent[..Math.Min(2000, stale.Body.TextContent.Length)]);
        Assert.Contains("Noen andre har endret programmet", stale.QuerySelector("#form-errors")!.TextContent);
    }

    /// <summary>Issue 9 §3: focus areas with strategies and measures, and the organisation with named members, are edited
    /// in the app, each change in the programme's history; only those who may edit the programme may.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_programme_manager_edits_focus_areas_and_organisation_with_history(TestDatabase db)
    {
        var app = apps[db];
        // BOSin: the API test counts BOSO Oslo's focus areas in parallel.
        var client = app.ClientFor(DemoAccounts.Manager);
        var programme = DemoIds.Programme("BOSin");
        var url = $"/portfolio/programmes/{programme}/structure";
        Assert.NotNull((await client.GetPageAsync($"/portfolio/programmes/details/{programme}")).GetElementById("edit-structure"));
        var title = TestData.Unique("Unge i egen bolig");

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync(url), "form[action*='handler=AddFocusArea']",
            Html.Values(("FocusArea.Title", title), ("FocusArea.Description", "Flere unge skal bo trygt.")))).StatusCode);
        var page = await client.GetPageAsync(url);
        var area = page.QuerySelectorAll("article.focus-area").Single(a => a.TextContent.Contains(title, StringComparison.Ordinal));
        var strategyTagged = await Html.ParseAsync(await client.SubmitAsync(page, $"#{area.Id} form[action*='handler=AddItem']",
            Html.Values(("Item.Kind", "Strategy"), ("Item.Tag", "Provision"), ("Item.Text", "Samarbeid med utleiere"))));
        Assert.Equal("Bare tiltak merkes med framskaffelse eller opplæring.", strategyTagged.FieldError("Item_Tag"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"#{area.Id} form[action*='handler=AddItem']",
            Html.Values(("Item.Kind", "Measure"), ("Item.Tag", "Training"), ("Item.Text", "Boskole for unge")))).StatusCode);

        var noDistrict = await Html.ParseAsync(await client.SubmitAsync(page, "form[action*='handler=AddGroup']",
            Html.Values(("Group.Kind", "DistrictProgrammeGroup"), ("Group.Name", "Programgruppe"))));
        Assert.Equal("Velg bydelen for en programgruppe i bydel.", noDistrict.FieldError("Group_DistrictId"));
        var groupName = TestData.Unique("Programgruppe Alna");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action*='handler=AddGroup']",
            Html.Values(("Group.Kind", "DistrictProgrammeGroup"), ("Group.Name", groupName), ("Group.DistrictId", DemoIds.District("Alna").ToString())))).StatusCode);
        page = await client.GetPageAsync(url);
        var group = page.QuerySelectorAll("article.programme-group").Single(a => a.TextContent.Contains(groupName, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"#{group.Id} form[action*='handler=AddMember']",
            Html.Values(("Member.Name", "Nora Nilsen"), ("Member.Title", "Bydelsdirektør"), ("Member.IsLead", "true")))).StatusCode);

        var details = await client.GetPageAsync($"/portfolio/programmes/details/{programme}");
        Assert.Contains("Boskole for unge", details.GetElementById("focus-heading")!.ParentElement!.TextContent);
        Assert.Contains("Nora Nilsen", details.GetElementById("org-heading")!.ParentElement!.TextContent);
        var history = details.QuerySelector("table.history")!.TextContent;
        Assert.Contains($": Boskole for unge", history);
        Assert.Contains($"{groupName}: Nora Nilsen", history);

        // Removing a measure is history too.
        page = await client.GetPageAsync(url);
        var measure = page.QuerySelectorAll("article.focus-area").Single(a => a.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"#{measure.Id} form[action*='handler=RemoveItem']")).StatusCode);
        Assert.DoesNotContain("Boskole for unge", (await client.GetPageAsync(url)).GetElementById("focus-areas")!.TextContent);

        // Others read the programme but may not change its structure.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.DirectorGrorud).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/portfolio/programmes/{Guid.NewGuid()}/structure")).StatusCode);
    }
}
