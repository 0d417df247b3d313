using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Portfolio.Projects;

public sealed class EditTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Project_lead_edits_own_project_and_the_history_shows_who_changed_what_from_what_to_what(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Frogner").WithProjectLead(DemoAccounts.LeadFrogner).Describe("Gammelt sammendrag"));
        var client = app.ClientFor(DemoAccounts.LeadFrogner);

        var form = await client.GetPageAsync($"/portfolio/projects/edit/{project.Id}");
        var response = await client.SubmitAsync(form, "main form", Html.Values(("Input.Summary", "Nytt sammendrag"), ("Input.Status", "Completed"), ("Input.EndDate", "2026-06-30")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var history = await client.GetPageAsync($"/portfolio/projects/history/{project.Id}");
        var rows = history.QuerySelectorAll("table.history tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[1] == "Kari Nordby" && r[2] == "Sammendrag" && r[3] == "Gammelt sammendrag" && r[4] == "Nytt sammendrag");
        Assert.Contains(rows, r => r[2] == "Status" && r[3] == "Aktiv" && r[4] == "Avsluttet");
        Assert.Contains(rows, r => r[2] == "Sluttdato" && r[3] == "–" && r[4] == "30.06.2026");
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task History_names_districts_and_target_groups_added_and_removed(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Alna").WithCoDistricts("Bjerke"));
        var client = app.ClientFor(DemoAccounts.Owner);
        var form = await client.GetPageAsync($"/portfolio/projects/edit/{project.Id}");

        await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.CoDistrictIds", DemoIds.District("Stovner").ToString()),
            ("Input.TargetGroupIds", DemoIds.TargetGroup("Bostedsløse").ToString())));

        var history = (await client.GetPageAsync($"/portfolio/projects/history/{project.Id}")).QuerySelector("table.history")!.TextContent;
        Assert.Contains("Bydel Bjerke", history);
        Assert.Contains("Bydel Stovner", history);
        Assert.Contains("Bostedsløse", history);
        var saved = await app.ProjectAsync(project.Id);
        Assert.Equal([DemoIds.District("Stovner")], saved.CoDistricts.Select(d => d.DistrictId));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_stale_form_is_refused_with_a_Norwegian_conflict_message_and_nothing_is_overwritten(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud").Describe("Original"));
        var first = app.ClientFor(DemoAccounts.DirectorGrorud);
        var second = app.ClientFor(DemoAccounts.Manager);
        var firstForm = await first.GetPageAsync($"/portfolio/projects/edit/{project.Id}");
        var secondForm = await second.GetPageAsync($"/portfolio/projects/edit/{project.Id}");

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstForm, "main form", Html.Values(("Input.Summary", "Direktørens tekst")))).StatusCode);
        var conflict = await second.SubmitAsync(secondForm, "main form", Html.Values(("Input.Summary", "Programlederens tekst")));

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await Html.ParseAsync(conflict);
        Assert.Contains("Noen andre har endret prosjektet mens du redigerte. Ingenting er overskrevet.", page.QuerySelector("#form-errors")!.TextContent);
        Assert.Equal("Ikke lagret", page.QuerySelector("#form-errors h2")!.TextContent.Trim()); // a clash is no form error to correct
        Assert.Contains("Direktørens tekst", page.QuerySelector(".conflict")!.TextContent);
        Assert.Equal("Programlederens tekst", page.QuerySelector("#Input_Summary")!.TextContent);
        Assert.Equal("Direktørens tekst", (await app.ProjectAsync(project.Id)).Summary);

        // Saving the re-shown form is a deliberate choice and goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync(page, "main form")).StatusCode);
        Assert.Equal("Programlederens tekst", (await app.ProjectAsync(project.Id)).Summary);
    }

    public static TheoryData<TestDatabase, string, bool> EditRights()
    {
        var data = new TheoryData<TestDatabase, string, bool>();
        foreach (var db in new BothDatabases().Select(r => (TestDatabase)r.Data))
        {
            data.Add(db, DemoAccounts.Owner.Email, true);
            data.Add(db, DemoAccounts.Manager.Email, true);       // manages BOSin
            data.Add(db, DemoAccounts.BosoManager.Email, false);  // manages only BOSO Oslo
            data.Add(db, DemoAccounts.DirectorGrorud.Email, true);
            data.Add(db, DemoAccounts.DirectorFrogner.Email, false);
            data.Add(db, DemoAccounts.LeadGrorud.Email, true);    // leads this project
            data.Add(db, DemoAccounts.LeadFrogner.Email, false);
            data.Add(db, DemoAccounts.CaseWorkerGrorud.Email, false);
            data.Add(db, DemoAccounts.PartnerNav.Email, false);
            data.Add(db, DemoAccounts.Admin.Email, false);
        }
        return data;
    }

    [Theory, MemberData(nameof(EditRights))]
    public async Task Each_role_may_edit_only_what_its_rule_allows(TestDatabase db, string email, bool mayEdit)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud).WithPartner(ReferenceData.Nav, "Rådgivning"));
        var client = app.ClientFor(DemoAccounts.All.Single(a => a.Email == email));

        var get = await client.GetAsync($"/portfolio/projects/edit/{project.Id}");
        Assert.Equal(mayEdit ? HttpStatusCode.OK : HttpStatusCode.Forbidden, get.StatusCode);
        if (!mayEdit)
        {
            var sneaky = await client.PostWithTokenAsync($"/portfolio/projects/edit/{project.Id}", ("Input.Name", "Kapret"));
            Assert.Equal(HttpStatusCode.Forbidden, sneaky.StatusCode);
            Assert.Equal(project.Name, (await app.ProjectAsync(project.Id)).Name);
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task District_director_cannot_move_a_project_to_another_district(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud"));
        var client = app.ClientFor(DemoAccounts.DirectorGrorud);
        var form = await client.GetPageAsync($"/portfolio/projects/edit/{project.Id}");

        var response = await client.SubmitAsync(form, "main form", Html.Values(("Input.LeadUnitId", DemoIds.District("Frogner").ToString())));

        Assert.Equal("Du kan ikke flytte prosjektet til dette programmet eller denne enheten.", (await Html.ParseAsync(response)).FieldError("Input_LeadUnitId"));
        Assert.Equal(DemoIds.District("Grorud"), (await app.ProjectAsync(project.Id)).LeadUnitId);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Unknown_ids_in_a_posted_form_are_rejected(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Alna"));
        var client = app.ClientFor(DemoAccounts.Owner);
        var form = await client.GetPageAsync($"/portfolio/projects/edit/{project.Id}");

        var response = await client.SubmitAsync(form, "main form", Html.Values(
            ("Input.LeadUnitId", DemoIds.Organisation(ReferenceData.Nav).ToString()),
            ("Input.ProjectLeadId", DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email).ToString())));

        var page = await Html.ParseAsync(response);
        Assert.Equal("Velg en bydel eller etat som ansvarlig enhet.", page.FieldError("Input_LeadUnitId"));
        Assert.Equal("Velg en aktiv bruker med rollen prosjektleder.", page.FieldError("Input_ProjectLeadId"));
    }

    /// <summary>A partner may not read a project their organisation is not in: its edit page must not confirm it exists.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_project_the_user_may_not_read_answers_edit_exactly_like_a_missing_one(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud"));
        var partner = app.ClientFor(DemoAccounts.PartnerNav);
        var missing = Guid.NewGuid();

        var hidden = await partner.GetAsync($"/portfolio/projects/edit/{project.Id}");
        var absent = await partner.GetAsync($"/portfolio/projects/edit/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal((await Html.ParseAsync(absent)).QuerySelector("main")!.TextContent, (await Html.ParseAsync(hidden)).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostWithTokenAsync($"/portfolio/projects/edit/{project.Id}", ("Input.Name", "Kapret"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostWithTokenAsync($"/portfolio/projects/edit/{missing}", ("Input.Name", "Kapret"))).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Unknown_project_gives_the_Norwegian_404_page(TestDatabase db)
    {
        var response = await apps[db].ClientFor(DemoAccounts.Owner).GetAsync($"/portfolio/projects/edit/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Siden finnes ikke", await response.Content.ReadAsStringAsync());
    }
}
