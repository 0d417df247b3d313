using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Husly.Platform.Errors;

internal static class ErrorsModule
{
    public static IServiceCollection AddHuslyErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>API paths answer with ProblemDetails; pages re-execute the Norwegian error pages. No stack trace leaves the
    /// server outside Development.</summary>
    public static WebApplication UseHuslyErrors(this WebApplication app)
    {
        app.UseExceptionHandler("/error/500");
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    private sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!httpContext.Request.Path.StartsWithSegments("/api"))
            {
                return false;
            }
            logger.LogError(exception, "Unhandled exception on API request {TraceId}", httpContext.TraceIdentifier);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "Det oppstod en uventet feil.",
                    Extensions = { ["traceId"] = httpContext.TraceIdentifier },
                },
            });
        }
    }
}
