namespace Husly.Platform;

internal static class SecurityHeaders
{
    /// <summary>A CSP without inline script or any outside origin, no framing, nosniff and a strict referrer policy.</summary>
    public static WebApplication UseHuslySecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders(policies => policies
            .AddDefaultSecurityHeaders()
            // Two years, subdomains too; sent on HTTPS responses only, and (unlike the default) for every host name.
            .AddStrictTransportSecurity(63_072_000, includeSubdomains: true, preload: false, excludedHosts: [])
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
            }));
        // Pages with personal data (residents, the access log, users) must not be kept by the browser or any proxy: the
        // back button after sign-out, or a shared computer's cache, would show them.
        app.Use((context, next) =>
        {
            if (NoStorePrefixes.Any(p => context.Request.Path.StartsWithSegments(p)))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        return app;
    }

    private static readonly string[] NoStorePrefixes = ["/casework", "/privacy", "/administration", "/account"];
}
