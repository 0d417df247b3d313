using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Named = Husly.Data.DemoData.DemoCasework.Named;

namespace Husly.Tests.Platform;

/// <summary>Issue 8 §7 and §8: what an attacker's hand-made requests get, and the headers a browser is given.</summary>
public sealed class RequestHygieneTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_post_naming_no_handler_answers_404_never_500(TestDatabase db)
    {
        var app = apps[db];
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        string[] pages = [$"/casework/residents/details/{Named.KariGrorud}", $"/casework/residents/{Named.KariGrorud}/plans",
            $"/casework/residents/{Named.KariGrorud}/access-log", $"/casework/residents/{Named.KariGrorud}/decisions/edit", "/casework/transfers"];
        var wrong = new List<string>();
        foreach (var client in new[] { eva, ola })
        {
            foreach (var page in pages)
            {
                foreach (var url in new[] { page + "?handler=Nope", page })
                {
                    var status = (await client.PostWithTokenAsync(url)).StatusCode;
                    // A named handler the page lacks is 404, never its unnamed one; a bare POST runs the unnamed one (422:
                    // the form is empty) or is 404 where there is none.
                    var allowed = url.Contains("handler=", StringComparison.Ordinal) ? [HttpStatusCode.NotFound] : new[] { HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity };
                    if (!allowed.Contains(status))
                    {
                        wrong.Add($"POST {url}: {(int)status}");
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_handler_name_the_page_lacks_never_runs_its_default_handler(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.PartnerNav);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/account/logout?handler=Nope")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // still signed in (header user, but the page ran no logout)
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/account/changepassword?handler=Nope")).StatusCode);
    }

    /// <summary>A form field named like a route value never wins over the address: Eva cannot act on Kari (hers) by posting
    /// to a resident she may not see with Kari's id in the body, nor the other way round.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Route_ids_bind_from_the_route_only(TestDatabase db)
    {
        var eva = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);
        var response = await eva.PostWithTokenAsync($"/casework/residents/details/{Named.OlaStovner}?handler=LeaveHousehold", ("id", Named.KariGrorud.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_form_with_too_many_fields_answers_400_in_norwegian(TestDatabase db)
    {
        var client = apps[db].ClientFor();
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"f{i}", "x"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ugyldig forespørsel", await response.Content.ReadAsStringAsync());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Over_https_cookies_are_secure_and_hsts_is_sent(TestDatabase db)
    {
        var client = apps[db].CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://husly.oslo.kommune.no"), AllowAutoRedirect = false });
        var login = await client.GetAsync("/account/login");
        Assert.StartsWith("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Pages_with_personal_data_are_never_stored_by_the_browser(TestDatabase db)
    {
        var app = apps[db];
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        foreach (var (client, url) in new[] {
            (eva, $"/casework/residents/details/{Named.KariGrorud}"), (eva, $"/casework/residents/{Named.KariGrorud}/access-log"),
            (app.ClientFor(DemoAccounts.PrivacyOfficer), $"/privacy/residents/{Named.KariGrorud}/access-log"),
            (app.ClientFor(DemoAccounts.Admin), "/administration/users") })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, url);
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_ready_check_asks_the_database(TestDatabase db)
    {
        var checks = apps[db].Services.GetRequiredService<HealthCheckService>();
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains("ready"), TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
    }

    /// <summary>A setting out of range stops the app at start with the setting named, instead of misbehaving later.</summary>
    [Theory]
    [InlineData("Casework:EmergencyAccessHours", "0")]
    [InlineData("Casework:EmergencyAccessGrantsPerDay", "50")]
    [InlineData("Casework:Retention:YearsAfterClosed", "0")]
    [InlineData("Sessions:AbsoluteHours", "100")]
    [InlineData("Casework:AccessLog:Keys:short", "c2hvcnQ=")]
    [InlineData("BootstrapAdmin:Email", "ikke-en-adresse")]
    public void A_setting_out_of_range_stops_the_app_at_start(string key, string value)
    {
        using var app = new HuslyApp(TestDatabase.Sqlite).WithWebHostBuilder(b => b.UseSetting(key, value));
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(key.Split(':')[^1], error.ToString(), StringComparison.Ordinal);
    }
}
