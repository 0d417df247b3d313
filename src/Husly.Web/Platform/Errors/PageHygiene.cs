using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Husly.Platform.Errors;

/// <summary>A POST (or PUT, DELETE) naming no handler the page has, or none at all, answers 404 and is logged. Without
/// this, Razor Pages renders the page without running any handler, and a page that loads its data in a handler fails.</summary>
internal sealed partial class UnknownHandlerFilter(ILogger<UnknownHandlerFilter> logger) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var named = request.Query["handler"].ToString() is { Length: > 0 } q ? q : context.RouteData.Values["handler"]?.ToString();
        // A handler asked for by name that the page does not have: Razor Pages would run the unnamed one instead.
        var unknownName = !string.IsNullOrEmpty(named) && !string.Equals(context.HandlerMethod?.Name, named, StringComparison.OrdinalIgnoreCase);
        if ((context.HandlerMethod is null || unknownName) && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            LogUnknown(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, context.HttpContext.Request.Query["handler"].ToString());
            context.Result = new NotFoundResult();
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} names no handler the page has (handler '{Handler}'): answered 404")]
    private static partial void LogUnknown(ILogger logger, string method, PathString path, string handler);
}

/// <summary>A handler parameter that shares its name with a route value (id, residentId, decisionId) binds from the route
/// only. Otherwise a form field or query string of the same name would win over the address the page was reached by.</summary>
internal sealed partial class RouteValuesFromRouteOnly : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var template = model.ActionDescriptor.AttributeRouteInfo?.Template ?? "";
        var routeNames = RouteParameter().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters).Where(p => routeNames.Contains(p.ParameterName)))
        {
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }
    }

    [GeneratedRegex(@"\{\*?(\w+)")]
    private static partial Regex RouteParameter();
}
