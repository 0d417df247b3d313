using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Account;

public sealed class SignInTests(Apps apps)
{
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetPageAsync("/account/login");
        return await client.SubmitAsync(form, "main form", Html.Values(("Input.Email", email), ("Input.Password", password)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Pages_need_sign_in_and_a_real_sign_in_returns_to_the_page_asked_for(TestDatabase db)
    {
        var client = apps[db].ClientFor();
        var denied = await client.GetAsync("/portfolio/projects");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/login", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var form = await client.GetPageAsync(denied.Headers.Location.ToString());
        var signedIn = await client.SubmitAsync(form, "main form", Html.Values(("Input.Email", DemoAccounts.DirectorFrogner.Email), ("Input.Password", DemoAccounts.Password)));
        Assert.Equal("/portfolio/projects", signedIn.Headers.Location!.ToString());
        Assert.Contains("Tone Bakke", (await client.GetPageAsync("/")).QuerySelector("h1")!.TextContent);

        var logout = await client.SubmitAsync(await client.GetPageAsync("/"), "form[action='/account/logout']");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_sign_in_survives_a_restart_because_the_key_ring_is_in_the_database(TestDatabase db)
    {
        var client = apps[db].ClientFor();
        var signedIn = await SignInAsync(client, DemoAccounts.DirectorFrogner.Email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("husly.auth=", StringComparison.Ordinal)).Split(';')[0];

        // In the database, not on this machine's disk (the framework's default), so every instance and every deployment
        // reads the same keys.
        var keys = await apps[db].QueryAsync(d => d.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.Contains(keys, xml => xml!.Contains("<key ", StringComparison.Ordinal));
        // Encrypted under a key the database does not hold: reading the table is not enough to forge a cookie.
        Assert.All(keys, xml => Assert.Contains("<encryptedKey", xml!, StringComparison.Ordinal));
        Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml!, StringComparison.Ordinal));

        await using var restarted = new HuslyApp(apps[db]);
        using var other = restarted.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var start = await other.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("Tone Bakke", (await Html.ParseAsync(start)).QuerySelector("h1")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Wrong_password_is_refused_in_Norwegian_and_five_failures_lock_the_account(TestDatabase db)
    {
        var app = apps[db];
        var email = $"laas-{Guid.NewGuid():N}@husly.test";
        var admin = app.ClientFor(DemoAccounts.Admin);
        await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form", Html.Values(
            ("Input.DisplayName", "Låse Testesen"), ("Input.Email", email), ("Input.Role", "CaseWorker"),
            ("Input.OrganisationId", DemoIds.District("Alna").ToString()), ("Input.Password", "et-langt-passord-for-test")));

        var client = app.ClientFor();
        var wrong = await Html.ParseAsync(await SignInAsync(client, email, "feil passord her"));
        Assert.Equal("Feil e-postadresse eller passord.", wrong.QuerySelector("#login-error")!.TextContent.Trim());
        for (var i = 0; i < 4; i++)
        {
            await SignInAsync(client, email, "feil passord her");
        }
        var locked = await Html.ParseAsync(await SignInAsync(client, email, "et-langt-passord-for-test"));
        Assert.Contains("midlertidig låst", locked.QuerySelector("#login-error")!.TextContent);

        var users = await admin.GetPageAsync("/administration/users?q=" + Uri.EscapeDataString(email));
        Assert.Contains("Midlertidig låst", users.QuerySelector("#users")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Changing_password_checks_the_current_one_and_the_policy(TestDatabase db)
    {
        var app = apps[db];
        var email = $"passord-{Guid.NewGuid():N}@husly.test";
        var admin = app.ClientFor(DemoAccounts.Admin);
        await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form", Html.Values(
            ("Input.DisplayName", "Passord Testesen"), ("Input.Email", email), ("Input.Role", "Partner"),
            ("Input.OrganisationId", DemoIds.Organisation(ReferenceData.Fafo).ToString()), ("Input.Password", "første-passord-12")));
        var client = app.ClientFor();
        await SignInAsync(client, email, "første-passord-12");

        var page = await client.GetPageAsync("/account/changepassword");
        var bad = await Html.ParseAsync(await client.SubmitAsync(page, "main form", Html.Values(
            ("Input.CurrentPassword", "gjettet-feil-123"), ("Input.NewPassword", "kort"), ("Input.ConfirmPassword", "annet"))));
        Assert.Equal("Passordet må ha mellom 12 og 256 tegn.", bad.FieldError("Input_NewPassword"));
        Assert.Equal("Passordene er ikke like.", bad.FieldError("Input_ConfirmPassword"));

        var wrongCurrent = await Html.ParseAsync(await client.SubmitAsync(page, "main form", Html.Values(
            ("Input.CurrentPassword", "gjettet-feil-123"), ("Input.NewPassword", "nytt-og-langt-passord"), ("Input.ConfirmPassword", "nytt-og-langt-passord"))));
        Assert.Equal("Nåværende passord er feil.", wrongCurrent.FieldError("Input_CurrentPassword"));

        var same = await Html.ParseAsync(await client.SubmitAsync(page, "main form", Html.Values(
            ("Input.CurrentPassword", "første-passord-12"), ("Input.NewPassword", "første-passord-12"), ("Input.ConfirmPassword", "første-passord-12"))));
        Assert.Equal("Det nye passordet må være et annet enn det du har nå.", same.FieldError("Input_NewPassword"));

        var ok = await client.SubmitAsync(page, "main form", Html.Values(
            ("Input.CurrentPassword", "første-passord-12"), ("Input.NewPassword", "nytt-og-langt-passord"), ("Input.ConfirmPassword", "nytt-og-langt-passord")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.ClientFor(), email, "nytt-og-langt-passord")).StatusCode);
    }

    /// <summary>Issue 8 §8: an e-mail without an account gets the same answers, lockout included, as a real account with a
    /// wrong password, so the sign-in page does not tell who has an account.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_unknown_e_mail_is_answered_exactly_like_a_wrong_password_lockout_included(TestDatabase db)
    {
        var app = apps[db];
        var existing = $"finnes-{Guid.NewGuid():N}@husly.test";
        var admin = app.ClientFor(DemoAccounts.Admin);
        var created = await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form", Html.Values(
            ("Input.DisplayName", "Finnes Testesen"), ("Input.Email", existing), ("Input.Role", "ProjectLead"),
            ("Input.OrganisationId", DemoIds.District("Alna").ToString()), ("Input.Password", "et-langt-passord-for-test")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode); // else both runs would use unknown e-mails

        async Task<List<string>> AnswersAsync(string email)
        {
            var client = app.ClientFor();
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                answers.Add((await Html.ParseAsync(await SignInAsync(client, email, "feil passord her"))).QuerySelector("#login-error")!.TextContent.Trim());
            }
            return answers;
        }
        var forExisting = await AnswersAsync(existing);
        var forUnknown = await AnswersAsync($"finnes-ikke-{Guid.NewGuid():N}@husly.test");
        Assert.Equal(forExisting, forUnknown);
        Assert.Contains("midlertidig låst", forUnknown[^1]);
    }
}
