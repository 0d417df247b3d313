using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Husly.BrowserTests.Support;

/// <summary>Husly on a real Kestrel socket (SQLite, demo data) and Debian's Chromium driven by Playwright.
/// Nothing is downloaded: Playwright's driver ships in its NuGet package and the browser comes from apt.</summary>
public class BrowserHost : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"husly-browser-{Guid.NewGuid():N}.db");

    /// <summary>Provider and connection string of the app's database; PostgresBrowserHost runs the same journeys on PostgreSQL.</summary>
    protected virtual (string Provider, string ConnectionString) Database => ("Sqlite", $"Data Source={_database}");

    public string Provider => Database.Provider;
    private KestrelApp? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new KestrelApp(Database.Provider, Database.ConnectionString);
        _app.StartServer();
        BaseUrl = _app.ClientOptions.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser context and page; <paramref name="width"/> × <paramref name="height"/> e.g. 390 × 844 for a phone.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 1280, int height = 900)
    {
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = "nb-NO",
            ViewportSize = new() { Width = width, Height = height },
        });
        // Generous for a loaded two-core CI machine; a real hang still fails.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>axe-core needs script, so a page in a JavaScript-free context is checked by loading the same address, with
    /// the same cookies, in a context where script runs. (Running axe in the script-free context would wait forever.)</summary>
    public async Task AssertAccessibleWithoutJavaScriptAsync(IPage noScriptPage)
    {
        var state = await noScriptPage.Context.StorageStateAsync();
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), StorageState = state });
        var page = await context.NewPageAsync();
        await page.GotoAsync(noScriptPage.Url);
        await page.AssertAccessibleAsync();
    }

    /// <summary>axe for a page that answered a POST without JavaScript (a receipt, a refusal), which loading its address
    /// again would not show: its HTML is written into a page with script on the same address, then checked.</summary>
    public async Task AssertAccessibleContentWithoutJavaScriptAsync(IPage noScriptPage)
    {
        var html = await noScriptPage.ContentAsync();
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(noScriptPage.Url);
        await page.SetContentAsync(html);
        await page.AssertAccessibleAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
        GC.SuppressFinalize(this);
    }

    private sealed class KestrelApp : WebApplicationFactory<Program>
    {
        private readonly string _provider;
        private readonly string _connectionString;
        private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), $"husly-browser-checkpoints-{Guid.NewGuid():N}");

        public KestrelApp(string provider, string connectionString)
        {
            (_provider, _connectionString) = (provider, connectionString);
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", _provider);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("ConnectionStrings:Default", _connectionString);
            builder.UseSetting("Casework:AccessLog:CheckpointDirectory", _checkpoints);
            builder.UseSetting("Casework:AccessLog:Keys:browser", "YnJvd3Nlci10ZXN0LWtleS1mb3ItdGhlLWFjY2Vzcy1sb2c=");
            builder.UseSetting("Casework:AccessLog:CurrentKeyId", "browser");
            builder.UseSetting("DataProtection:Key", "YnJvd3Nlci1rZXlyaW5nLWtleS0zMi1ieXRlcy1vayE=");
            builder.UseSetting("Casework:Retention:Enabled", "false");
            builder.UseSetting("DemoData:Enabled", "true");
            builder.UseSetting("DemoData:Projects", "60");
            // Years of invented follow-up for the outcome dashboards (the first run starts with the app).
            builder.UseSetting("DemoData:HistoryResidents", "300");
            builder.UseUrls("http://127.0.0.1:0");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(_checkpoints))
            {
                Directory.Delete(_checkpoints, recursive: true);
            }
        }
    }
}

/// <summary>The same host on PostgreSQL (the throwaway server the test command starts), so journeys run on both databases.</summary>
public sealed class PostgresBrowserHost : BrowserHost
{
    private readonly string _name = $"husly_browser_{Guid.NewGuid():N}";

    protected override (string Provider, string ConnectionString) Database =>
        ("Postgres", new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("TEST_PG")
            ?? throw new InvalidOperationException("TEST_PG is not set: run the README's test command"))
        { Database = _name }.ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG"));
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

public static class PageChecks
{
    private static readonly string[] Wcag21AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Runs axe-core on the page as it is now and fails on any serious or critical WCAG 2.1 A/AA violation.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Wcag21AA] } });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByLabel("Passord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        try
        {
            // The address is what matters. Waiting for a load state — "load" (every font and icon), and once even
            // "DOMContentLoaded" on a start page that had long been shown — hung loaded CI runs for a minute, so the
            // address is polled instead.
            await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 60_000 });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // Say what the login page said (wrong password, lockout, antiforgery) instead of only "timeout".
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Sign-in as {email} did not leave the login page: {shown}", e);
        }
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(dir))
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
        }
    }
}
