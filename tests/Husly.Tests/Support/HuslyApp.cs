using System.Security.Claims;
using System.Text.Encodings.Web;
using Husly.Data.DemoData;
using Husly.Features.Administration.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Husly.Tests.Support;

/// <summary>Husly in-process on one database, with demo data, and a test sign-in keyed by the X-Test-User header
/// ("act as this demo user"). Requests without the header use the real Identity cookie.</summary>
public sealed class HuslyApp : WebApplicationFactory<Program>
{
    public const string UserHeader = "X-Test-User";
    private readonly string _connectionString;
    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;
    private readonly string _checkpoints;
    private readonly bool _ownsCheckpoints;

    /// <summary>The access log's test key (32 bytes); real installs configure their own or get a key file.</summary>
    /// <summary>The rent-ledger API's key in tests.</summary>
    public const string RentApiKey = "test-nokkel-for-husleieimport";

    public const string AccessLogKey = "dGVzdC1ub2trZWwtZm9yLXRpbGdhbmdzbG9nZ2VuLTEyMw==";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    /// <summary>An app on a new database of its own; <paramref name="settings"/> are added to (or override) the test
    /// settings.</summary>
    public HuslyApp(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        Database = database;
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        _checkpoints = Path.Combine(Path.GetTempPath(), $"husly-checkpoints-{Guid.NewGuid():N}");
        _ownsCheckpoints = true;
        if (database == TestDatabase.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"husly-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("TEST_PG")
                ?? throw new InvalidOperationException("TEST_PG is not set: run the tests with the README's test command, which starts PostgreSQL.");
            _postgresDatabase = $"husly_test_{Guid.NewGuid():N}";
            _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _postgresDatabase }.ConnectionString;
        }
    }

    /// <summary>A second instance on another app's database (a restart, or a second server); it leaves the database to
    /// its owner.</summary>
    public HuslyApp(HuslyApp sameDatabaseAs)
    {
        Database = sameDatabaseAs.Database;
        _settings = sameDatabaseAs._settings;
        _clock = sameDatabaseAs._clock;
        _connectionString = sameDatabaseAs._connectionString;
        _checkpoints = sameDatabaseAs._checkpoints;
    }

    public TestDatabase Database { get; }

    /// <summary>The app's database, for tests that hold a lock on it (the database not answering).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>The SQLite database file, for tests that look at what is on disk.</summary>
    public string? SqliteFile => _sqliteFile;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Database.ToString());
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Projects", "40");
        builder.UseSetting("Casework:AccessLog:Keys:test-1", AccessLogKey);
        builder.UseSetting("DataProtection:Key", "dGVzdC1rZXlyaW5nLWtleS0zMi1ieXRlcy1sb25nISE=");
        // Tests run retention themselves; a job starting with each app (and a second app on the same database) would race them.
        builder.UseSetting("Casework:Retention:Enabled", "false");
        // Tests run the reminder job themselves, with their own clock.
        builder.UseSetting("Portfolio:Reminders:Enabled", "false");
        // Every test client comes from the same (unknown) address; the rate-limit test has an app of its own.
        builder.UseSetting("Catalogue:RequestsPerMinute", "1000000");
        builder.UseSetting("Concerns:ReportsPerHourPerAddress", "0");
        builder.UseSetting("Concerns:EscalationEnabled", "false");
        // Tests start and run the outcome computation themselves, on residents they make (no demo histories).
        builder.UseSetting("Outcomes:JobEnabled", "false");
        builder.UseSetting("DemoData:HistoryResidents", "0");
        builder.UseSetting("Concerns:Import:ApiKey", RentApiKey);
        builder.UseSetting("Casework:AccessLog:CurrentKeyId", "test-1");
        builder.UseSetting("Casework:AccessLog:CheckpointDirectory", _checkpoints);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null)
            {
                // An app of its own with a clock the test moves (deadlines); the shared apps keep the real one.
                services.AddSingleton(_clock);
            }
            services.AddAuthentication()
                .AddScheme<AuthenticationSchemeOptions, HeaderAuthHandler>(HeaderAuthHandler.Name, null)
                .AddPolicyScheme("TestOrCookie", null, o => o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.ContainsKey(UserHeader) ? HeaderAuthHandler.Name : IdentityConstants.ApplicationScheme);
            services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = "TestOrCookie");
        });
    }

    /// <summary>A client acting as a demo user; with no user, an anonymous client that keeps cookies.</summary>
    public HttpClient ClientFor(DemoAccount? account = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (account is not null)
        {
            client.DefaultRequestHeaders.Add(UserHeader, account.Email);
        }
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsCheckpoints && Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Signs the request in as the user named in the header, with the same claims a real sign-in gives.</summary>
    private sealed class HeaderAuthHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        UserManager<HuslyUser> users, IUserClaimsPrincipalFactory<HuslyUser> claims)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";

        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var email = Request.Headers[UserHeader].ToString();
            var user = await users.FindByEmailAsync(email);
            if (user is null || !user.IsActive)
            {
                return AuthenticateResult.Fail("Unknown or inactive test user");
            }
            var principal = await claims.CreateAsync(user);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principal.Identities), Name));
        }
    }
}

/// <summary>One app per database for the whole test assembly; tests create their own data and never depend on order.</summary>
public sealed class Apps : IAsyncDisposable
{
    private readonly Lazy<HuslyApp> _sqlite;
    private readonly Lazy<HuslyApp> _postgres;

    public Apps()
    {
        _sqlite = new(() => Started(new HuslyApp(TestDatabase.Sqlite, Smtp.Settings)));
        _postgres = new(() => Started(new HuslyApp(TestDatabase.Postgres, Smtp.Settings)));
    }

    /// <summary>The mail server both shared apps deliver to.</summary>
    public SmtpTestServer Smtp { get; } = new();

    public HuslyApp this[TestDatabase database] => database == TestDatabase.Sqlite ? _sqlite.Value : _postgres.Value;

    private static HuslyApp Started(HuslyApp app)
    {
        _ = app.Server; // start now, so migration and seeding happen once, under the Lazy's lock
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        if (_sqlite.IsValueCreated)
        {
            await _sqlite.Value.DisposeAsync();
        }
        if (_postgres.IsValueCreated)
        {
            await _postgres.Value.DisposeAsync();
        }
    }
}
