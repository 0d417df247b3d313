using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
            case "county": copy.County = value; break;
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
/// user typed, so quotes and operators are safe). SQLite: an FTS5 table of Snowball stems kept by triggers, queried
/// with an expression built here from words alone. Each facet counts the matches with every other filter applied.</summary>
public sealed class CatalogueSearch(HuslyDbContext db)
{
    public static readonly string[] FacetNames = ["county", "municipality", "form", "category", "targetGroup", "phase"];

    public async Task<CatalogueResult> SearchAsync(CatalogueQuery query, IStringLocalizer l, CancellationToken ct)
    {
        var text = FullText.Parse(query.Q);
        var matches = Matches(text);
        var filtered = Filtered(query, matches, except: null);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + CatalogueQuery.PageSize - 1) / CatalogueQuery.PageSize);
        var page = Math.Min(query.PageOrFirst, pageCount);
        var hits = await Page(filtered, matches, page, ct);
        var facets = new List<Facet>();
        foreach (var name in FacetNames)
        {
            facets.Add(await FacetAsync(name, query, matches, l, ct));
        }
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
        var filtered = Filtered(query, matches, except: null);
        if (matches is null)
        {
            return filtered.OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Id);
        }
        // A join, not a correlated subquery: SQLite allows MATCH only where FTS5 can use its index.
        return from s in filtered
               join m in matches on s.Id equals m.SolutionId
               orderby m.Rank descending, s.PublishedAt descending, s.Id
               select s;
    }

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
        return db.Set<SearchMatch>().FromSql($"""
            SELECT SolutionId AS SolutionId, -bm25(SolutionSearch, 0.0, 4.0, 1.0) AS Rank
            FROM SolutionSearch WHERE SolutionSearch MATCH {match}
            """);
    }

    private IQueryable<Solution> Filtered(CatalogueQuery q, IQueryable<SearchMatch>? matches, string? except)
    {
        var query = db.Solutions.AsNoTracking().Where(s => s.State == SolutionState.Published);
        if (matches is not null)
        {
            query = query.Where(s => matches.Any(m => m.SolutionId == s.Id));
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

    private async Task<List<SolutionHit>> Page(IQueryable<Solution> filtered, IQueryable<SearchMatch>? matches, int page, CancellationToken ct)
    {
        var skip = (page - 1) * CatalogueQuery.PageSize;
        if (matches is null)
        {
            return await Project(filtered.OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Id).Skip(skip).Take(CatalogueQuery.PageSize))
                .ToListAsync(ct);
        }
        var ranked = from s in filtered
                     join m in matches on s.Id equals m.SolutionId
                     orderby m.Rank descending, s.PublishedAt descending, s.Id
                     select s;
        return await Project(ranked.Skip(skip).Take(CatalogueQuery.PageSize)).ToListAsync(ct);
    }

    private IQueryable<SolutionHit> Project(IQueryable<Solution> solutions) =>
        solutions.Select(s => new SolutionHit(
            s.Id, s.Slug, s.Title, s.Summary, s.Problem, s.MunicipalityNumber, s.Municipality!.Name, s.Municipality.CountyName,
            s.District == null ? null : s.District.Name, s.OrganisationForm, s.Category, s.Phase, s.PublishedAt,
            db.Set<Adoption>().Count(a => a.SolutionId == s.Id)));

    private async Task<Facet> FacetAsync(string name, CatalogueQuery q, IQueryable<SearchMatch>? matches, IStringLocalizer l, CancellationToken ct)
    {
        var source = Filtered(q, matches, except: name);
        List<FacetValue> values;
        string? selected;
        switch (name)
        {
            case "county":
                values = (await source.GroupBy(s => new { s.Municipality!.CountyNumber, s.Municipality.CountyName })
                        .Select(g => new { g.Key.CountyNumber, g.Key.CountyName, Count = g.Count() }).ToListAsync(ct))
                    .OrderBy(v => v.CountyName, StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), false))
                    .Select(v => new FacetValue(v.CountyNumber, v.CountyName, v.Count)).ToList();
                selected = q.County;
                return new Facet(name, l["Fylke"], selected, values);
            case "municipality":
                values = (await source.GroupBy(s => new { s.MunicipalityNumber, s.Municipality!.Name })
                        .Select(g => new { g.Key.MunicipalityNumber, g.Key.Name, Count = g.Count() }).ToListAsync(ct))
                    .OrderBy(v => v.Name, StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), false))
                    .Select(v => new FacetValue(v.MunicipalityNumber, v.Name, v.Count)).ToList();
                return new Facet(name, l["Kommune"], q.Municipality, values);
            case "form":
                values = (await source.Where(s => s.OrganisationForm != null).GroupBy(s => s.OrganisationForm!.Value)
                        .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .OrderBy(v => v.Key).Select(v => new FacetValue(v.Key.ToString(), l.Enum(v.Key), v.Count)).ToList();
                return new Facet(name, l["Organisering"], q.Form?.ToString(), values);
            case "category":
                values = (await source.Where(s => s.Category != null).GroupBy(s => s.Category!.Value)
                        .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .OrderBy(v => v.Key).Select(v => new FacetValue(v.Key.ToString(), l.Enum(v.Key), v.Count)).ToList();
                return new Facet(name, l["Type oppfølging"], q.Category?.ToString(), values);
            case "targetGroup":
                values = (await db.Set<SolutionTargetGroup>().Where(t => source.Any(s => s.Id == t.SolutionId))
                        .GroupBy(t => new { t.TargetGroupId, t.TargetGroup!.Name, t.TargetGroup.SortOrder })
                        .Select(g => new { g.Key.TargetGroupId, g.Key.Name, g.Key.SortOrder, Count = g.Count() }).ToListAsync(ct))
                    .OrderBy(v => v.SortOrder).Select(v => new FacetValue(v.TargetGroupId.ToString(), v.Name, v.Count)).ToList();
                return new Facet(name, l["Målgruppe"], q.TargetGroup?.ToString(), values);
            default:
                values = (await source.Where(s => s.Phase != null).GroupBy(s => s.Phase!.Value)
                        .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .OrderBy(v => v.Key).Select(v => new FacetValue(v.Key.ToString(), l.Enum(v.Key), v.Count)).ToList();
                return new Facet(name, l["Innovasjonsfase"], q.Phase?.ToString(), values);
        }
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
