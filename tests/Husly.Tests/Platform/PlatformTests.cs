using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Platform;

public sealed class PlatformTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Every_response_carries_the_security_headers(TestDatabase db)
    {
        var response = await apps[db].ClientFor().GetAsync("/account/login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Unknown_pages_get_a_Norwegian_404_page(TestDatabase db)
    {
        var response = await apps[db].ClientFor(DemoAccounts.Manager).GetAsync("/finnes/ikke");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Siden finnes ikke", page.QuerySelector("h1")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_post_without_antiforgery_token_is_refused(TestDatabase db)
    {
        var project = await apps[db].AddProjectAsync(b => b);
        var client = apps[db].ClientFor(DemoAccounts.Owner);
        var response = await client.PostAsync($"/portfolio/projects/details/{project.Id}?handler=Archive", new FormUrlEncodedContent([new("version", project.Version.ToString())]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Health_endpoints_answer_without_sign_in_and_ready_checks_the_database(TestDatabase db)
    {
        var client = apps[db].ClientFor();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_language_switch_turns_the_UI_English_but_keeps_Norwegian_number_formats(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.Manager);
        var page = await client.GetPageAsync($"/portfolio/projects/details/{DemoIds.Project("Sammen om bolig")}");
        var switched = await client.SubmitAsync(page, "form.language-switch", Html.Values(("culture", "en")));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var english = await client.GetPageAsync(switched.Headers.Location!.ToString());
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Funding", english.QuerySelector("#funding-heading")!.TextContent);
        Assert.Contains("Realised impacts", english.QuerySelector("#impacts-heading")!.ParentElement!.TextContent);
        Assert.Contains("4 100 000 kr", english.QuerySelector("#funding")!.TextContent.Replace('\u00a0', ' '));
        Assert.Contains("31.10.2020", english.QuerySelector("dl.facts")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Styles_and_scripts_are_served_from_the_app_without_sign_in(TestDatabase db)
    {
        var client = apps[db].ClientFor();
        var css = await client.GetStringAsync("/lib/punkt/css/pkt.min.css");
        Assert.DoesNotContain("https://", css);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/htmx/htmx.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/punkt/fonts/OsloSans-Regular.woff2")).StatusCode);
        // Browsers ask for /favicon.ico on every page; a 404 there fills logs and error counts.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.ico")).StatusCode);
        var login = await client.GetPageAsync("/account/login");
        var icons = login.QuerySelectorAll("link[rel=icon], link[rel=apple-touch-icon]");
        Assert.Equal(3, icons.Length);
        foreach (var icon in icons)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(icon.GetAttribute("href"))).StatusCode);
        }
    }
}
