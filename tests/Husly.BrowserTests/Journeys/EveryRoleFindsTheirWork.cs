using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>Issue 8 §10: the roles that had no journey — programme owner, project lead, team leader, privacy officer,
/// partner and administrator — each sign in through the real form and do their main task in Chromium, on SQLite and
/// PostgreSQL, with axe on every page.</summary>
public sealed class EveryRoleFindsTheirWork(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    private BrowserHost Host(string database) => database == "Postgres" ? postgres : sqlite;

    private async Task<IPage> SignedInAsync(string database, DemoAccount account)
    {
        var page = await Host(database).NewPageAsync();
        await page.SignInAsync(account.Email, DemoAccounts.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(account.Name);
        await page.AssertAccessibleAsync();
        return page;
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task The_programme_owner_surveys_programmes_and_projects(string database)
    {
        var page = await SignedInAsync(database, DemoAccounts.Owner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Programmer", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programmer", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Locator("main a[href^='/portfolio/programmes/details/']").First.ClickAsync();
        await Expect(page.Locator("#goals-heading")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task The_project_lead_updates_a_project_they_lead(string database)
    {
        var page = await SignedInAsync(database, DemoAccounts.LeadGrorud);
        await page.Locator("#mine a[href^='/portfolio/projects/details/']").First.ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rediger prosjekt" }).ClickAsync();
        await page.AssertAccessibleAsync();
        var summary = "Oppdatert av prosjektleder " + Guid.NewGuid().ToString()[..6];
        await page.GetByLabel("Sammendrag").FillAsync(summary);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre endringer" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("lagret");
        await Expect(page.Locator("main")).ToContainTextAsync(summary);
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task The_team_leader_works_the_transfer_queue_and_emergency_reviews(string database)
    {
        var page = await SignedInAsync(database, DemoAccounts.TeamLeaderGrorud);
        await page.GotoAsync("/casework?scope=District");
        await Expect(page.Locator("#caseload")).ToContainTextAsync("Kari Testesen");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/casework/transfers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mulige dubletter" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forslag til bydelen" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/casework/emergency");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nødtilganger til gjennomgang" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task The_privacy_officer_verifies_the_access_log_and_searches_it(string database)
    {
        var page = await SignedInAsync(database, DemoAccounts.PrivacyOfficer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Personvern", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kontroller loggen" }).ClickAsync();
        await Expect(page.Locator("#verify-result")).ToContainTextAsync("Loggen er uendret");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Medarbeider (navn)").FillAsync("Eva");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await Expect(page.Locator("#audit-count")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task The_partner_sees_their_projects_and_no_residents(string database)
    {
        var page = await SignedInAsync(database, DemoAccounts.PartnerNav);
        await Expect(page.Locator(".site-nav")).Not.ToContainTextAsync("Bo-oppfølging");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prosjekter", Exact = true }).First.ClickAsync();
        await page.AssertAccessibleAsync();
        var response = await page.GotoAsync("/casework");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ikke tilgang");
        await page.AssertAccessibleAsync();
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task The_administrator_creates_a_user_who_must_choose_a_password(string database)
    {
        var page = await SignedInAsync(database, DemoAccounts.Admin);
        await page.GotoAsync("/administration/users/create");
        await page.AssertAccessibleAsync();
        var email = $"ny-{Guid.NewGuid():N}@husly.test";
        await page.GetByLabel("Navn").FillAsync("Nora Nettleser");
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByLabel("Rolle").SelectOptionAsync(new SelectOptionValue { Label = "Prosjektleder" });
        await page.GetByLabel("Enhet").SelectOptionAsync(new SelectOptionValue { Label = "Bydel Alna" });
        await page.GetByLabel("Startpassord").FillAsync("aaaaaaaaaaaa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opprett bruker" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Passordet er for lett å gjette");
        await Expect(page.GetByLabel("Navn")).ToHaveValueAsync("Nora Nettleser");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Startpassord").FillAsync("Nora starter mandag i Alna");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opprett bruker" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("er opprettet");

        var first = await Host(database).NewPageAsync();
        await first.SignInAsync(email, "Nora starter mandag i Alna");
        await Expect(first.Locator("#first-password")).ToBeVisibleAsync();
        await first.AssertAccessibleAsync();
    }
}
