namespace Husly.Features.Calls;

/// <summary>Calls depends on Portfolio (programmes, and later the project an award creates), never the reverse (ADR 11).</summary>
internal static class CallsModule
{
    public static IServiceCollection AddCalls(this IServiceCollection services)
    {
        services.AddSingleton<CallText>();
        services.AddScoped<CallAccess>();
        services.AddScoped<CallStages>();
        services.AddScoped<Invitations>();
        services.AddScoped<Applications.ApplicationAccess>();
        services.AddScoped<Applications.ApplicationFlow>();
        services.AddScoped<Awards.DecisionLetter>();
        return services;
    }
}
