namespace Husly.Platform;

internal static class SecurityHeaders
{
    /// <summary>A CSP without inline script or any outside origin, no framing, nosniff and a strict referrer policy.</summary>
    public static WebApplication UseHuslySecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders(policies => policies
            .AddDefaultSecurityHeaders()
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
        return app;
    }
}
