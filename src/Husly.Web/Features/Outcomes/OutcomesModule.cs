namespace Husly.Features.Outcomes;

/// <summary>Outcomes (issue 13): de-identified results, dashboards, cost–benefit and the municipal self-assessment.
/// Reads only its own tables (ADR 15).</summary>
internal static class OutcomesModule
{
    public static IServiceCollection AddOutcomes(this IServiceCollection services)
    {
        services.AddSingleton<OutcomeRunSignal>();
        services.AddSingleton<OutcomeModelCache>();
        services.AddScoped<OutcomeRuns>();
        services.AddScoped<Dashboards>();
        return services;
    }
}
