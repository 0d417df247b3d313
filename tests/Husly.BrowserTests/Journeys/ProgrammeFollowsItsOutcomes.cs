using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>Issue 13 §5: the programme manager opens the outcome dashboard, narrows it to a district and another measure,
/// reads the cost–benefit calculator with her own extra costs; a neighbouring municipality, on a phone without
/// JavaScript, does the self-assessment; the manager saves Oslo's and compares the years. axe on every page.</summary>
public sealed class ProgrammeFollowsItsOutcomes(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task From_the_dashboard_through_cost_benefit_to_the_self_assessment(string database)
    {
        BrowserHost host = database == "Postgres" ? postgres : sqlite;
        var page = await host.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Effekter", Exact = true }).ClickAsync();
        // The first computation starts with the app; wait for its figures.
        for (var i = 0; i < 60 && await page.Locator("#table-utvikling").CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Effekter for dem som får oppfølging", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("figure.bar-chart").First).ToBeVisibleAsync();
        await Expect(page.Locator("#table-trend-chart")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Bydel", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Bydel Sagene" });
        await page.GetByLabel("Vis i diagrammet").SelectOptionAsync(new SelectOptionValue { Label = "Institusjonsdøgn" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await Expect(page.Locator(".lead")).ToContainTextAsync("Bydel Sagene");
        await Expect(page.Locator("figure.bar-chart figcaption").First).ToContainTextAsync("Institusjonsdøgn per år, Bydel Sagene");
        await Expect(page.Locator("#table-prosjekt")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Kost–nytte", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kost–nytte av oppfølgingen", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Andre kostnader ved oppfølgingen (kr)").FillAsync("100000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Regn ut" }).ClickAsync();
        await Expect(page.Locator("#example-warning")).ToBeVisibleAsync();
        await Expect(page.Locator("#balance, main p").First).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Satsene som er brukt");
        await page.AssertAccessibleAsync();

        // A smaller municipality, on a phone, without JavaScript and without signing in.
        var visitor = await host.NewPageAsync(javaScript: false, width: 390, height: 844);
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Selvvurdering for kommuner" }).ClickAsync();
        await host.AssertAccessibleWithoutJavaScriptAsync(visitor);
        await visitor.GetByLabel("Antall innbyggere").FillAsync("25 000");
        await visitor.Locator("#svar-0-Yes").CheckAsync();
        await visitor.Locator("#svar-2-Yes").CheckAsync();
        await visitor.Locator("#svar-5-Yes").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Vis forslag" }).ClickAsync();
        await Expect(visitor.Locator("#resultat")).ToContainTextAsync("Forslag for kommunen");
        await Expect(visitor.Locator(".assessment-result")).ToContainTextAsync("konkrete tiltak");
        await Expect(visitor.Locator(".recommendation--recommended").First).ToBeVisibleAsync();
        Assert.True(await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await host.AssertAccessibleContentWithoutJavaScriptAsync(visitor);

        // Oslo's own, saved for this year and compared.
        await page.GotoAsync("/selvvurdering");
        await page.GetByLabel("Kommune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Oslo" });
        await page.GetByLabel("Antall innbyggere").FillAsync("717 000");
        await page.Locator("#svar-0-Yes").CheckAsync();
        await page.Locator("#svar-13-Yes").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis forslag" }).ClickAsync();
        await Expect(page.Locator("#resultat")).ToContainTextAsync("Forslag for Oslo");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre vurderingen" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("er lagret");
        await Expect(page.Locator("#history")).ToContainTextAsync("717");
        await page.AssertAccessibleAsync();
    }
}
