using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;

namespace Husly.Tests.Features;

/// <summary>Issue 8 §4: every demo role signs in, lands on its start page, and can open every page its menu and start
/// page link to (and the links on those pages), on both databases. A link a role is shown must never end in an error.</summary>
public sealed class MenuTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Every_role_opens_its_start_page_its_menu_and_what_they_link_to(TestDatabase db)
    {
        var app = apps[db];
        var wrong = new List<string>();
        foreach (var account in DemoAccounts.All)
        {
            var client = app.ClientFor(account);
            var start = await client.GetAsync("/");
            if (start.StatusCode != HttpStatusCode.OK)
            {
                wrong.Add($"{account.Email}: start page {(int)start.StatusCode}");
                continue;
            }
            var startPage = await Html.ParseAsync(start);
            var menu = Links(startPage, ".site-nav a").ToList();
            Assert.NotEmpty(menu);
            var seen = new HashSet<string> { "/" };
            var queue = new Queue<(string Url, int Depth)>(menu.Concat(Links(startPage, "main a")).Select(u => (u, 1)));
            while (queue.TryDequeue(out var next) && seen.Count < 80)
            {
                if (!seen.Add(next.Url))
                {
                    continue;
                }
                var response = await client.GetAsync(next.Url);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    wrong.Add($"{account.Email}: {next.Url} {(int)response.StatusCode}");
                    continue;
                }
                if (next.Depth < 2 && response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    foreach (var link in Links(await Html.ParseAsync(response), "main a"))
                    {
                        queue.Enqueue((link, next.Depth + 1));
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Same-site page links; fragments and downloads left out.</summary>
    private static IEnumerable<string> Links(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")).OfType<string>()
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
            .Select(h => h.Split('#')[0]).Where(h => h.Length > 0).Distinct();
}
