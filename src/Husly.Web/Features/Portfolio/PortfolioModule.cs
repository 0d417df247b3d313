using Husly.Features.Portfolio.Programmes;
using Husly.Features.Portfolio.Projects;
using Microsoft.AspNetCore.Authorization;

namespace Husly.Features.Portfolio;

public sealed class PortfolioOptions
{
    /// <summary>How long a project-list page stays cached on this instance; this instance's saves clear it at once.
    /// 0 turns the cache off (e.g. several instances behind a load balancer, or to benchmark the uncached list).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int ProjectListCacheSeconds { get; set; } = 30;
}

internal static class PortfolioModule
{
    public static IServiceCollection AddPortfolio(this IServiceCollection services)
    {
        services.AddOptions<PortfolioOptions>().BindConfiguration("Portfolio").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PortfolioAccess>();
        services.AddScoped<PortfolioLookups>();
        services.AddScoped<ProjectSearch>();
        services.AddScoped<ProjectForm>();
        services.AddScoped<ChangeHistory>();
        services.AddScoped<Projects.FundedProjects>();
        services.AddScoped<Reporting.ProjectGate>();
        services.AddScoped<Reporting.ReportMail>();
        services.AddOptions<Reporting.ReminderOptions>().BindConfiguration("Portfolio:Reminders").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Reporting.ReportReminders>();
        services.AddHostedService<Reporting.ReportReminderJob>();
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
