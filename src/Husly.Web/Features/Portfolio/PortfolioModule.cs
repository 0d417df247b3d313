using Husly.Features.Portfolio.Programmes;
using Husly.Features.Portfolio.Projects;
using Microsoft.AspNetCore.Authorization;

namespace Husly.Features.Portfolio;

internal static class PortfolioModule
{
    public static IServiceCollection AddPortfolio(this IServiceCollection services)
    {
        services.AddScoped<PortfolioAccess>();
        services.AddScoped<PortfolioLookups>();
        services.AddScoped<ProjectSearch>();
        services.AddScoped<ProjectForm>();
        services.AddScoped<ChangeHistory>();
        services.AddScoped<IAuthorizationHandler, ProjectAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, ProgrammeAuthorizationHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortfolio(this IEndpointRouteBuilder app)
    {
        app.MapPortfolioApi();
        return app;
    }
}
