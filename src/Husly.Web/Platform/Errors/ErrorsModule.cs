using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Husly.Platform.Errors;

internal static class ErrorsModule
{
    public static IServiceCollection AddHuslyErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Development otherwise throws on a query string that does not bind; answer 400 the same way in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>API paths answer with ProblemDetails; pages re-execute the Norwegian error pages. No stack trace leaves the
    /// server outside Development.</summary>
    public static WebApplication UseHuslyErrors(this WebApplication app)
    {
        // A request the server cannot read (a form with more than 1,024 fields, a malformed body) is the caller's error:
        // 400, logged by the middleware like any other exception, and the Norwegian 400 page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = ex => IsUnreadableRequest(ex) ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    /// <summary>The request itself could not be read (MVC wraps the form reader's exception).</summary>
    internal static bool IsUnreadableRequest(Exception? ex) =>
        ex is InvalidDataException or BadHttpRequestException or Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException
        || (ex?.InnerException is { } inner && IsUnreadableRequest(inner));

    private sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!httpContext.Request.Path.StartsWithSegments("/api"))
            {
                return false;
            }
            // A query string that does not bind (an unknown status, a word for a number) is the caller's error.
            var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            if (status >= 500)
            {
                logger.LogError(exception, "Unhandled exception on API request {TraceId}", httpContext.TraceIdentifier);
            }
            httpContext.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = status,
                    Title = status >= 500 ? "Det oppstod en uventet feil." : "Ugyldig forespørsel.",
                    Detail = status >= 500 ? null : exception.Message,
                    Extensions = { ["traceId"] = httpContext.TraceIdentifier },
                },
            });
        }
    }
}
