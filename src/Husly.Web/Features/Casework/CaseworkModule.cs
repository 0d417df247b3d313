using Husly.Features.Casework.Access;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Casework;

internal static class CaseworkModule
{
    public static IServiceCollection AddCasework(this IServiceCollection services)
    {
        services.AddOptions<CaseworkOptions>().BindConfiguration("Casework").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessLogOptions>().BindConfiguration("Casework:AccessLog").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessLogSeal>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusedAttempts>();
        // The audited path (ResidentAccess) and the Access services built on it, one per purpose.
        services.AddScoped<ResidentAccess>();
        services.AddScoped<CaseFiles>();
        services.AddScoped<Caseload>();
        services.AddScoped<Households>();
        services.AddScoped<Emergencies>();
        services.AddScoped<AccessReports>();
        services.AddScoped<TransferRequests>();
        services.AddScoped<PossibleDuplicates>();
        // Identity numbers are encrypted and hashed on save and decrypted on read by every context (Data adds each
        // registered interceptor to the context options).
        services.AddSingleton<Residents.IdentityNumberVault>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Residents.IdentityNumberInterceptor.Instance);
        services.AddScoped<CaseworkLookups>();
        services.AddOptions<RetentionOptions>().BindConfiguration("Casework:Retention").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Retention>();
        services.AddHostedService<RetentionJob>();
        services.AddOptions<OutcomeOptions>().BindConfiguration("Outcomes").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OutcomeExtraction>();
        services.AddHostedService<OutcomeJob>();
        // Other roles get the 403 page before anything is read, so nothing is revealed; RefusedAttempts logs the attempt.
        services.PostConfigure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Casework", Policies.Casework);
            o.Conventions.AuthorizeFolder("/Privacy", Policies.Privacy);
        });
        return services;
    }
}
