using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Portfolio.Projects;

public sealed class CreateTests(Apps apps)
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString()[..8]}";

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Programme_manager_creates_a_project_and_lands_on_its_page(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        var form = await client.GetPageAsync("/portfolio/projects/create");
        var name = Unique("Bo trygt hjemme");

        var response = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()),
            ("Input.Name", name),
            ("Input.Summary", "Oppfølging av eldre leietakere i Søndre Nordstrand."),
            ("Input.LeadUnitId", DemoIds.District("Søndre Nordstrand").ToString()),
            ("Input.CoDistrictIds", DemoIds.District("Nordstrand").ToString()),
            ("Input.CoDistrictIds", DemoIds.District("Østensjø").ToString()),
            ("Input.TargetGroupIds", DemoIds.TargetGroup("Eldre som ikke ber om hjelp").ToString()),
            ("Input.StartDate", "2026-02-01"),
            ("Input.Status", "Applied"),
            ("Input.Phase", "GeneratingIdeas")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal(name, details.QuerySelector("h1")!.TextContent.Trim());
        var facts = details.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("Bydel Søndre Nordstrand", facts);
        Assert.Contains("Bydel Nordstrand, Bydel Østensjø", facts);
        Assert.Contains("Eldre som ikke ber om hjelp", facts);
        Assert.Contains("01.02.2026", facts);
        Assert.Contains("2. Generere ideer", details.QuerySelector(".phase-history")!.TextContent);
        Assert.Contains("Opprettet", details.QuerySelector("table.history")!.TextContent);
        Assert.Contains($"Prosjektet «{name}» er opprettet.", details.QuerySelector(".flash")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Invalid_input_shows_Norwegian_messages_next_to_the_fields_and_keeps_what_was_typed(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        var form = await client.GetPageAsync("/portfolio/projects/create");

        var response = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()),
            ("Input.Name", ""),
            ("Input.Summary", "Et sammendrag som ikke må gå tapt"),
            ("Input.LeadUnitId", DemoIds.District("Alna").ToString()),
            ("Input.StartDate", "2026-05-01"),
            ("Input.EndDate", "not a date"),
            ("Input.Status", "Active")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Skriv inn navnet på prosjektet.", page.FieldError("Input_Name"));
        Assert.Equal("Sluttdato: skriv datoen som dd.mm.åååå, for eksempel 30.11.2026.", page.FieldError("Input_EndDate"));
        Assert.Equal("Et sammendrag som ikke må gå tapt", page.QuerySelector("#Input_Summary")!.TextContent);
        Assert.Equal("not a date", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_EndDate")!).Value);
        Assert.NotNull(page.QuerySelector("#form-errors"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task End_before_start_is_a_rule_error_on_the_end_date(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        var form = await client.GetPageAsync("/portfolio/projects/create");

        var response = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()),
            ("Input.Name", Unique("Baklengs")),
            ("Input.LeadUnitId", DemoIds.District("Alna").ToString()),
            ("Input.CoDistrictIds", DemoIds.District("Alna").ToString()),
            ("Input.StartDate", "2026-05-01"),
            ("Input.EndDate", "2026-01-01"),
            ("Input.Status", "Active")));

        var page = await Html.ParseAsync(response);
        Assert.Equal("Sluttdato kan ikke være før startdato.", page.FieldError("Input_EndDate"));
        Assert.Contains("Ansvarlig enhet kan ikke også være samarbeidsbydel.", page.QuerySelector("#form-errors")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Project_lead_may_propose_in_own_district_but_not_in_another(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.LeadGrorud);
        var form = await client.GetPageAsync("/portfolio/projects/create");
        Assert.Equal(DemoIds.District("Grorud").ToString(),
            ((AngleSharp.Html.Dom.IHtmlSelectElement)form.QuerySelector("#Input_LeadUnitId")!).Value);

        var elsewhere = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()), ("Input.Name", Unique("Utenfor")),
            ("Input.LeadUnitId", DemoIds.District("Frogner").ToString()), ("Input.StartDate", "2026-05-01"), ("Input.Status", "Idea")));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal("Du kan ikke opprette prosjekter i dette programmet for denne enheten.",
            (await Html.ParseAsync(elsewhere)).FieldError("Input_LeadUnitId"));

        var own = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()), ("Input.Name", Unique("Hjemme")),
            ("Input.StartDate", "2026-05-01"), ("Input.Status", "Idea")));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Case_workers_partners_and_administrators_cannot_open_the_form(TestDatabase db)
    {
        foreach (var account in new[] { DemoAccounts.CaseWorkerGrorud, DemoAccounts.PartnerNav, DemoAccounts.Admin })
        {
            var response = await apps[db].ClientFor(account).GetAsync("/portfolio/projects/create");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Du har ikke tilgang", await response.Content.ReadAsStringAsync());
        }
    }
}
