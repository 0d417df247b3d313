using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Administration.Users;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Administration;

internal static class AdministrationModule
{
    /// <summary>Identity lives here because Administration owns the user type.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddIdentity<HuslyUser, IdentityRole<Guid>>(o =>
            {
                // NSM advice: length over composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<HuslyDbContext>()
            .AddClaimsPrincipalFactory<HuslyClaimsFactory>()
            .AddErrorDescriber<NorwegianIdentityErrors>()
            .AddPasswordValidator<PasswordStrength>()
            .AddDefaultTokenProviders();
        services.AddScoped<Users.UserChoices>();
        services.AddScoped<Organisations.OrganisationLookups>();
        services.AddHuslyMail();
        // PostConfigure: AddRazorPages replaces the conventions when it runs after this module.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Administration", Policies.Administrator));
        return services;
    }
}
