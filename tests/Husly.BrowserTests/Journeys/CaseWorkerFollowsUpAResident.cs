using System.Text.RegularExpressions;
using Husly.BrowserTests.Support;
using Husly.Common;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>A case worker signs in, registers and enrols a resident, records a new living situation, writes and
/// decides a decision with hours per week, logs delivered hours and sees planned against delivered. A worker in
/// another district opens the same address and is refused. Every page visited is checked with axe-core.</summary>
public sealed class CaseWorkerFollowsUpAResident(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task Registers_records_decides_logs_hours_and_another_district_is_refused(string database)
    {
        BrowserHost host = database == "Postgres" ? postgres : sqlite;
        var page = await host.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.SignInAsync(DemoAccounts.CaseWorkerGrorud.Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bo-oppfølging", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bo-oppfølging", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#caseload")).ToContainTextAsync("Kari Testesen");
        await page.AssertAccessibleAsync();

        // Register and enrol.
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer bruker" }).ClickAsync();
        await page.AssertAccessibleAsync();
        var number = SyntheticNumber();
        var lastName = "Nettlesersen " + Guid.NewGuid().ToString()[..6];
        await page.GetByLabel("Fødselsnummer eller D-nummer").FillAsync(number);
        await page.GetByLabel("Fornavn").FillAsync("Journey");
        await page.GetByLabel("Etternavn").FillAsync(lastName);
        await page.GetByLabel("Bosituasjon nå").SelectOptionAsync(new SelectOptionValue { Label = "Midlertidig botilbud (hospits, camping)" });
        await page.GetByLabel("Bosituasjonen gjelder fra").FillAsync("2026-09-01");
        await page.GetByLabel("Type oppfølging").SelectOptionAsync(new SelectOptionValue { Label = "Bo med støtte (Housing First)" });
        await page.GetByLabel("Organisering").SelectOptionAsync(new SelectOptionValue { Label = "Team (Housing First, FACT)" });
        await page.GetByLabel("Oppfølgingen starter").FillAsync("2026-10-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer og ta inn i oppfølging" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Journey " + lastName);
        await Expect(page.Locator(".flash")).ToContainTextAsync("er registrert");
        var residentUrl = page.Url;
        await page.AssertAccessibleAsync();

        // A new living situation.
        await page.GetByText("Registrer ny bosituasjon").ClickAsync();
        await page.GetByLabel("Ny bosituasjon").SelectOptionAsync(new SelectOptionValue { Label = "Kommunal utleiebolig" });
        await page.GetByLabel(new Regex("^Gjelder fra\\b")).FillAsync("2026-10-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre bosituasjon" }).ClickAsync();
        await Expect(page.Locator("#current-living")).ToHaveTextAsync("Kommunal utleiebolig");

        // A decision with hours per week, decided.
        await page.GetByRole(AriaRole.Link, new() { Name = "Skriv nytt vedtak" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel(new Regex("^Gjelder fra\\b")).FillAsync("2026-10-01");
        await page.Locator("select[name='Input.Services[0].Kind']").SelectOptionAsync(new SelectOptionValue { Label = "Bo-oppfølging (miljøarbeid i hjemmet)" });
        await page.Locator("input[name='Input.Services[0].Hours']").FillAsync("3");
        await page.Locator("select[name='Input.Services[1].Kind']").SelectOptionAsync(new SelectOptionValue { Label = "Praktisk bistand" });
        await page.Locator("input[name='Input.Services[1].Hours']").FillAsync("1,5");
        await page.GetByLabel("Begrunnelse").FillAsync("Trenger støtte til å etablere seg i ny bolig.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre utkast" }).ClickAsync();
        await Expect(page.Locator("#decision-status")).ToHaveTextAsync("Utkast");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fatt vedtaket" }).ClickAsync();
        await Expect(page.Locator("#decision-status")).ToHaveTextAsync("Vedtatt");
        await Expect(page.Locator("#services tfoot")).ToContainTextAsync("4,5");
        await page.AssertAccessibleAsync();

        // Delivered hours, and planned against delivered this week.
        await page.GotoAsync(residentUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer levert tid" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrer levert tid");
        await page.AssertAccessibleAsync();
        await page.Locator("select[name='LoggedHours.Kind']").SelectOptionAsync(new SelectOptionValue { Label = "Praktisk bistand" });
        await page.Locator("input[name='LoggedHours.Date']").FillAsync(DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd"));
        await page.Locator("input[name='LoggedHours.Hours']").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Før tid" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Levert tid er ført");
        var thisWeek = page.Locator("#weekly-hours tbody tr").First;
        await Expect(thisWeek.Locator("td").Nth(0)).ToHaveTextAsync("4,5");
        await Expect(thisWeek.Locator("td").Nth(1)).ToHaveTextAsync("2");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("resident-planned-vs-delivered");

        // Another district's worker follows the same link and meets "not found", exactly as for any unknown id.
        var other = await host.NewPageAsync();
        await other.GotoAsync("/account/login");
        await other.SignInAsync(DemoAccounts.CaseWorkerStovner.Email, DemoAccounts.Password);
        var response = await other.GotoAsync(residentUrl);
        Assert.Equal(404, response!.Status);
        await Expect(other.Locator("main")).Not.ToContainTextAsync(lastName);
        await other.AssertAccessibleAsync();
        await Expect(other).ToHaveURLAsync(new Regex(Regex.Escape(new Uri(residentUrl).AbsolutePath)));
    }

    private static string SyntheticNumber()
    {
        var random = new Random();
        while (true)
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(50 * 365));
            if (IdentityNumber.Synthetic(birth, random.Next(0, 500)) is { } number)
            {
                return number;
            }
        }
    }
}
