using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Concerns;

/// <summary>Issue 12 §2: the maintained postcode-to-district list. An administrator sets and removes postcodes; routing
/// follows at once (the cached list is cleared on save); other roles never reach the page.</summary>
public sealed class PostcodeTests(Apps apps)
{
    private const string Form = "main form[method=post]";

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_administrator_moves_a_postcode_and_the_next_concern_follows(TestDatabase db)
    {
        var app = apps[db];
        var admin = app.ClientFor(DemoAccounts.Admin);
        var page = await admin.GetPageAsync("/administration/postcodes?postnummer=0976");
        Assert.Equal("0976 går til Bydel Grorud.", page.GetElementById("lookup-answer")!.TextContent.Trim());

        var bad = await Html.ParseAsync(await admin.PostAsync("/administration/postcodes?handler=Set", new FormUrlEncodedContent(
            [.. Token(page), new("Input.Postcodes", "0110-0100"), new("Input.DistrictId", DemoIds.District("Frogner").ToString())])));
        Assert.Equal("Intervallet må gå fra lavt til høyt og ha høyst 1000 postnummer.", bad.FieldError("Input_Postcodes"));

        // The sentrum codes 0101–0109 are not on the starting list: a worry from there goes to the central desk until set.
        var set = await admin.PostAsync("/administration/postcodes?handler=Set", new FormUrlEncodedContent(
            [.. Token(page), new("Input.Postcodes", "0101–0103"), new("Input.DistrictId", DemoIds.District("Frogner").ToString())]));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(DemoIds.District("Frogner"), await app.QueryAsync(d => d.PostcodeDistricts.Where(p => p.Postcode == "0102").Select(p => p.DistrictId).SingleAsync()));
        var client = app.ClientFor();
        var seen = ReportTests.Marker();
        await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Html.Values(("Input.PersonName", "Naboen"), ("Input.Postcode", "0102"),
            ("Input.WhatSeen", seen), ("Input.Urgency", "Normal"), ("Input.Relation", "Neighbour")));
        Assert.Equal(DemoIds.District("Frogner"), await app.QueryAsync(d => d.Concerns.Where(c => c.WhatSeen == seen).Select(c => c.DistrictId).SingleAsync()));

        var removed = await admin.PostAsync("/administration/postcodes?handler=Remove", new FormUrlEncodedContent(
            [.. Token(await admin.GetPageAsync("/administration/postcodes")), new("Input.Postcodes", "0101-0103")]));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.QueryAsync(d => d.PostcodeDistricts.AnyAsync(p => p.Postcode == "0102")));

        foreach (var other in new[] { DemoAccounts.TeamLeaderGrorud, DemoAccounts.Manager, DemoAccounts.PartnerNav })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(other).GetAsync("/administration/postcodes")).StatusCode);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [new("__RequestVerificationToken", page.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!)];
}
