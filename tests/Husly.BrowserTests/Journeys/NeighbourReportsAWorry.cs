using System.Text.RegularExpressions;
using Husly.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>Issue 12 §4: a neighbour on a phone-sized window, without JavaScript, reports a worry about an older man:
/// forgets what they saw, is told so with the rest kept, sends it, gets a receipt code, and later adds to the report with
/// the code. axe on every page, the answers to the posts included.</summary>
public sealed class NeighbourReportsAWorry(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task Reports_on_a_phone_without_javascript_and_adds_to_it_with_the_receipt_code(string database)
    {
        BrowserHost host = database == "Postgres" ? postgres : sqlite;
        var page = await host.NewPageAsync(javaScript: false, width: 390, height: 844);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Meld en bekymring", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meld en bekymring for en person", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".emergency")).ToContainTextAsync("113");
        // Nothing sticks out of a phone's width.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await host.AssertAccessibleWithoutJavaScriptAsync(page);

        await page.GetByLabel("Navn på personen").FillAsync("Eldre mann, Haugerud");
        await page.GetByLabel("Adresse", new() { Exact = true }).FillAsync("Tvetenveien 999");
        await page.GetByLabel("Postnummer").FillAsync("1086");
        await page.GetByLabel("Bør ses på i løpet av noen dager").CheckAsync();
        await page.GetByLabel("Hvem er du for personen?").SelectOptionAsync(new SelectOptionValue { Label = "Nabo" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send bekymringen" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Skriv hva du har sett eller hørt");
        await Expect(page.GetByLabel("Navn på personen")).ToHaveValueAsync("Eldre mann, Haugerud");
        await host.AssertAccessibleContentWithoutJavaScriptAsync(page);

        await page.GetByLabel("Hva har du sett eller hørt?").FillAsync("Han har ikke vært ute på to uker, og det lukter vondt fra leiligheten.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send bekymringen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Takk – bekymringen er mottatt", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Bydel Alna");
        var code = (await page.Locator("#receipt-code").TextContentAsync())!.Trim();
        Assert.Matches(new Regex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"), code);
        await host.AssertAccessibleContentWithoutJavaScriptAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Legg til opplysninger i en melding du har sendt" }).ClickAsync();
        await host.AssertAccessibleWithoutJavaScriptAsync(page);
        await page.GetByLabel("Kvitteringskode").FillAsync(code.ToLowerInvariant());
        await page.GetByLabel("Hva vil du legge til?").FillAsync("Nå står avisene i en bunke utenfor døren.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send tillegget" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Tillegget er lagt til meldingen du sendte");
        await host.AssertAccessibleContentWithoutJavaScriptAsync(page);
    }
}
