using System.Text.RegularExpressions;
using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>Issue 11 §6: someone from another municipality, not signed in, searches the catalogue, filters, opens a
/// solution, signs in and registers that they have adopted it — with JavaScript (results update while typing) and
/// without (the same plain GET form). axe on every page.</summary>
public sealed class VisitorFindsAndAdoptsASolution(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    [Theory, InlineData("Sqlite", true), InlineData("Postgres", true), InlineData("Sqlite", false), InlineData("Postgres", false)]
    public async Task Searches_filters_opens_signs_in_and_registers_an_adoption(string database, bool javaScript)
    {
        BrowserHost host = database == "Postgres" ? postgres : sqlite;
        var page = await host.NewPageAsync(javaScript);
        async Task Accessible()
        {
            if (javaScript)
            {
                await page.AssertAccessibleAsync();
            }
            else
            {
                await host.AssertAccessibleWithoutJavaScriptAsync(page);
            }
        }

        await page.GotoAsync("/losninger");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Løsninger og erfaringer", Level = 1 })).ToBeVisibleAsync();
        await Accessible();

        // "boligskolene" finds the housing schools: the search reads Norwegian word forms.
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Søk" }).FillAsync("boligskolene");
        if (javaScript)
        {
            // htmx swaps the results while typing; the address follows, so the search can be shared.
            await Expect(page).ToHaveURLAsync(new Regex("q=boligskolene"));
        }
        else
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        }
        await Expect(page.Locator(".solution-list")).ToContainTextAsync("Boligskolen Hamar");
        await Expect(page.Locator(".solution-hit__snippet mark").First).ToBeVisibleAsync();
        await Accessible();

        await page.GetByLabel("Fylke", new() { Exact = true }).SelectOptionAsync("34"); // Innlandet
        if (!javaScript)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Bruk filtrene" }).ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex("county=34"));
        await Expect(page.Locator(".result-count")).ToHaveTextAsync("1 løsning");
        await Accessible();

        await page.GetByRole(AriaRole.Link, new() { Name = "Boligskolen Hamar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Boligskolen Hamar", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("section.spread")).ToContainTextAsync("Bydel Søndre Nordstrand");
        await Accessible();

        // Signing in from the solution brings the visitor straight to the registration.
        await page.GetByRole(AriaRole.Link, new() { Name = "Logg inn for å registrere at dere har tatt løsningen i bruk" }).ClickAsync();
        await page.GetByLabel("E-post").FillAsync(DemoAccounts.DirectorGrorud.Email);
        await page.GetByLabel("Passord").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/losninger/boligskolen-hamar/ta-i-bruk$"), new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Boligskolen Hamar");
        await Accessible();

        // Stopped without a reason is refused with the reason's field named; the rest stays.
        await page.GetByLabel(new Regex("^Status")).SelectOptionAsync(new SelectOptionValue { Label = "Stoppet" });
        await page.GetByLabel("Hva dere endret").FillAsync("Kortere kurs, med tolk.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Skriv hvorfor dere stoppet.");
        await Expect(page.GetByLabel("Hva dere endret")).ToHaveValueAsync("Kortere kurs, med tolk.");
        await Accessible();

        await page.GetByLabel(new Regex("^Status")).SelectOptionAsync(new SelectOptionValue { Label = "Prøver ut" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/losninger/boligskolen-hamar$"));
        await Expect(page.Locator("section.spread table").First).ToContainTextAsync("Bydel Grorud");
        await Accessible();
        await page.ScreenshotAsync("catalogue-" + database + (javaScript ? "" : "-no-js"));
    }
}
