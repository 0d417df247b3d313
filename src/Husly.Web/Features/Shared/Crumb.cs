using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Husly.Features.Shared;

/// <summary>One step in the breadcrumb trail; the last one (the current page) has no link.</summary>
public sealed record Crumb(string Text, string? Url = null);

public static class LayoutData
{
    private const string CrumbsKey = "Crumbs";
    private const string FlashKey = "Flash";

    public static void SetCrumbs(this ViewDataDictionary viewData, params Crumb[] crumbs) => viewData[CrumbsKey] = crumbs;

    public static IReadOnlyList<Crumb> Crumbs(this ViewDataDictionary viewData) => viewData[CrumbsKey] as Crumb[] ?? [];

    /// <summary>A one-off success message shown after a redirect (post/redirect/get).</summary>
    public static void Flash(this ITempDataDictionary tempData, string message) => tempData[FlashKey] = message;

    public static string? Flash(this ITempDataDictionary tempData) => tempData[FlashKey] as string;

    /// <summary>Takes back a message set for the next page (the save it announced was undone).</summary>
    public static void ClearFlash(this ITempDataDictionary tempData) => tempData.Remove(FlashKey);
}
