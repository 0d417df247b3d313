using System.Text.RegularExpressions;
using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>Issue 12 §4: a neighbour on a phone-sized window, without JavaScript, reports a worry about an older man:
/// forgets what they saw, is told so with the rest kept, sends it, gets a receipt code, and later adds to the report with
/// the code. A case worker in the district takes it up, assesses it, finds the person among her residents, links and
/// decides; the team leader sees the one that waited past its deadline. axe on every page, the answers to posts included.</summary>
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

        var person = "Eldre mann " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Navn på personen").FillAsync(person);
        await page.GetByLabel("Adresse", new() { Exact = true }).FillAsync("Ammerudhellinga 999");
        await page.GetByLabel("Postnummer").FillAsync("0958");
        await page.GetByLabel("Bør ses på i løpet av noen dager").CheckAsync();
        await page.GetByLabel("Hvem er du for personen?").SelectOptionAsync(new SelectOptionValue { Label = "Nabo" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send bekymringen" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Skriv hva du har sett eller hørt");
        await Expect(page.GetByLabel("Navn på personen")).ToHaveValueAsync(person);
        await host.AssertAccessibleContentWithoutJavaScriptAsync(page);

        await page.GetByLabel("Hva har du sett eller hørt?").FillAsync("Han har ikke vært ute på to uker, og det lukter vondt fra leiligheten.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send bekymringen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Takk – bekymringen er mottatt", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Bydel Grorud");
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

        // The district's case worker takes it up from the queue.
        var worker = await host.NewPageAsync();
        await worker.SignInAsync(DemoAccounts.CaseWorkerGrorud.Email, DemoAccounts.Password);
        await worker.GetByRole(AriaRole.Link, new() { Name = "Bekymringer", Exact = true }).ClickAsync();
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = person }).ClickAsync();
        await Expect(worker.Locator("main")).ToContainTextAsync("Nå står avisene i en bunke utenfor døren.");
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Ta meldingen til vurdering" }).ClickAsync();
        await Expect(worker.Locator(".flash")).ToContainTextAsync("Meldingen er tatt til vurdering av deg.");
        await worker.GetByLabel("Alvorlighet").SelectOptionAsync(new SelectOptionValue { Label = "Høy – trenger hjelp snart" });
        await worker.GetByLabel("Hva bekymringen gjelder").SelectOptionAsync(new SelectOptionValue { Label = "Forsømmer seg selv eller hjemmet" });
        await worker.GetByRole(AriaRole.Button, new() { Name = "Lagre vurderingen" }).ClickAsync();
        await Expect(worker.Locator(".flash")).ToContainTextAsync("Vurderingen er lagret.");
        await worker.AssertAccessibleAsync();

        // She finds him among her residents (the demo's Kari stands in for him) and links the report.
        await worker.Locator("#link > summary").ClickAsync();
        await worker.GetByLabel("Navn", new() { Exact = true }).FillAsync("Kari Testesen");
        await worker.GetByLabel("Fødselsår").FillAsync("1990");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Koble til Kari Testesen" }).ClickAsync();
        await Expect(worker.Locator(".flash")).ToContainTextAsync("Meldingen er koblet til brukeren.");
        await worker.Locator("#Decide_Outcome").SelectOptionAsync(new SelectOptionValue { Label = "Bydelen følger opp" });
        await worker.GetByLabel("Begrunnelse").FillAsync("Tilbyr hjemmebesøk og bo-oppfølging.");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Lagre beslutningen" }).ClickAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Avslutt meldingen" }).ClickAsync();
        await Expect(worker.Locator(".flash")).ToContainTextAsync("Meldingen er avsluttet.");
        await Expect(worker.Locator("ol.history")).ToContainTextAsync("Koblet til bruker");
        await worker.AssertAccessibleAsync();

        // The team leader sees the report that waited past its deadline at the top of the queue.
        var leader = await host.NewPageAsync();
        await leader.SignInAsync(DemoAccounts.TeamLeaderGrorud.Email, DemoAccounts.Password);
        await Expect(leader.Locator("#concerns")).ToContainTextAsync("Fristen er passert for");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Gå til bekymringsmeldingene" }).ClickAsync();
        await Expect(leader.Locator("table.concern-queue tbody tr").First).ToContainTextAsync("Eskalert til teamleder");
        await leader.AssertAccessibleAsync();
    }
}
