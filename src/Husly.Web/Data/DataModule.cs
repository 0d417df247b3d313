using System.ComponentModel.DataAnnotations;
using Husly.Data.DemoData;
using Husly.Data.Interceptors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Husly.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start. On for SQLite by default; production PostgreSQL runs a bundle or script instead.</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrate => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}

internal static class DataModule
{
    public static IServiceCollection AddHuslyData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoDataOptions>().BindConfiguration("DemoData").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration("BootstrapAdmin").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Husly.Platform.Caching.ReadCache>();
        services.AddSingleton<AuditingInterceptor>();

        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ValidationException("ConnectionStrings:Default must be set when Database:Provider is Postgres.");
            }
            connectionString = WithAutoPrepare(connectionString);
            services.AddDbContextPool<HuslyDbContext, PostgresHuslyDbContext>((sp, o) => o
                .UseNpgsql(connectionString)
                .AddInterceptors(Interceptors(sp)));
        }
        else
        {
            services.AddDbContextPool<HuslyDbContext, SqliteHuslyDbContext>((sp, o) => o
                .UseSqlite(connectionString ?? "Data Source=husly.db")
                .AddInterceptors(Interceptors(sp)));
        }
        // The key ring behind sign-in and antiforgery cookies lives in the database: sign-ins survive a restart or a
        // deployment, and several instances share it.
        services.AddDataProtection().SetApplicationName("Husly").PersistKeysToDbContext<HuslyDbContext>();
        // Each key is encrypted before it is stored, under a key the database never holds (DataProtection:Key).
        services.AddOptions<KeyRingOptions>().BindConfiguration("DataProtection").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KeyRingKey>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<KeyRingKey>((o, key) => o.XmlEncryptor = new KeyRingEncryptor(key));
        services.AddScoped<DemoDataSeeder>();
        services.AddHealthChecks().AddDbContextCheck<HuslyDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Lets Npgsql prepare the statements a page runs again and again on the server, so PostgreSQL parses and plans them
    /// once per connection instead of on every request (casework pages make a dozen small statements: this about doubled
    /// their speed, docs/performance.md). Left alone when the connection string says otherwise, e.g. Max Auto Prepare=0
    /// behind a pooler that cannot keep prepared statements.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder reports every keyword it knows as present; the generic one holds only what was written.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 200;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>The modules' interceptors first (they may change what is saved), then auditing, which stamps and records it.</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors(IServiceProvider sp) =>
        [.. sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(), sp.GetRequiredService<AuditingInterceptor>()];

    /// <summary>Migrates (when configured) and seeds demo data (when enabled) before the app takes requests.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
        if (options.ShouldMigrate)
        {
            await db.Database.MigrateAsync();
        }
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers no longer wait for a writer, and a commit costs one append instead of a
            // rewritten journal. Every read of resident data writes an access-log entry, so this matters. Persistent.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }
}
