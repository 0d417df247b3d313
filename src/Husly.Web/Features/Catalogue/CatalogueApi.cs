using Husly.Common;
using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue;

/// <summary>The catalogue's open JSON API: the same search and facets as the page, a solution's detail, lessons, and an
/// export shaped after Open Referral HSDS 3.0. Anonymous, rate limited, cached; only public fields.</summary>
internal static class CatalogueApi
{
    public sealed record SolutionSummary(
        string Slug, string Title, string Summary, string MunicipalityNumber, string Municipality, string County, string? District,
        OrganisationForm? OrganisationForm, FollowUpCategory? Category, InnovationPhase? Phase, DateTime? PublishedAt, int Adoptions, string Url);

    public sealed record FacetValueDto(string Value, string Label, int Count);

    public sealed record FacetDto(string Name, string Label, string? Selected, IReadOnlyList<FacetValueDto> Values);

    public sealed record SolutionList(IReadOnlyList<SolutionSummary> Items, int Total, int Page, int PageSize, int PageCount, IReadOnlyList<FacetDto> Facets);

    public sealed record IndicatorDto(Guid Id, string Name, string? Result);

    public sealed record LessonDto(LessonKind Kind, string Text, Guid? IndicatorId);

    public sealed record SpreadDto(string County, string Municipality, string? District, AdoptionStatus Status, DateOnly AdoptedOn);

    public sealed record AdopterResultDto(string Municipality, string? District, string Indicator, int Year, string Value);

    public sealed record SolutionDetail(
        string Slug, string Title, string Summary, string? Problem, string? StaffNeeds, string? CostNeeds, string? PartnerNeeds,
        string? HowToStart, OrganisationForm? OrganisationForm, FollowUpCategory? Category, InnovationPhase? Phase,
        string MunicipalityNumber, string Municipality, string County, string? District, int? FromYear, int? ToYear,
        IReadOnlyList<string> TargetGroups, string? Contact, string? ContactEmail, string? ContactPhone, string? Project,
        IReadOnlyList<IndicatorDto> Indicators, IReadOnlyList<LessonDto> Lessons, IReadOnlyList<SpreadDto> Spread,
        IReadOnlyList<AdopterResultDto> AdopterResults, DateTime? FirstPublishedAt, DateTime? PublishedAt, int Version, string Url);

    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Catalogue").AllowAnonymous()
            .RequireRateLimiting(CatalogueModule.RatePolicy).CacheOutput(CatalogueModule.CachePolicy);
        api.MapGet("/solutions", SearchAsync).WithName("SearchSolutions")
            .WithSummary("Search published solutions, with facet counts (same parameters as /losninger).");
        api.MapGet("/solutions/hsds", HsdsAsync).WithName("SolutionsAsHsds")
            .WithSummary("Published solutions as Open Referral HSDS 3.0 services, 100 a page (see docs/hsds-mapping.md).");
        api.MapGet("/solutions/{slug}", GetAsync).WithName("GetSolution");
        api.MapGet("/lessons", LessonsAsync).WithName("SearchLessons")
            .WithSummary("Lessons (successes and failures) from published solutions.");
        return app;
    }

    private static async Task<Ok<SolutionList>> SearchAsync([AsParameters] CatalogueQuery query, CatalogueSearch search,
        IStringLocalizer<SharedResource> l, HttpRequest request, CancellationToken ct)
    {
        var r = await search.SearchAsync(query, l, ct);
        var root = Root(request);
        return TypedResults.Ok(new SolutionList(
            r.Hits.Select(h => new SolutionSummary(h.Slug, h.Title, h.Summary, h.MunicipalityNumber, h.Municipality, h.County, h.District, h.Form, h.Category,
                h.Phase, h.PublishedAt, h.Adoptions, root + "/losninger/" + h.Slug)).ToList(),
            r.Total, r.Page, CatalogueQuery.PageSize, r.PageCount,
            r.Facets.Select(f => new FacetDto(f.Name, f.Label, f.Selected, f.Values.Select(v => new FacetValueDto(v.Value, v.Label, v.Count)).ToList())).ToList()));
    }

    private static async Task<Results<Ok<SolutionDetail>, NotFound, ProblemHttpResult>> GetAsync(string slug, HuslyDbContext db, HttpRequest request, CancellationToken ct)
    {
        var id = await db.Solutions.Where(s => s.Slug == slug).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct)
            ?? await db.SolutionSlugs.Where(s => s.Slug == slug).Select(s => (Guid?)s.SolutionId).FirstOrDefaultAsync(ct);
        if (id is null || await SolutionView.LoadAsync(db, id.Value, ct) is not { } view || view.Solution.State is SolutionState.Draft or SolutionState.InReview)
        {
            return TypedResults.NotFound();
        }
        var s = view.Solution;
        if (s.State == SolutionState.Withdrawn)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Løsningen er trukket tilbake", detail: s.WithdrawnReason);
        }
        return TypedResults.Ok(new SolutionDetail(
            s.Slug, s.Title, s.Summary, s.Problem, s.StaffNeeds, s.CostNeeds, s.PartnerNeeds, s.HowToStart, s.OrganisationForm, s.Category,
            s.Phase, s.MunicipalityNumber, view.Municipality, view.County, view.District, s.FromYear, s.ToYear, view.TargetGroups,
            s.Contact, s.ContactEmail, s.ContactPhone, view.ProjectName,
            s.Indicators.OrderBy(i => i.SortOrder).Select(i => new IndicatorDto(i.Id, i.Name, i.ResultText)).ToList(),
            s.Lessons.OrderBy(x => x.SortOrder).Select(x => new LessonDto(x.Kind, x.Text, x.IndicatorId)).ToList(),
            view.Spread.Select(x => new SpreadDto(x.County, x.Municipality, x.District, x.Status, x.AdoptedOn)).ToList(),
            view.AdopterResults.Select(x => new AdopterResultDto(x.Municipality, x.District, x.Indicator, x.Year, x.Value)).ToList(),
            s.FirstPublishedAt, s.PublishedAt, s.PublishedVersion, Root(request) + "/losninger/" + s.Slug));
    }

    private static async Task<Ok<LessonList>> LessonsAsync(
        [System.ComponentModel.DataAnnotations.StringLength(200)] string? q, LessonKind? kind,
        [System.ComponentModel.DataAnnotations.Range(1, 10_000)] int? page, HuslyDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await LessonSearch.SearchAsync(db, q, kind, page, ct));

    private static async Task<Ok<Hsds.Page>> HsdsAsync([System.ComponentModel.DataAnnotations.Range(1, 100_000)] int? page,
        HuslyDbContext db, HttpRequest request, CancellationToken ct)
    {
        var published = db.Solutions.AsNoTracking().Where(s => s.State == SolutionState.Published);
        var total = await published.CountAsync(ct);
        var current = page ?? 1;
        // A page at a time, in two queries, so the export costs the same with 100 or 100,000 solutions.
        var solutions = await published.OrderBy(s => s.Slug).Skip((current - 1) * Hsds.PageSize).Take(Hsds.PageSize)
            .Include(s => s.Municipality).Include(s => s.District).Include(s => s.TargetGroups).ThenInclude(t => t.TargetGroup)
            .AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(Hsds.From(solutions, total, current, Root(request)));
    }

    private static string Root(HttpRequest request) => request.Scheme + "://" + request.Host;
}
