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
}
