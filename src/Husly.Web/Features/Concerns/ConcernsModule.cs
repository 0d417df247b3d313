using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Husly.Features.Concerns.Access;
using Husly.Features.Concerns.Rent;
using Husly.Platform.Auth;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns;

public sealed class ConcernOptions
{
    /// <summary>Time limits for first contact, by urgency (shown on the public page and used by the queue).</summary>
    [Range(1, 168)]
    public int UrgentHours { get; set; } = 24;

    [Range(1, 30)]
    public int SoonDays { get; set; } = 3;

    [Range(1, 60)]
    public int NormalDays { get; set; } = 10;

    /// <summary>Concerns and additions one address may send per hour; 0 turns the limit off (load tests).</summary>
    [Range(0, 100_000)]
    public int ReportsPerHourPerAddress { get; set; } = 10;

    /// <summary>How long a reporter waits for the database before being told the report was not received.</summary>
    [Range(1, 120)]
    public int SaveTimeoutSeconds { get; set; } = 15;

    /// <summary>The job that escalates concerns past their deadline; tests run it themselves.</summary>
    public bool EscalationEnabled { get; set; } = true;

    [Range(1, 1440)]
    public int EscalationIntervalMinutes { get; set; } = 5;

    public TimeSpan TimeLimit(ConcernUrgency urgency) => urgency switch
    {
        ConcernUrgency.Urgent => TimeSpan.FromHours(UrgentHours),
        ConcernUrgency.Soon => TimeSpan.FromDays(SoonDays),
        _ => TimeSpan.FromDays(NormalDays),
    };
}

/// <summary>The per-address limit on the public form, checked inside the handler so a refused reporter sees the form
/// again with what they wrote and a plain message, instead of a bare 429.</summary>
public sealed class ConcernRateLimit(IOptions<ConcernOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        options.Value.ReportsPerHourPerAddress == 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.Value.ReportsPerHourPerAddress,
                Window = TimeSpan.FromHours(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));

    public bool TryTake(System.Net.IPAddress? address)
    {
        using var lease = limiter.AttemptAcquire(Partition(address));
        return lease.IsAcquired;
    }

    /// <summary>An IPv4 address is one sender; an IPv6 sender holds a whole /64, so the /64 is the partition.</summary>
    internal static string Partition(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? Convert.ToHexString(address.GetAddressBytes(), 0, 8) + "::/64"
            : address.ToString();
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Concerns and early warning (issue 12): the public worry channel, routed to the district of the address.</summary>
internal static class ConcernsModule
{
    /// <summary>The follow-up teams' pages: case workers and team leaders (which concerns, the Access rule decides).</summary>
    public const string TriagePolicy = "ConcernTriage";

    public static IEndpointRouteBuilder MapConcerns(this IEndpointRouteBuilder app) => app.MapRentLedgerApi();

    public static IServiceCollection AddConcerns(this IServiceCollection services)
    {
        services.AddOptions<ConcernOptions>().BindConfiguration("Concerns").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConcernRateLimit>();
        services.AddScoped<DistrictRouting>();
        services.AddScoped<ConcernIntake>();
        services.AddScoped<ConcernCases>();
        services.AddScoped<ConcernEscalation>();
        services.AddScoped<ConcernStatistics>();
        services.AddHostedService<ConcernEscalationJob>();
        services.AddOptions<Rent.RentImportOptions>().BindConfiguration("Concerns:Import");
        services.AddSingleton<Rent.RentImportInbox>();
        services.AddScoped<Rent.RentImports>();
        services.AddScoped<RentLedgerImporter>();
        services.AddScoped<RentAlerts>();
        services.AddHostedService<Rent.RentImportWorker>();
        services.AddAuthorizationBuilder().AddPolicy(TriagePolicy, p => p.RequireRole(Roles.CaseWorker, Roles.TeamLeader));
        // Other roles get the 403 page before anything is read.
        services.PostConfigure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Concerns/Triage", TriagePolicy));
        return services;
    }
}
