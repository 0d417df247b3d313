using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>The same list journey with JavaScript off: the filter form, sorting and paging are plain GET links and forms.</summary>
public sealed class ProjectListWithoutJavaScript(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task Filters_sorts_and_pages_with_plain_forms_and_links(string database)
    {
        BrowserHost host = database == "Postgres" ? postgres : sqlite;
        var page = await host.NewPageAsync(javaScript: false);
        await page.SignInAsync(DemoAccounts.DirectorGrorud.Email, DemoAccounts.Password);

        await page.GotoAsync("/portfolio/projects");
        await host.AssertAccessibleWithoutJavaScriptAsync(page);
        await Expect(page.Locator("#result-count")).ToContainTextAsync("prosjekter");
        await Expect(page.Locator(".pager")).ToContainTextAsync("Side 1 av");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neste side" }).ClickAsync();
        await Expect(page.Locator(".pager")).ToContainTextAsync("Side 2 av");

        await page.GetByLabel("Bydel", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Bydel Grorud" });
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Avsluttet" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Completed"));
        await Expect(page.Locator("#projects")).ToContainTextAsync("BoTrygt");
        foreach (var status in await page.Locator("#projects tbody td:nth-child(4)").AllTextContentsAsync())
        {
            Assert.Equal("Avsluttet", status);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Periode" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='ascending']")).ToContainTextAsync("Periode");
        await host.AssertAccessibleWithoutJavaScriptAsync(page);
        await page.ScreenshotAsync("project-list-no-js");
    }
}
