using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Account;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Account;

/// <summary>Issue 8 §2: a session ends on the server. Each case replays a saved cookie, as an attacker with a copy would.</summary>
public sealed class SessionTests(Apps apps)
{
    private static async Task<string> SignInAsync(HuslyApp app, string email, string password)
    {
        var client = app.ClientFor();
        var form = await client.GetPageAsync("/account/login");
        var response = await client.SubmitAsync(form, "main form", Html.Values(("Input.Email", email), ("Input.Password", password)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return AuthCookie(response);
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("husly.auth=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>A client that sends exactly this cookie and nothing else.</summary>
    private static async Task<HttpStatusCode> ReplayAsync(HuslyApp app, string cookie, string url)
    {
        using var client = app.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    private static async Task<string> NewUserAsync(HuslyApp app, string role, Guid organisation, string password)
    {
        var email = $"okt-{Guid.NewGuid():N}@husly.test";
        var admin = app.ClientFor(DemoAccounts.Admin);
        var created = await admin.SubmitAsync(await admin.GetPageAsync("/administration/users/create"), "main form", Html.Values(
            ("Input.DisplayName", "Økt Testesen"), ("Input.Email", email), ("Input.Role", role),
            ("Input.OrganisationId", organisation.ToString()), ("Input.Password", password)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        // The first-password rule has its own test; these sessions start as if the user had chosen theirs.
        await app.WithDbAsync(d => d.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, false)));
        return email;
    }

    /// <summary>Posts a page's form as the holder of this cookie would: the antiforgery cookie and token come from the page.</summary>
    private static async Task<HttpResponseMessage> PostAsAsync(HuslyApp app, string cookie, string pageUrl, string formSelector, params (string, string)[] fields)
    {
        using var client = app.Server.CreateClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, pageUrl);
        get.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(get, TestContext.Current.CancellationToken);
        var antiforgery = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Where(v => v.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Select(v => v.Split(';')[0]) : [];
        var page = await Html.ParseAsync(response);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {pageUrl}");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action") is { Length: > 0 } action ? action : pageUrl)
        {
            Content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", string.Join("; ", [cookie, .. antiforgery]));
        return await client.SendAsync(post, TestContext.Current.CancellationToken);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_copied_cookie_stops_working_the_moment_its_session_signs_out(TestDatabase db)
    {
        var app = apps[db];
        var cookie = await SignInAsync(app, DemoAccounts.CaseWorkerGrorud2.Email, DemoAccounts.Password);
        var other = await SignInAsync(app, DemoAccounts.CaseWorkerGrorud2.Email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(app, cookie, "/casework"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsAsync(app, cookie, "/", "form[action='/account/logout']")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(app, cookie, "/casework")); // to the sign-in page
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(app, other, "/casework"));          // the other device is untouched
        var per = DemoIds.User(DemoAccounts.CaseWorkerGrorud2.Email);
        Assert.Contains(SessionEndReasons.SignedOut, await app.QueryAsync(d => d.UserSessions.Where(s => s.UserId == per && s.EndedAt != null)
            .Select(s => s.EndReason).ToListAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Changing_the_password_ends_every_other_session_at_once_and_keeps_this_one(TestDatabase db)
    {
        var app = apps[db];
        var email = await NewUserAsync(app, "CaseWorker", DemoIds.District("Grorud"), "gammelt-passord-123");
        var here = await SignInAsync(app, email, "gammelt-passord-123");
        var elsewhere = await SignInAsync(app, email, "gammelt-passord-123");

        var changed = await PostAsAsync(app, here, "/account/changepassword", "main form",
            ("Input.CurrentPassword", "gammelt-passord-123"), ("Input.NewPassword", "helt-nytt-passord-456"), ("Input.ConfirmPassword", "helt-nytt-passord-456"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var renewed = AuthCookie(changed);

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(app, elsewhere, "/"));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(app, here, "/"));  // the cookie from before the change
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(app, renewed, "/"));     // the one the change handed back
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Deactivating_a_user_or_changing_their_role_ends_their_sessions_at_once(TestDatabase db)
    {
        var app = apps[db];
        var admin = app.ClientFor(DemoAccounts.Admin);
        var demoted = await NewUserAsync(app, "CaseWorker", DemoIds.District("Grorud"), "rolle-passord-1234");
        var deactivated = await NewUserAsync(app, "CaseWorker", DemoIds.District("Grorud"), "rolle-passord-1234");
        var demotedCookie = await SignInAsync(app, demoted, "rolle-passord-1234");
        var deactivatedCookie = await SignInAsync(app, deactivated, "rolle-passord-1234");
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(app, demotedCookie, "/casework"));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(app, deactivatedCookie, "/casework"));

        async Task EditAsync(string email, params (string, string?)[] values)
        {
            var id = await app.QueryAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            var response = await admin.SubmitAsync(await admin.GetPageAsync($"/administration/users/edit/{id}"), "main form", Html.Values(values));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await EditAsync(demoted, ("Input.Role", "Partner"), ("Input.OrganisationId", DemoIds.Organisation(ReferenceData.Nav).ToString()));
        await EditAsync(deactivated, ("Input.IsActive", "false")); // what the form posts for an unticked box

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(app, demotedCookie, "/casework"));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(app, deactivatedCookie, "/casework"));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(app, deactivatedCookie, "/"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_session_past_its_absolute_end_is_refused_however_active_it_was(TestDatabase db)
    {
        var app = apps[db];
        var email = await NewUserAsync(app, "ProjectLead", DemoIds.District("Grorud"), "absolutt-slutt-123");
        var cookie = await SignInAsync(app, email, "absolutt-slutt-123");
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(app, cookie, "/"));
        var user = await app.QueryAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await app.WithDbAsync(d => d.UserSessions.Where(s => s.UserId == user).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        // Another instance (this one trusts a checked session for a few seconds) asks the database and refuses it.
        await using var other = new HuslyApp(app);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(other, cookie, "/"));
    }
}
