using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Calls;

/// <summary>Applications in known states, made through the pages as their users would.</summary>
internal static class CallsTestData
{
    /// <summary>A complete application from a district director (who needs nobody's endorsement), submitted to the call.</summary>
    public static async Task<Guid> SubmittedAsync(HttpClient director, string title, Guid? call = null, long amount = 600_000, params (string, string?)[] more)
    {
        var id = await DraftAsync(director, title, call, amount, more);
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(await director.GetPageAsync($"/applications/{id}"), "form[action*='handler=Submit']")).StatusCode);
        return id;
    }

    /// <summary>A complete application, still a draft.</summary>
    public static async Task<Guid> DraftAsync(HttpClient director, string title, Guid? call = null, long amount = 600_000, params (string, string?)[] more)
    {
        var started = await director.SubmitAsync(await director.GetPageAsync($"/calls/{call ?? DemoCalls.NextYear}/apply"), "main form", Html.Values(("Input.Title", title)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = Guid.Parse(started.Headers.Location!.ToString().Split('/').Last());
        var page = await director.GetPageAsync($"/applications/edit/{id}");
        (string, string?)[] values =
        [
            ("Input.Challenge", "Eldre som ikke ber om hjelp."), ("Input.UserInvolvement", "Seniorråd."), ("Input.WhatIsNew", "Naboer melder bekymring."),
            ("Input.TargetGroups", page.QuerySelector("#Input_TargetGroups input")!.GetAttribute("value")), ("Input.OwnContribution", "100000"),
            ("Input.Budget[0].Year", "2027"), ("Input.Budget[0].Category", "Salaries"), ("Input.Budget[0].Amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. page.QuerySelectorAll("#Input_Answers input[value=no]").Select(i => (i.GetAttribute("name")!, (string?)"no")),
        ];
        var filled = await director.SubmitAsync(page, "main form", Html.Values([.. values.Where(v => !more.Any(m => m.Item1 == v.Item1)), .. more]));
        Assert.Equal(HttpStatusCode.Redirect, filled.StatusCode);
        return id;
    }
}
