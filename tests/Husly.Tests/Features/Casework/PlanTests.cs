using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Casework;

/// <summary>The crisis plan and the individual plan, through the real forms.</summary>
public sealed class PlanTests(Apps apps)
{
    private static string Date(int daysFromToday) => DateOnly.FromDateTime(DateTime.Now).AddDays(daysFromToday).ToString("yyyy-MM-dd");

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_crisis_plan_is_written_shown_on_the_resident_page_and_guarded_against_concurrent_edits(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/{id}/plans";
        var form = await eva.GetPageAsync(url);

        var empty = await Html.ParseAsync(await eva.SubmitAsync(form, "form[action*='handler=Crisis']"));
        Assert.Equal("Beskriv varseltegnene.", empty.FieldError("Crisis_WarningSigns"));
        Assert.Equal("Skriv hvem som skal kontaktes.", empty.FieldError("Crisis_WhoToCall"));

        var values = Html.Values(("Crisis.WarningSigns", "Slutter å åpne døra, sover lite."), ("Crisis.WhatHelps", "Rolig prat, gå tur."),
            ("Crisis.WhoToCall", "Søster Anne, 99 99 99 99; legevakten 116 117"));
        var saved = await eva.SubmitAsync(form, "form[action*='handler=Crisis']", values);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(saved)).QuerySelector("main")?.TextContent);
        var page = await eva.GetPageAsync($"/casework/residents/details/{id}");
        Assert.Contains("Slutter å åpne døra", page.QuerySelector(".crisis-plan")!.TextContent);

        // The first form was read before the plan existed: saving it again is a conflict, not an overwrite.
        var stale = await eva.SubmitAsync(form, "form[action*='handler=Crisis']", Html.Values(
            ("Crisis.WarningSigns", "Annet"), ("Crisis.WhatHelps", "Annet"), ("Crisis.WhoToCall", "Annet")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("Noen andre har endret planen", (await Html.ParseAsync(stale)).GetElementById("form-errors")!.TextContent);
        Assert.Contains("Slutter å åpne døra", (await eva.GetPageAsync($"/casework/residents/details/{id}")).QuerySelector(".crisis-plan")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Goals_in_the_residents_own_words_get_measures_a_responsible_and_an_evaluation(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/{id}/plans";

        var goal = Html.Values(("Goal.InOwnWords", "Jeg vil klare å betale husleia selv"), ("Goal.Measures", "Fast trekk fra NAV, ukentlig gjennomgang"),
            ("Goal.Responsible", "Eva Strand og NAV-veileder"), ("Goal.EvaluateBy", Date(-1)));
        var past = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddGoal']", goal));
        Assert.Equal("Evalueringsdatoen må være fram i tid.", past.FieldError("Goal_EvaluateBy"));
        Assert.Equal("Jeg vil klare å betale husleia selv", past.QuerySelector("textarea[name='Goal.InOwnWords']")!.TextContent.Trim());

        goal["Goal.EvaluateBy"] = [Date(60)];
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddGoal']", goal)).StatusCode);
        var page = await eva.GetPageAsync(url);
        Assert.Contains("«Jeg vil klare å betale husleia selv»", page.QuerySelector(".goal h3")!.TextContent);

        var noText = await Html.ParseAsync(await eva.SubmitAsync(page, "form[action*='handler=Evaluate']", Html.Values(("Evaluate.On", Date(0)))));
        Assert.Equal("Skriv hva evalueringen viste.", noText.FieldError("Evaluate_Text"));
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(page, "form[action*='handler=Evaluate']",
            Html.Values(("Evaluate.On", Date(0)), ("Evaluate.Text", "Betalt tre måneder på rad")))).StatusCode);
        Assert.Contains("Betalt tre måneder på rad", (await eva.GetPageAsync(url)).QuerySelector(".goal")!.TextContent);
        Assert.Contains("0 mål som ikke er evaluert", (await eva.GetPageAsync($"/casework/residents/details/{id}")).GetElementById("plans-heading")!.ParentElement!.TextContent);
    }
}
