using System.Globalization;
using System.Threading.RateLimiting;
using Husly.Platform.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Husly.Features.Catalogue;

public sealed class CatalogueOptions
{
    /// <summary>Searches and API calls one address may make per minute before it is asked to wait; 0 turns the limit
    /// off (load tests from one address).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>How long an anonymous page is served from the output cache. A change on this instance clears it at
    /// once; other instances may show the old page this long.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int CacheSeconds { get; set; } = 60;
}

/// <summary>The public catalogue (issue 11). Reads projects only through Portfolio's ProjectSharing and never reads
/// casework (ADR 13, an architecture test).</summary>
internal static class CatalogueModule
{
    public const string CachePolicy = "catalogue";
    public const string CacheTag = "catalogue";
    public const string RatePolicy = "catalogue";

    /// <summary>A save touching any of these clears the cached public pages.</summary>
    public static readonly Type[] PublicTypes =
    [
        typeof(Solution), typeof(SolutionIndicator), typeof(SolutionLesson), typeof(SolutionTargetGroup), typeof(SolutionSlug),
        typeof(Adoption), typeof(AdoptionResult), typeof(Portfolio.Projects.TargetGroup), typeof(Administration.Organisations.Organisation),
        typeof(Portfolio.Projects.Project),
    ];

    public static IServiceCollection AddCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogueOptions>().BindConfiguration("Catalogue").ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection("Catalogue").Get<CatalogueOptions>() ?? new CatalogueOptions();
        services.AddScoped<CatalogueSearch>();
        services.AddScoped<CatalogueAccess>();
        services.AddScoped<SolutionForm>();
        services.AddHostedService<CacheEviction>();
        services.AddOutputCache(o => o.AddPolicy(CachePolicy, b => (options.CacheSeconds == 0 ? b.NoCache() : b)
            .Expire(TimeSpan.FromSeconds(Math.Max(1, options.CacheSeconds)))
            .Tag(CacheTag)
            .SetVaryByQuery("*")
            .SetVaryByHeader("HX-Request", "Accept")
            // The language comes from a cookie, which the cache key does not otherwise see.
            .VaryByValue(_ => new KeyValuePair<string, string>("ui", CultureInfo.CurrentUICulture.Name))));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RatePolicy, context => options.RequestsPerMinute == 0 ? RateLimitPartition.GetNoLimiter("all") : RateLimitPartition.GetSlidingWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = options.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                }));
            // Pages: nothing is written here, the status-code pages answer 429 in Norwegian. The API says it in ProblemDetails.
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "For mange forespørsler",
                            Detail = "Du har gjort mange forespørsler på kort tid. Vent et minutt og prøv igjen.",
                        },
                    });
                }
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        app.MapCatalogueApi();
        app.MapCatalogueOpenData();
        return app;
    }

    /// <summary>Clears the cached public pages when a save on this instance touches what they show.</summary>
    private sealed class CacheEviction(ReadCache cache, IOutputCacheStore store, ILogger<CacheEviction> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            cache.Changed += OnChanged;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            cache.Changed -= OnChanged;
            return Task.CompletedTask;
        }

        private void OnChanged(IReadOnlyCollection<Type> types)
        {
            if (types.Any(t => PublicTypes.Contains(t)))
            {
                var eviction = store.EvictByTagAsync(CacheTag, CancellationToken.None);
                if (!eviction.IsCompletedSuccessfully)
                {
                    _ = eviction.AsTask().ContinueWith(t => logger.LogError(t.Exception, "Could not clear the catalogue's cached pages"),
                        CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
        }
    }
}
