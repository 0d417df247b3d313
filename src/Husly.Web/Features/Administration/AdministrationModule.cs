using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Administration;

internal static class AdministrationModule
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<Users.UserChoices>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Administration", Policies.Administrator));
        return services;
    }
}
