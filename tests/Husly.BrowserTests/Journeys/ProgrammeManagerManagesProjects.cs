using System.Text.RegularExpressions;
using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>A program manager signs in, filters the project list live, creates a project, meets a concurrent edit
/// and switches to English. Every page visited is checked with axe-core.</summary>
public sealed class ProgrammeManagerManagesProjects(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task Filters_creates_meets_a_conflict_and_switches_language(string database)
    {
        BrowserHost host = database == "Postgres" ? postgres : sqlite;
        var page = await host.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.AssertAccessibleAsync();
        await page.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hei, Marius Dahl");
        await page.AssertAccessibleAsync();

        // The list filters live (htmx) when a filter changes, and the address follows so the view can be shared.
        await page.GetByRole(AriaRole.Link, new() { Name = "Prosjekter", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prosjekter", Level = 1 })).ToBeVisibleAsync();
        // htmx starts on DOMContentLoaded; a change before it has wired the form would be a plain no-op, not a live
        // filter. Wait until htmx has processed the form itself (it keeps its state on the element).
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("() => document.querySelector('form.filters')?.['htmx-internal-data']?.listenerInfos?.length > 0");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Bydel", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Bydel Frogner" });
        // htmx pushes the address with history.pushState: no navigation to wait for, so poll the address (waiting for a
        // "load" that never comes timed out one CI run).
        await Expect(page).ToHaveURLAsync(new Regex("district="));
        await Expect(page.Locator("#projects")).ToContainTextAsync("Husrom-hjerterom");
        await Expect(page.Locator("#projects tbody tr")).Not.ToHaveCountAsync(0);
        foreach (var unit in await page.Locator("#projects tbody tr td:nth-child(3)").AllTextContentsAsync())
        {
            Assert.NotEqual("", unit);
        }
        await page.GetByLabel("Fritekst").FillAsync("husrom");
        await Expect(page.Locator("#projects tbody tr")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("project-list-filtered");

        // Create a project.
        var name = "Bolig først for unge " + Guid.NewGuid().ToString()[..6];
        await page.GotoAsync("/portfolio/projects/create");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Program").SelectOptionAsync(new SelectOptionValue { Label = "BOSin – Boligsosialt utviklings- og innovasjonsprogram" });
        await page.GetByLabel(new Regex("^Navn")).FillAsync(name);
        await page.GetByLabel("Sammendrag").FillAsync("Egen bolig uten krav om rusfrihet, med tett oppfølging.");
        await page.GetByLabel("Ansvarlig enhet").SelectOptionAsync(new SelectOptionValue { Label = "Bydel Gamle Oslo" });
        await page.GetByLabel("Bostedsløse").CheckAsync();
        await page.GetByLabel("Startdato").FillAsync("2026-03-01");
        await page.GetByLabel("Status").SelectOptionAsync("Active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opprett prosjekt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(page.Locator(".flash")).ToContainTextAsync("er opprettet");
        await page.AssertAccessibleAsync();
        var detailsUrl = page.Url;

        // Two tabs edit the same project; the second save is refused and nothing is overwritten.
        var other = await page.Context.NewPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rediger prosjekt" }).ClickAsync();
        await other.GotoAsync(page.Url);
        await page.GetByLabel("Sammendrag").FillAsync("Første lagring vinner.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre endringer" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Endringene er lagret.");
        await other.GetByLabel("Sammendrag").FillAsync("Andre lagring skal ikke overskrive.");
        await other.GetByRole(AriaRole.Button, new() { Name = "Lagre endringer" }).ClickAsync();
        await Expect(other.Locator(".conflict")).ToContainTextAsync("Første lagring vinner.");
        await Expect(other.Locator("#form-errors")).ToContainTextAsync("Noen andre har endret prosjektet");
        await Expect(other.GetByLabel("Sammendrag")).ToHaveValueAsync("Andre lagring skal ikke overskrive.");
        await other.AssertAccessibleAsync();
        await other.ScreenshotAsync("concurrent-edit");
        await page.GotoAsync(detailsUrl);
        await Expect(page.Locator("#about-heading + h3 + p")).ToHaveTextAsync("Første lagring vinner.");

        // Switch to English and back.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit project" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Edit project" }))).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Norsk (bokmål)" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nb");
    }
}
