using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Husly.Data;
using Husly.Platform.Export;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue;

/// <summary>The catalogue as files anyone may take: an Atom feed of new and changed solutions, the search as CSV, and a
/// sitemap. Anonymous, cached, cleared when a solution changes.</summary>
internal static class OpenData
{
    public static IEndpointRouteBuilder MapCatalogueOpenData(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("").AllowAnonymous().CacheOutput(CatalogueModule.CachePolicy)
            .RequireRateLimiting(CatalogueModule.RatePolicy).ExcludeFromDescription();
        files.MapGet("/losninger/feed.atom", FeedAsync);
        files.MapGet("/losninger/eksport.csv", CsvAsync);
        files.MapGet("/sitemap.xml", SitemapAsync);
        // Only the public catalogue is for search engines; everything else needs a sign-in anyway.
        files.MapGet("/robots.txt", (HttpRequest request) => Results.Text(
            "User-agent: *\nAllow: /losninger\nDisallow: /\nSitemap: " + request.Scheme + "://" + request.Host + "/sitemap.xml\n", "text/plain; charset=utf-8"));
        return app;
    }

    private static async Task<IResult> FeedAsync(HuslyDbContext db, HttpRequest request, CancellationToken ct)
    {
        var root = request.Scheme + "://" + request.Host;
        // Withdrawn ones stay in the feed, so readers learn that they were withdrawn.
        var items = await db.Solutions.AsNoTracking()
            .Where(s => s.State == SolutionState.Published || (s.State == SolutionState.Withdrawn && s.FirstPublishedAt != null))
            .OrderByDescending(s => s.PublishedAt).Take(50)
            .Select(s => new { s.Id, s.Slug, s.Title, s.Summary, s.State, s.WithdrawnReason, s.FirstPublishedAt, s.PublishedAt, s.PublishedVersion, Municipality = s.Municipality!.Name })
            .ToListAsync(ct);
        var feed = new SyndicationFeed("Husly – løsninger og erfaringer",
            "Nye og endrede løsninger i boligsosialt arbeid", new Uri(root + "/losninger"))
        {
            Id = root + "/losninger/feed.atom",
            Language = "nb",
            LastUpdatedTime = items.FirstOrDefault()?.PublishedAt is { } last ? new DateTimeOffset(last) : DateTimeOffset.UnixEpoch,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(root + "/losninger/feed.atom"), "application/atom+xml"));
        feed.Items = items.Select(s =>
        {
            var withdrawn = s.State == SolutionState.Withdrawn;
            var item = new SyndicationItem(
                withdrawn ? "Trukket tilbake: " + s.Title : s.Title,
                withdrawn ? s.WithdrawnReason : s.Summary + " (" + s.Municipality + ")",
                new Uri(root + "/losninger/" + s.Slug),
                // One entry per solution; its updated time says which version a reader has.
                "urn:uuid:" + s.Id,
                new DateTimeOffset(s.PublishedAt ?? s.FirstPublishedAt ?? DateTime.UnixEpoch));
            if (s.FirstPublishedAt is { } first)
            {
                item.PublishDate = new DateTimeOffset(first);
            }
            return item;
        }).ToList();
        using var stream = new MemoryStream();
        await using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return Results.Bytes(stream.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> CsvAsync([AsParameters] CatalogueQuery query, CatalogueSearch search, IStringLocalizer<SharedResource> l,
        HttpRequest request, CancellationToken ct)
    {
        var root = request.Scheme + "://" + request.Host;
        var rows = await search.Ordered(query).Take(10_000)
            .Select(s => new
            {
                s.Slug,
                s.Title,
                s.Summary,
                s.Problem,
                s.HowToStart,
                s.StaffNeeds,
                s.CostNeeds,
                s.PartnerNeeds,
                s.MunicipalityNumber,
                Municipality = s.Municipality!.Name,
                County = s.Municipality.CountyName,
                District = s.District == null ? null : s.District.Name,
                s.OrganisationForm,
                s.Category,
                s.Phase,
                s.FromYear,
                s.ToYear,
                s.Contact,
                s.ContactEmail,
                s.ContactPhone,
                s.PublishedAt,
            })
            .ToListAsync(ct);
        var table = rows.Select(s => new Dictionary<string, object?>
        {
            [l["Tittel"]] = s.Title,
            [l["Adresse"]] = root + "/losninger/" + s.Slug,
            [l["Sammendrag"]] = s.Summary,
            [l["Problemet løsningen løser"]] = s.Problem,
            [l["Slik kommer dere i gang"]] = s.HowToStart,
            [l["Ansatte"]] = s.StaffNeeds,
            [l["Kostnader"]] = s.CostNeeds,
            [l["Samarbeidspartnere"]] = s.PartnerNeeds,
            [l["Kommunenummer"]] = s.MunicipalityNumber,
            [l["Kommune"]] = s.Municipality,
            [l["Fylke"]] = s.County,
            [l["Bydel"]] = s.District,
            [l["Organisering"]] = s.OrganisationForm is { } f ? l.Enum(f) : null,
            [l["Type oppfølging"]] = s.Category is { } c ? l.Enum(c) : null,
            [l["Innovasjonsfase nådd"]] = s.Phase is { } p ? l.Enum(p) : null,
            [l["Fra år"]] = s.FromYear,
            [l["Til år"]] = s.ToYear,
            [l["Kontakt"]] = s.Contact,
            [l["E-post"]] = s.ContactEmail,
            [l["Telefon"]] = s.ContactPhone,
            [l["Publisert"]] = s.PublishedAt is { } at ? Format.ToOslo(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        }).ToList();
        var file = TableExport.Csv("losninger", table);
        return Results.File(file.FileContents, file.ContentType, file.FileDownloadName);
    }

    private static async Task<IResult> SitemapAsync(HuslyDbContext db, HttpRequest request, CancellationToken ct)
    {
        var root = request.Scheme + "://" + request.Host;
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var solutions = await db.Solutions.AsNoTracking().Where(s => s.State == SolutionState.Published)
            .OrderBy(s => s.Slug).Select(s => new { s.Slug, s.PublishedAt }).ToListAsync(ct);
        var urls = new List<XElement> { new(ns + "url", new XElement(ns + "loc", root + "/losninger")) };
        urls.AddRange(solutions.Select(s => new XElement(ns + "url",
            new XElement(ns + "loc", root + "/losninger/" + s.Slug),
            s.PublishedAt is { } at ? new XElement(ns + "lastmod", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(ns + "urlset", urls));
        return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
    }
}
