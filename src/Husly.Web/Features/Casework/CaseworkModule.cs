using Husly.Features.Casework.Access;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Casework;

internal static class CaseworkModule
{
    public static IServiceCollection AddCasework(this IServiceCollection services)
    {
        services.AddOptions<CaseworkOptions>().BindConfiguration("Casework").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessLog>();
        services.AddScoped<CaseFiles>();
        services.AddScoped<CaseworkLookups>();
        services.AddOptions<RetentionOptions>().BindConfiguration("Casework:Retention");
        services.AddScoped<Retention>();
        services.AddHostedService<RetentionJob>();
        // Other roles get the 403 page before anything is read, so nothing is revealed and nothing logged.
        services.PostConfigure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Casework", Policies.Casework);
            o.Conventions.AuthorizeFolder("/Privacy", Policies.Privacy);
        });
        return services;
    }
}
