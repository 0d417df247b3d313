using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Husly.Common;
using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Microsoft.AspNetCore.Mvc;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue;

/// <summary>The catalogue's search form, bound from the query string by the page, the API and the CSV download alike,
/// so every search has a URL that can be shared.</summary>
public sealed class CatalogueQuery
{
    public const int PageSize = 20;

    [StringLength(200, ErrorMessage = "Søketeksten kan ha høyst {1} tegn.")]
    [Display(Name = "Søk")]
    public string? Q { get; set; }

    [RegularExpression("^[0-9]{4}$", ErrorMessage = "Velg en kommune fra listen.")]
    [StringLength(4, ErrorMessage = "Velg en kommune fra listen.")]
    [Display(Name = "Kommune")]
    public string? Municipality { get; set; }

    [RegularExpression("^[0-9]{2}$", ErrorMessage = "Velg et fylke fra listen.")]
    [StringLength(2, ErrorMessage = "Velg et fylke fra listen.")]
    [Display(Name = "Fylke")]
    public string? County { get; set; }

    [Display(Name = "Organisering")]
    public OrganisationForm? Form { get; set; }

    [Display(Name = "Type oppfølging")]
    public FollowUpCategory? Category { get; set; }

    [Display(Name = "Målgruppe")]
    public Guid? TargetGroup { get; set; }

    [Display(Name = "Innovasjonsfase")]
    public InnovationPhase? Phase { get; set; }

    // Razor Pages has a route value called "page"; only the query string may set this.
    [FromQuery(Name = "page")]
    [Range(1, 10_000, ErrorMessage = "Sidetallet må være minst {1}.")]
    public int? Page { get; set; }

    public int PageOrFirst => Page ?? 1;

    public bool HasFilters => Municipality is not null || County is not null || Form is not null || Category is not null
        || TargetGroup is not null || Phase is not null;

    /// <summary>The query string, with one filter left out or another page.</summary>
    public string ToQuery(string? without = null, int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("q", Q),
            new("municipality", without == "municipality" ? null : Municipality),
            new("county", without == "county" ? null : County),
            new("form", without == "form" ? null : Form?.ToString()),
            new("category", without == "category" ? null : Category?.ToString()),
            new("targetGroup", without == "targetGroup" ? null : TargetGroup?.ToString()),
            new("phase", without == "phase" ? null : Phase?.ToString()),
            new("page", (page ?? PageOrFirst) == 1 ? null : (page ?? PageOrFirst).ToString(CultureInfo.InvariantCulture)),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(parts.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
    }

    /// <summary>The same search with a filter set to a value (facet links).</summary>
    public string With(string filter, string value)
    {
        var copy = (CatalogueQuery)MemberwiseClone();
        copy.Page = null;
        switch (filter)
        {
            case "municipality": copy.Municipality = value; break;
            case "form": copy.Form = Enum.Parse<OrganisationForm>(value); break;
            case "category": copy.Category = Enum.Parse<FollowUpCategory>(value); break;
            case "targetGroup": copy.TargetGroup = Guid.Parse(value); break;
            case "phase": copy.Phase = Enum.Parse<InnovationPhase>(value); break;
            default: throw new ArgumentOutOfRangeException(nameof(filter));
        }
        return copy.ToQuery();
    }
}

/// <summary>A full-text match: the solution and how well it matched. Mapped to no table; filled by provider SQL.</summary>
public sealed class SearchMatch
{
    public Guid SolutionId { get; set; }
    public double Rank { get; set; }
}

public sealed record SolutionHit(
    Guid Id, string Slug, string Title, string Summary, string? Problem, string MunicipalityNumber, string Municipality, string County, string? District,
    OrganisationForm? Form, FollowUpCategory? Category, InnovationPhase? Phase, DateTime? PublishedAt, int Adoptions);

public sealed record FacetValue(string Value, string Label, int Count);

public sealed record Facet(string Name, string Label, string? Selected, IReadOnlyList<FacetValue> Values);

/// <summary>Leaving one filter out would give this many solutions.</summary>
public sealed record Relaxation(string Filter, string Label, int Count);

public sealed record CatalogueResult(
    int Total, int Page, int PageCount, IReadOnlyList<SolutionHit> Hits, IReadOnlyList<Facet> Facets,
    IReadOnlyList<Relaxation> Relaxations, IReadOnlyList<string> Stems);

/// <summary>Full-text search over published solutions with ranking and facet counts. PostgreSQL: the
/// <c>norwegian</c> configuration over a generated tsvector with a GIN index (<c>websearch_to_tsquery</c> reads what the
/// user typed, so quotes and operators are safe). SQLite: an external-content FTS5 index of Snowball stems kept by triggers, queried
/// with an expression built here from words alone. Each facet counts the matches with every other filter applied.</summary>
public sealed class CatalogueSearch(HuslyDbContext db)
{
    public async Task<CatalogueResult> SearchAsync(CatalogueQuery query, IStringLocalizer l, CancellationToken ct)
    {
        var text = FullText.Parse(query.Q);
        var matches = Matches(text);
        var filtered = Filtered(query, matches, except: null);
        var facets = await FacetsAsync(query, text, l, ct);
        // Every solution has a municipality, so the county facet (counted without the county filter) holds the total.
        var counties = facets[0];
        var total = counties.Selected is { } county
            ? counties.Values.FirstOrDefault(v => v.Value == county)?.Count ?? 0
            : counties.Values.Sum(v => v.Count);
        var pageCount = Math.Max(1, (total + CatalogueQuery.PageSize - 1) / CatalogueQuery.PageSize);
        var page = Math.Min(query.PageOrFirst, pageCount);
        var hits = total == 0 ? [] : await Page(filtered, matches, page, ct);
        var relaxations = new List<Relaxation>();
        if (total == 0 && query.HasFilters)
        {
            foreach (var facet in facets.Where(f => f.Selected is not null))
            {
                var count = await Filtered(query, matches, except: facet.Name).CountAsync(ct);
                if (count > 0)
                {
                    relaxations.Add(new Relaxation(facet.Name, facet.Label, count));
                }
            }
        }
        return new CatalogueResult(total, page, pageCount, hits, facets, relaxations, text.AllStems);
    }

    /// <summary>Every published solution matching the query and filters, best first (newest first without text).</summary>
    public IQueryable<Solution> Ordered(CatalogueQuery query)
    {
        var text = FullText.Parse(query.Q);
        var matches = Matches(text);
        return Ranked(Filtered(query, matches, except: null), matches);
    }

    /// <summary>Best first: by rank, then newest (newest first without text). A join, not a correlated subquery:
    /// SQLite allows MATCH only where FTS5 can use its index.</summary>
    private static IQueryable<Solution> Ranked(IQueryable<Solution> filtered, IQueryable<SearchMatch>? matches) =>
        matches is null
            ? filtered.OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Id)
            : from s in filtered
              join m in matches on s.Id equals m.SolutionId
              orderby m.Rank descending, s.PublishedAt descending, s.Id
              select s;

    private IQueryable<SearchMatch>? Matches(FullText text)
    {
        if (text.IsEmpty)
        {
            return null;
        }
        if (db.Database.IsNpgsql())
        {
            // websearch_to_tsquery never fails on what a user types; the text is a parameter.
            var typed = text.ForPostgres();
            return db.Set<SearchMatch>().FromSql($"""
                SELECT s."Id" AS "SolutionId", ts_rank_cd(s."SearchVector", q)::float8 AS "Rank"
                FROM "Solutions" s, websearch_to_tsquery('norwegian', {typed}) q
                WHERE s."SearchVector" @@ q
                """);
        }
        var match = text.ForFts5();
        // The FTS5 index is keyed by SearchKey: the match reads the index alone, then one indexed lookup per hit. The
        // matches are materialised once: left inline, SQLite re-ran bm25 inside the join (seconds for a common word).
        return db.Set<SearchMatch>().FromSql($"""
            SELECT "SolutionId", "Rank" FROM (
                WITH hits AS MATERIALIZED (
                    SELECT s."Id" AS "SolutionId", -bm25(SolutionSearch, 4.0, 1.0) AS "Rank"
                    FROM SolutionSearch JOIN "Solutions" AS s ON s."SearchKey" = SolutionSearch.rowid
                    WHERE SolutionSearch MATCH {match})
                SELECT * FROM hits)
            """);
    }

    private IQueryable<Solution> Filtered(CatalogueQuery q, IQueryable<SearchMatch>? matches, string? except)
    {
        var query = db.Solutions.AsNoTracking().Where(s => s.State == SolutionState.Published);
        if (matches is not null)
        {
            // IN (subquery), not EXISTS: SQLite then runs the FTS5 match once instead of once per solution.
            var ids = matches.Select(m => m.SolutionId);
            query = query.Where(s => ids.Contains(s.Id));
        }
        if (q.Municipality is { } municipality && except != "municipality")
        {
            query = query.Where(s => s.MunicipalityNumber == municipality);
        }
        if (q.County is { } county && except != "county")
        {
            query = query.Where(s => s.Municipality!.CountyNumber == county);
        }
        if (q.Form is { } form && except != "form")
        {
            query = query.Where(s => s.OrganisationForm == form);
        }
        if (q.Category is { } category && except != "category")
        {
            query = query.Where(s => s.Category == category);
        }
        if (q.TargetGroup is { } group && except != "targetGroup")
        {
            query = query.Where(s => s.TargetGroups.Any(t => t.TargetGroupId == group));
        }
        if (q.Phase is { } phase && except != "phase")
        {
            query = query.Where(s => s.Phase == phase);
        }
        return query;
    }

    /// <summary>The page's ids first, ordered from what the indexes hold (rank, date, id), then those 20 rows: reading
    /// the wide rows of every match to sort them cost seconds on SQLite, where the texts sit behind the stored search
    /// columns.</summary>
    private async Task<List<SolutionHit>> Page(IQueryable<Solution> filtered, IQueryable<SearchMatch>? matches, int page, CancellationToken ct)
    {
        var skip = (page - 1) * CatalogueQuery.PageSize;
        var ids = await Ranked(filtered, matches).Select(s => s.Id).Skip(skip).Take(CatalogueQuery.PageSize).ToListAsync(ct);
        var hits = await Project(db.Solutions.AsNoTracking().Where(s => ids.Contains(s.Id))).ToListAsync(ct);
        return hits.OrderBy(h => ids.IndexOf(h.Id)).ToList();
    }

    private IQueryable<SolutionHit> Project(IQueryable<Solution> solutions) =>
        solutions.Select(s => new SolutionHit(
            s.Id, s.Slug, s.Title, s.Summary, s.Problem, s.MunicipalityNumber, s.Municipality!.Name, s.Municipality.CountyName,
            s.District == null ? null : s.District.Name, s.OrganisationForm, s.Category, s.Phase, s.PublishedAt,
            db.Set<Adoption>().Count(a => a.SolutionId == s.Id)));

    /// <summary>One row of the facet statement: a facet, one of its values and how many matches have it.</summary>
    public sealed class FacetCount
    {
        public string Facet { get; set; } = "";
        public string? Value { get; set; }
        public long Count { get; set; }
    }

    /// <summary>Every facet in one statement: each filter becomes a flag, and each facet counts the matches whose other
    /// flags hold (seven queries re-read every match seven times). PostgreSQL counts all but the target groups in one pass
    /// with grouping sets (a row's value for a facet is null when another filter fails), so nothing is spooled to disk;
    /// SQLite has no grouping sets and counts from the matches materialised once. County and municipality come from one
    /// count per municipality without either place filter (a county is the first two digits of its municipalities'
    /// numbers); each applies the other's filter in memory.</summary>
    private async Task<List<Facet>> FacetsAsync(CatalogueQuery q, FullText text, IStringLocalizer l, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var args = new List<object>();
        string Arg(object value)
        {
            args.Add(value);
            return "{" + (args.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
        var textCondition = text.IsEmpty ? ""
            : postgres ? $"""AND s."SearchVector" @@ websearch_to_tsquery('norwegian', {Arg(text.ForPostgres())})"""
            : $"""AND s."SearchKey" IN (SELECT rowid FROM SolutionSearch WHERE SolutionSearch MATCH {Arg(text.ForFts5())})""";
        const string True = "(1 = 1)";
        var place = q.Municipality is { } m ? $"(mu = {Arg(m)})" : True;
        if (q.County is { } c)
        {
            place += $" AND (substr(mu, 1, 2) = {Arg(c)})";
        }
        var form = q.Form is { } f ? $"(fo = {Arg(f.ToString())})" : True;
        var category = q.Category is { } k ? $"(ca = {Arg(k.ToString())})" : True;
        var phase = q.Phase is { } p ? $"(ph = {Arg(p.ToString())})" : True;
        var group = q.TargetGroup is { } g
            ? $"""EXISTS (SELECT 1 FROM "SolutionTargetGroups" AS tg WHERE tg."SolutionId" = hits.id AND tg."TargetGroupId" = {Arg(postgres ? g : g.ToString().ToUpperInvariant())})"""
            : True;
        // With text, the matches are read once (the match reads each tsvector); without, each part reads an index alone.
        var once = text.IsEmpty ? "NOT MATERIALIZED" : "MATERIALIZED";
        var sql = postgres ? $"""
            WITH hits AS {once} (
                SELECT s."Id" AS id, s."MunicipalityNumber" AS mu, s."OrganisationForm" AS fo, s."Category" AS ca, s."Phase" AS ph
                FROM "Solutions" AS s
                WHERE s."State" = 'Published' {textCondition}
            ), marked AS NOT MATERIALIZED (
                SELECT id, mu, fo, ca, ph, {place} AS pl_ok, {form} AS fo_ok, {category} AS ca_ok, {phase} AS ph_ok, {group} AS tg_ok
                FROM hits
            )
            SELECT CASE WHEN GROUPING(x.m) = 0 THEN 'place' WHEN GROUPING(x.f) = 0 THEN 'form' WHEN GROUPING(x.c) = 0 THEN 'category' ELSE 'phase' END AS "Facet",
                COALESCE(x.m, x.f, x.c, x.p) AS "Value", COUNT(*) AS "Count"
            FROM (SELECT CASE WHEN fo_ok AND ca_ok AND ph_ok AND tg_ok THEN mu END AS m, CASE WHEN pl_ok AND ca_ok AND ph_ok AND tg_ok THEN fo END AS f,
                    CASE WHEN pl_ok AND fo_ok AND ph_ok AND tg_ok THEN ca END AS c, CASE WHEN pl_ok AND fo_ok AND ca_ok AND tg_ok THEN ph END AS p
                  FROM marked) AS x
            GROUP BY GROUPING SETS ((x.m), (x.f), (x.c), (x.p))
            HAVING COALESCE(x.m, x.f, x.c, x.p) IS NOT NULL
            UNION ALL SELECT 'targetGroup', t."TargetGroupId"::text, COUNT(*) FROM marked JOIN "SolutionTargetGroups" AS t ON t."SolutionId" = marked.id
                WHERE pl_ok AND fo_ok AND ca_ok AND ph_ok GROUP BY t."TargetGroupId"
            """
            : $"""
            WITH hits AS MATERIALIZED (
                SELECT s."Id" AS id, s."MunicipalityNumber" AS mu, s."OrganisationForm" AS fo, s."Category" AS ca, s."Phase" AS ph
                FROM "Solutions" AS s
                WHERE s."State" = 'Published' {textCondition}
            ), marked AS MATERIALIZED (
                SELECT id, mu, fo, ca, ph, {place} AS pl_ok, {form} AS fo_ok, {category} AS ca_ok, {phase} AS ph_ok, {group} AS tg_ok
                FROM hits
            )
            SELECT 'place' AS "Facet", mu AS "Value", COUNT(*) AS "Count" FROM marked WHERE fo_ok AND ca_ok AND ph_ok AND tg_ok GROUP BY mu
            UNION ALL SELECT 'form', fo, COUNT(*) FROM marked WHERE fo IS NOT NULL AND pl_ok AND ca_ok AND ph_ok AND tg_ok GROUP BY fo
            UNION ALL SELECT 'category', ca, COUNT(*) FROM marked WHERE ca IS NOT NULL AND pl_ok AND fo_ok AND ph_ok AND tg_ok GROUP BY ca
            UNION ALL SELECT 'phase', ph, COUNT(*) FROM marked WHERE ph IS NOT NULL AND pl_ok AND fo_ok AND ca_ok AND tg_ok GROUP BY ph
            UNION ALL SELECT 'targetGroup', t."TargetGroupId", COUNT(*) FROM marked JOIN "SolutionTargetGroups" AS t ON t."SolutionId" = marked.id
                WHERE pl_ok AND fo_ok AND ca_ok AND ph_ok GROUP BY t."TargetGroupId"
            """;
        var rows = await db.Database.SqlQuery<FacetCount>(FormattableStringFactory.Create(sql, [.. args])).ToListAsync(ct);
        var nb = StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), false);

        var places = rows.Where(r => r.Facet == "place" && MunicipalityRegister.Find(r.Value) is not null)
            .Select(r => (Municipality: MunicipalityRegister.Find(r.Value)!, Count: (int)r.Count)).ToList();
        var counties = places.Where(x => q.Municipality is null || x.Municipality.Number == q.Municipality)
            .GroupBy(x => (x.Municipality.CountyNumber, x.Municipality.CountyName))
            .Select(x => new FacetValue(x.Key.CountyNumber, x.Key.CountyName, x.Sum(y => y.Count))).OrderBy(v => v.Label, nb).ToList();
        var municipalities = places.Where(x => q.County is null || x.Municipality.CountyNumber == q.County)
            .Select(x => new FacetValue(x.Municipality.Number, x.Municipality.Name, x.Count)).OrderBy(v => v.Label, nb).ToList();

        List<FacetValue> Enums<T>(string facet) where T : struct, Enum =>
            rows.Where(r => r.Facet == facet && Enum.TryParse<T>(r.Value, out _))
                .Select(r => (Value: Enum.Parse<T>(r.Value!), r.Count)).OrderBy(x => x.Value)
                .Select(x => new FacetValue(x.Value.ToString(), l.Enum(x.Value), (int)x.Count)).ToList();

        var groupRows = rows.Where(r => r.Facet == "targetGroup" && Guid.TryParse(r.Value, out _)).ToDictionary(r => Guid.Parse(r.Value!), r => (int)r.Count);
        var groupIds = groupRows.Keys.ToList();
        var groups = groupIds.Count == 0 ? []
            : (await db.TargetGroups.AsNoTracking().Where(t => groupIds.Contains(t.Id)).Select(t => new { t.Id, t.Name, t.SortOrder }).ToListAsync(ct))
                .OrderBy(t => t.SortOrder).Select(t => new FacetValue(t.Id.ToString(), t.Name, groupRows[t.Id])).ToList();

        return
        [
            new Facet("county", l["Fylke"], q.County, counties),
            new Facet("municipality", l["Kommune"], q.Municipality, municipalities),
            new Facet("form", l["Organisering"], q.Form?.ToString(), Enums<OrganisationForm>("form")),
            new Facet("category", l["Type oppfølging"], q.Category?.ToString(), Enums<FollowUpCategory>("category")),
            new Facet("targetGroup", l["Målgruppe"], q.TargetGroup?.ToString(), groups),
            new Facet("phase", l["Innovasjonsfase"], q.Phase?.ToString(), Enums<InnovationPhase>("phase")),
        ];
    }
}

/// <summary>What a user typed, read as words, "quoted phrases", OR and -exclusions. Nothing typed reaches a query
/// engine as syntax: PostgreSQL gets it through <c>websearch_to_tsquery</c>, SQLite gets an FTS5 expression made only
/// of quoted stems.</summary>
public sealed class FullText
{
    private sealed record Term(IReadOnlyList<string> Stems, bool Excluded, bool OrBefore);

    private readonly List<Term> terms = [];
    private readonly string typed;

    private FullText(string typed) => this.typed = typed;

    public bool IsEmpty => !terms.Any(t => !t.Excluded);

    /// <summary>The stems of the words searched for: the snippets highlight words with these stems.</summary>
    public IReadOnlyList<string> AllStems => terms.Where(t => !t.Excluded).SelectMany(t => t.Stems).Distinct().ToList();

    public static FullText Parse(string? text)
    {
        var result = new FullText(text?.Trim() ?? "");
        var rest = result.typed;
        var orNext = false;
        var i = 0;
        while (i < rest.Length)
        {
            if (char.IsWhiteSpace(rest[i]))
            {
                i++;
                continue;
            }
            var excluded = rest[i] == '-';
            if (excluded)
            {
                i++;
            }
            string chunk;
            if (i < rest.Length && rest[i] == '"')
            {
                var end = rest.IndexOf('"', i + 1);
                chunk = end < 0 ? rest[(i + 1)..] : rest[(i + 1)..end];
                i = end < 0 ? rest.Length : end + 1;
            }
            else
            {
                var end = i;
                while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
                {
                    end++;
                }
                chunk = rest[i..end];
                i = end;
                if (!excluded && chunk.Equals("or", StringComparison.OrdinalIgnoreCase))
                {
                    orNext = result.terms.Count > 0;
                    continue;
                }
            }
            var stems = NorwegianText.Words(chunk).Where(w => !NorwegianText.IsStopWord(w)).Select(NorwegianText.Stem).ToList();
            if (stems.Count > 0)
            {
                result.terms.Add(new Term(stems, excluded, orNext && !excluded));
            }
            orNext = false;
        }
        return result;
    }

    public string ForPostgres() => typed;

    /// <summary>An FTS5 expression of quoted stems: "a" AND ("b" OR "c") NOT "d". Stems are letters and digits only,
    /// so quoting them is enough.</summary>
    public string ForFts5()
    {
        var expression = new StringBuilder();
        foreach (var term in terms.Where(t => !t.Excluded))
        {
            if (expression.Length > 0)
            {
                expression.Append(term.OrBefore ? " OR " : " AND ");
            }
            expression.Append('"').Append(string.Join(' ', term.Stems)).Append('"');
        }
        var positive = expression.ToString();
        var result = new StringBuilder("(").Append(positive).Append(')');
        foreach (var term in terms.Where(t => t.Excluded))
        {
            result.Append(" NOT \"").Append(string.Join(' ', term.Stems)).Append('"');
        }
        return result.ToString();
    }
}
