namespace Husly.Features.Administration.Mail;

internal static class MailModule
{
    public static IServiceCollection AddHuslyMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailSignal>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, OutboxSignalInterceptor>();
        services.AddScoped<Outbox>();
        services.AddScoped<MailDelivery>();
        services.AddHostedService<MailDeliveryJob>();
        return services;
    }
}
