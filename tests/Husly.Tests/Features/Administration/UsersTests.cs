using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Administration;

public sealed class UsersTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Only_administrators_reach_user_administration(TestDatabase db)
    {
        foreach (var account in DemoAccounts.All)
        {
            var status = (await apps[db].ClientFor(account).GetAsync("/administration/users")).StatusCode;
            Assert.True((account == DemoAccounts.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == status, account.Email + " got " + status);
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Admin_creates_a_user_with_role_and_unit_and_deactivates_them_so_they_cannot_sign_in(TestDatabase db)
    {
        var app = apps[db];
        var admin = app.ClientFor(DemoAccounts.Admin);
        var email = $"ny-{Guid.NewGuid():N}@husly.test";

        var invalid = await Html.ParseAsync(await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form",
            Html.Values(("Input.DisplayName", "Nina Ny"), ("Input.Email", "ikke-en-adresse"), ("Input.Role", "Superuser"), ("Input.Password", "kort"))));
        Assert.Equal("Skriv inn en gyldig e-postadresse.", invalid.FieldError("Input_Email"));
        Assert.Equal("Velg en av rollene i listen.", invalid.FieldError("Input_Role"));
        Assert.Equal("Velg enhet.", invalid.FieldError("Input_OrganisationId"));
        Assert.Equal("Nina Ny", ((AngleSharp.Html.Dom.IHtmlInputElement)invalid.QuerySelector("#Input_DisplayName")!).Value);

        var created = await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form", Html.Values(
            ("Input.DisplayName", "Nina Ny"), ("Input.Title", "Bo-oppfølger"), ("Input.Email", email), ("Input.Role", "CaseWorker"),
            ("Input.OrganisationId", DemoIds.District("Stovner").ToString()), ("Input.Password", "et-godt-startpassord")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetPageAsync("/administration/users?q=" + Uri.EscapeDataString(email));
        var row = list.QuerySelector("#users tbody tr")!.TextContent;
        Assert.Contains("Saksbehandler", row);
        Assert.Contains("Bydel Stovner", row);

        var user = app.ClientFor();
        var login = await user.SubmitAsync(await user.GetPageAsync("/account/login"), "main form", Html.Values(("Input.Email", email), ("Input.Password", "et-godt-startpassord")));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var editUrl = list.QuerySelector("#users tbody tr a")!.GetAttribute("href")!;
        var deactivated = await admin.SubmitAsync(await admin.GetPageAsync(editUrl), "main form", Html.Values(("Input.IsActive", "false")));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Empty((await admin.GetPageAsync("/administration/users?q=" + Uri.EscapeDataString(email))).QuerySelectorAll("#users tbody tr"));
        Assert.Contains("Deaktivert", (await admin.GetPageAsync("/administration/users?showInactive=true&q=" + Uri.EscapeDataString(email))).QuerySelector("#users")!.TextContent);

        var anonymous = app.ClientFor();
        var again = await anonymous.SubmitAsync(await anonymous.GetPageAsync("/account/login"), "main form", Html.Values(("Input.Email", email), ("Input.Password", "et-godt-startpassord")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Feil e-postadresse eller passord.", (await Html.ParseAsync(again)).QuerySelector("#login-error")!.TextContent.Trim());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_stale_user_form_is_refused(TestDatabase db)
    {
        var admin = apps[db].ClientFor(DemoAccounts.Admin);
        var list = await admin.GetPageAsync("/administration/users?q=partner.nav");
        var editUrl = list.QuerySelector("#users tbody tr a")!.GetAttribute("href")!;
        var first = await admin.GetPageAsync(editUrl);
        var second = await admin.GetPageAsync(editUrl);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(first, "main form", Html.Values(("Input.Title", "Seniorrådgiver")))).StatusCode);
        var stale = await Html.ParseAsync(await admin.SubmitAsync(second, "main form", Html.Values(("Input.Title", "Rådgiver 2"))));
        Assert.Contains("Noen andre har endret brukeren", stale.QuerySelector("#form-errors")!.TextContent);
        Assert.Equal("Seniorrådgiver", ((AngleSharp.Html.Dom.IHtmlInputElement)stale.QuerySelector("#Input_Title")!).Value);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_administrator_cannot_lock_themselves_out(TestDatabase db)
    {
        var admin = apps[db].ClientFor(DemoAccounts.Admin);
        var list = await admin.GetPageAsync("/administration/users?q=admin@husly.test");
        var page = await admin.GetPageAsync(list.QuerySelector("#users tbody tr a")!.GetAttribute("href")!);

        var response = await Html.ParseAsync(await admin.SubmitAsync(page, "main form", Html.Values(("Input.IsActive", "false"))));
        Assert.Contains("Du kan ikke deaktivere deg selv", response.QuerySelector("#form-errors")!.TextContent);
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient admin, string email, string role, Guid unit, string password) =>
        await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form", Html.Values(
            ("Input.DisplayName", "Test Testesen"), ("Input.Email", email), ("Input.Role", role),
            ("Input.OrganisationId", unit.ToString()), ("Input.Password", password)));

    /// <summary>Issue 8 §6: guessable passwords, roles in units they do not belong to, and a taken e-mail are refused,
    /// each with one clear message.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Weak_passwords_misfit_units_and_taken_e_mails_are_refused(TestDatabase db)
    {
        var admin = apps[db].ClientFor(DemoAccounts.Admin);
        var email = $"regel-{Guid.NewGuid():N}@husly.test";
        foreach (var weak in new[] { "aaaaaaaaaaaa", "passwordpassword", "123456789012", "qwertyuiopasdf" })
        {
            var page = await Html.ParseAsync(await CreateAsync(admin, email, "CaseWorker", DemoIds.District("Alna"), weak));
            Assert.StartsWith("Passordet er for lett å gjette", page.FieldError("Input_Password"), StringComparison.Ordinal);
        }
        foreach (var (role, unit, expected) in new[]
        {
            ("DistrictDirector", DemoIds.Organisation(ReferenceData.Nav), "Rollen Bydelsdirektør hører til bydel."),
            ("TeamLeader", DemoIds.Organisation(ReferenceData.Municipality), "Rollen Teamleder hører til team."),
            ("Partner", DemoIds.District("Alna"), "Rollen Samarbeidspartner hører til samarbeidspartner."),
        })
        {
            var page = await Html.ParseAsync(await CreateAsync(admin, email, role, unit, "Tre blå hester løper mot fjorden"));
            Assert.StartsWith(expected, page.FieldError("Input_OrganisationId"), StringComparison.Ordinal);
        }
        var taken = await Html.ParseAsync(await CreateAsync(admin, DemoAccounts.CaseWorkerGrorud.Email, "CaseWorker", DemoIds.District("Alna"), "Tre blå hester løper mot fjorden"));
        Assert.Equal("E-postadressen er allerede i bruk.", taken.FieldError("Input_Email"));
        Assert.Single(taken.QuerySelectorAll("#form-errors li"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_user_created_by_an_administrator_chooses_their_own_password_before_anything_else(TestDatabase db)
    {
        var app = apps[db];
        var email = $"forste-{Guid.NewGuid():N}@husly.test";
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(app.ClientFor(DemoAccounts.Admin), email, "ProjectLead", DemoIds.District("Alna"), "Startpassord fra Siri i dag")).StatusCode);
        var user = app.ClientFor();
        await user.SubmitAsync(await user.GetPageAsync("/account/login"), "main form", Html.Values(("Input.Email", email), ("Input.Password", "Startpassord fra Siri i dag")));

        foreach (var url in new[] { "/", "/portfolio/projects" })
        {
            var response = await user.GetAsync(url);
            Assert.Equal("/account/changepassword", response.Headers.Location?.ToString());
        }
        var form = await user.GetPageAsync("/account/changepassword");
        Assert.NotNull(form.GetElementById("first-password"));
        var changed = await user.SubmitAsync(form, "main form", Html.Values(
            ("Input.CurrentPassword", "Startpassord fra Siri i dag"), ("Input.NewPassword", "Mitt eget passord om våren"), ("Input.ConfirmPassword", "Mitt eget passord om våren")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/portfolio/projects")).StatusCode);
    }
}
