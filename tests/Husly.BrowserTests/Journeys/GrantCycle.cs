using Husly.BrowserTests.Support;
using Husly.Data.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Husly.BrowserTests.Journeys;

/// <summary>Issue 10 §8, the cycle so far in Chromium with axe on every page: a project lead applies to the open call with
/// a colleague, the district director endorses, the lead submits, two reviewers score it, the programme manager sees the
/// overview, awards it and prints the letter; the lead reports on the project, the manager approves the report, and the
/// lead closes the project with its final report.</summary>
public sealed class GrantCycle(BrowserHost sqlite, PostgresBrowserHost postgres)
{
    private BrowserHost Host(string database) => database == "Postgres" ? postgres : sqlite;

    private async Task<IPage> SignedInAsync(string database, DemoAccount account)
    {
        var page = await Host(database).NewPageAsync();
        await page.SignInAsync(account.Email, DemoAccounts.Password);
        return page;
    }

    [Theory, InlineData("Sqlite"), InlineData("Postgres")]
    public async Task An_application_goes_from_the_open_call_to_an_award_letter(string database)
    {
        var title = "Bo-trener for unge " + Guid.NewGuid().ToString()[..6];

        // The project lead finds the open call and applies.
        var lead = await SignedInAsync(database, DemoAccounts.LeadGrorud);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Utlysninger", Exact = true }).First.ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Name = "Utlysninger", Level = 1 })).ToBeVisibleAsync();
        await lead.AssertAccessibleAsync();
        await lead.Locator("#open a").First.ClickAsync();
        await lead.AssertAccessibleAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Søk på denne utlysningen" }).ClickAsync();
        await lead.AssertAccessibleAsync();
        await lead.GetByLabel("Navn på søknaden").FillAsync(title);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Start søknaden" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rediger " + title);
        await lead.AssertAccessibleAsync();
        await lead.GetByLabel("Utfordringen, og hvorfor dagens løsninger ikke strekker til").FillAsync("Unge som flytter fra barnevernet mister boligen.");
        await lead.Locator("#Input_TargetGroups input").First.CheckAsync();
        await lead.GetByLabel("Hvordan brukerne er med").FillAsync("Ungdom i prosjektgruppen.");
        await lead.GetByLabel("Hva som er nytt").FillAsync("En bo-trener i ett år.");
        await lead.Locator("input[name='Input.Budget[0].Year']").FillAsync("2027");
        await lead.Locator("select[name='Input.Budget[0].Category']").SelectOptionAsync(new SelectOptionValue { Label = "Lønn" });
        await lead.Locator("input[name='Input.Budget[0].Amount']").FillAsync("800000");
        foreach (var no in await lead.Locator("#Input_Answers input[value=no]").AllAsync())
        {
            await no.CheckAsync();
        }
        await lead.GetByRole(AriaRole.Button, new() { Name = "Lagre", Exact = true }).ClickAsync();
        await Expect(lead.Locator(".flash")).ToContainTextAsync("Søknaden er lagret");
        var applicationUrl = lead.Url;
        await lead.AssertAccessibleAsync();

        await lead.GetByRole(AriaRole.Link, new() { Name = "Inviter eller fjern medsøkere" }).ClickAsync();
        await lead.AssertAccessibleAsync();
        await lead.GetByLabel("E-postadressen til personen").FillAsync(DemoAccounts.LeadFrogner.Email);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Legg til" }).ClickAsync();
        await Expect(lead.Locator("#members")).ToContainTextAsync(DemoAccounts.LeadFrogner.Name);
        await lead.GotoAsync(applicationUrl);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send til bydelsdirektøren for godkjenning" }).ClickAsync();
        await Expect(lead.Locator("#stage-now")).ToContainTextAsync("venter på godkjenning");

        // The district director endorses it.
        var director = await SignedInAsync(database, DemoAccounts.DirectorGrorud);
        await director.GotoAsync("/applications");
        await director.AssertAccessibleAsync();
        await director.Locator("#to-endorse").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await director.AssertAccessibleAsync();
        await director.GetByRole(AriaRole.Button, new() { Name = "Godkjenn søknaden" }).ClickAsync();
        await Expect(director.Locator(".flash")).ToContainTextAsync("Søknaden er godkjent");

        // The lead submits it.
        await lead.GotoAsync(applicationUrl);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send inn søknaden" }).ClickAsync();
        await Expect(lead.Locator(".flash")).ToContainTextAsync("Søknaden er sendt inn");
        await lead.AssertAccessibleAsync();

        // The programme manager asks two reviewers.
        var manager = await SignedInAsync(database, DemoAccounts.Manager);
        await manager.GotoAsync(applicationUrl);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Fagvurderere" }).First.ClickAsync();
        await manager.AssertAccessibleAsync();
        foreach (var reviewer in new[] { DemoAccounts.BosoManager, DemoAccounts.Owner })
        {
            await manager.GetByLabel("E-postadressen til fagvurdereren").FillAsync(reviewer.Email);
            await manager.GetByRole(AriaRole.Button, new() { Name = "Legg til" }).ClickAsync();
            await Expect(manager.Locator("#reviewers")).ToContainTextAsync(reviewer.Name);
        }

        // Each reviewer scores every criterion and hands in.
        foreach (var (account, score) in new[] { (DemoAccounts.BosoManager, "4"), (DemoAccounts.Owner, "3") })
        {
            var reviewer = await SignedInAsync(database, account);
            await reviewer.GotoAsync("/reviews");
            await reviewer.AssertAccessibleAsync();
            await reviewer.Locator("#reviews").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await reviewer.AssertAccessibleAsync();
            foreach (var select in await reviewer.Locator("select[name$='.Score']").AllAsync())
            {
                await select.SelectOptionAsync(score);
            }
            await reviewer.GetByLabel("Anbefaling").SelectOptionAsync(new SelectOptionValue { Label = "Bør få støtte" });
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Lever vurderingen" }).ClickAsync();
            await Expect(reviewer.Locator(".flash")).ToContainTextAsync("Vurderingen er levert");
        }

        // The manager sees the overview, awards it and prints the letter.
        await manager.GotoAsync(applicationUrl);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Oversikt over vurderingene" }).ClickAsync();
        var row = manager.Locator("#overview tbody tr").Filter(new() { HasText = title });
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("3,50");
        await manager.AssertAccessibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Fatt vedtak" }).ClickAsync();
        await manager.AssertAccessibleAsync();
        await manager.GetByLabel("Tildelt", new() { Exact = true }).CheckAsync();
        await manager.GetByLabel("Beløp som tildeles (kr)").FillAsync("750000");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Fatt vedtak og send brevet" }).ClickAsync();
        await Expect(manager.Locator("#letter")).ToContainTextAsync("Dere tildeles 750");
        await manager.AssertAccessibleAsync();
        await manager.ScreenshotAsync("grant-letter");

        // The lead writes the first status report on the project the award created, and sends it.
        await lead.GotoAsync(applicationUrl);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Prosjektet i porteføljen" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Statusrapporter" }).ClickAsync();
        await lead.AssertAccessibleAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Skriv rapporten" }).First.ClickAsync();
        await lead.AssertAccessibleAsync();
        foreach (var legend in new[] { "Samlet vurdering", "Tid og framdrift", "Budsjett", "Kvalitet" })
        {
            await lead.Locator("fieldset.rag-choice").Filter(new() { Has = lead.Locator("legend", new() { HasTextString = legend }) })
                .GetByLabel(legend == "Tid og framdrift" ? "Gul – avvik under kontroll" : "Grønn – som planlagt").CheckAsync();
        }
        await lead.GetByLabel("Hva har skjedd siden forrige rapport").FillAsync("Fire unge har fått bo-trener.");
        await lead.GetByLabel("Brukt så langt (kr)").FillAsync("120000");
        await lead.Locator("select[name='Input.Lessons[0].Kind']").SelectOptionAsync(new SelectOptionValue { Label = "Feil eller motgang" });
        await lead.Locator("textarea[name='Input.Lessons[0].Text']").FillAsync("Vi startet for sent med å rekruttere bo-trenere.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send til godkjenning" }).ClickAsync();
        await Expect(lead.Locator(".flash")).ToContainTextAsync("Rapporten er sendt til godkjenning");
        await lead.AssertAccessibleAsync();
        var reportUrl = lead.Url;

        // The manager approves it, which locks the period.
        await manager.GotoAsync(reportUrl);
        await Expect(manager.Locator("main table").First).ToContainTextAsync("Gul – avvik under kontroll");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Godkjenn og lås perioden" }).ClickAsync();
        await Expect(manager.Locator("#report-state")).ToHaveTextAsync("Godkjent");
        await manager.AssertAccessibleAsync();

        // The lead closes the project with its final report.
        await lead.GotoAsync(reportUrl);
        await lead.GetByRole(AriaRole.Link, new() { Name = title }).Last.ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Avslutt med sluttrapport" }).ClickAsync();
        await lead.AssertAccessibleAsync();
        await lead.GetByLabel("Videreført et annet sted").CheckAsync();
        await lead.GetByLabel("Hvorfor det stoppet, eller hvor og hvordan det videreføres").FillAsync("Bydelen viderefører bo-trenerne i ordinær drift neste år.");
        await lead.Locator("#Input_WhatWorked").FillAsync("Faste bo-trenere.");
        await lead.Locator("#Input_WhatDidNotWork").FillAsync("Sen rekruttering.");
        await lead.Locator("#Input_DoDifferently").FillAsync("Rekruttere før oppstart.");
        await lead.Locator("#Input_EndDate").FillAsync("2028-12-31"); // the award's project runs from its first budget year
        await lead.GetByRole(AriaRole.Button, new() { Name = "Avslutt prosjektet" }).ClickAsync();
        await Expect(lead.Locator(".flash")).ToContainTextAsync("Prosjektet er avsluttet med sluttrapport");
        await lead.AssertAccessibleAsync();
    }
}
