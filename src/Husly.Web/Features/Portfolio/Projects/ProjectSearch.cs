using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Security.Claims;
using Husly.Data;
using Husly.Platform.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Portfolio.Projects;

public enum ProjectSort
{
    Name,
    Unit,
    Status,
    Phase,
    Start,
}

/// <summary>The project list's filters, sorting and paging: bound from the query string by the page and the API alike.</summary>
public sealed class ProjectFilter
{
    public const int PageSize = 25;

    [StringLength(200, ErrorMessage = "Søketeksten kan ha høyst {1} tegn.")]
    [Display(Name = "Fritekst")]
    public string? Q { get; set; }

    [Display(Name = "Program")]
    public Guid? Programme { get; set; }

    [Display(Name = "Bydel")]
    public Guid? District { get; set; }

    [Display(Name = "Status")]
    public ProjectStatus? Status { get; set; }

    [Display(Name = "Innovasjonsfase")]
    public InnovationPhase? Phase { get; set; }

    [Display(Name = "Målgruppe")]
    public Guid? TargetGroup { get; set; }

    [Range(2000, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
    [Display(Name = "År")]
    public int? Year { get; set; }

    // Nullable so that the API treats them as optional query parameters.
    [Display(Name = "Vis arkiverte")]
    public bool? Archived { get; set; }

    public ProjectSort? Sort { get; set; }

    public bool? Desc { get; set; }

    // Razor Pages has a route value called "page" (the page's path); only the query string may set this.
    [FromQuery(Name = "page")]
    [Range(1, 100_000, ErrorMessage = "Sidetallet må være minst {1}.")]
    public int? Page { get; set; }

    public ProjectSort SortOrDefault => Sort ?? ProjectSort.Name;

    public int PageOrFirst => Page ?? 1;

    /// <summary>The query string for these filters with some values replaced (for sort links and paging).</summary>
    public string ToQuery(ProjectSort? sort = null, bool? desc = null, int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("q", Q), new("programme", Programme?.ToString()), new("district", District?.ToString()),
            new("status", Status?.ToString()), new("phase", Phase?.ToString()), new("targetGroup", TargetGroup?.ToString()),
            new("year", Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("archived", Archived == true ? "true" : null),
            new("sort", (sort ?? SortOrDefault) == ProjectSort.Name ? null : (sort ?? SortOrDefault).ToString()),
            new("desc", (desc ?? Desc) == true ? "true" : null),
            new("page", (page ?? PageOrFirst) == 1 ? null : (page ?? PageOrFirst).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(parts.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
    }
}

public sealed record ProjectRow(
    Guid Id, string Name, string Programme, string LeadUnit, ProjectStatus Status, InnovationPhase Phase,
    DateOnly StartDate, DateOnly? EndDate, bool IsArchived);

public sealed record ProjectPage(IReadOnlyList<ProjectRow> Rows, int Total, int Page, int PageCount);

/// <summary>Runs a project search for a user: the read rule, the filters, the sort order and one page.
/// A use-case class because the list page and the API both need it.</summary>
public sealed class ProjectSearch(HuslyDbContext db, ReadCache cache, IOptions<PortfolioOptions> options)
{
    // Short: another instance's saves do not clear this instance's cache. This instance's saves clear it at once.
    private readonly TimeSpan listLifetime = TimeSpan.FromSeconds(options.Value.ProjectListCacheSeconds);

    // Everything a result row or a filter reads; a save touching any of them clears the cached pages.
    private static readonly Type[] ReadsFrom =
    [
        typeof(Project), typeof(ProjectDistrict), typeof(ProjectTargetGroup), typeof(ProjectPartner),
        typeof(Programmes.InnovationProgramme), typeof(Administration.Organisations.Organisation),
    ];

    // Statuses are stored by name; sort them in their life-cycle order, not alphabetically.
    private static readonly Expression<Func<Project, int>> StatusOrder = p =>
        p.Status == ProjectStatus.Idea ? 0 :
        p.Status == ProjectStatus.Applied ? 1 :
        p.Status == ProjectStatus.Active ? 2 :
        p.Status == ProjectStatus.Completed ? 3 :
        p.Status == ProjectStatus.InOrdinaryOperation ? 4 : 5;

    /// <summary>One page of the list. Lists are read far more often than projects change, and most users look at
    /// the same few filters, so a page is cached per filter and read scope until a save touches what it shows.</summary>
    public Task<ProjectPage> SearchAsync(ProjectFilter filter, ClaimsPrincipal user, CancellationToken ct = default) =>
        listLifetime == TimeSpan.Zero
            ? QueryAsync(filter, user, ct)
            : cache.GetAsync("projects:" + ProjectAuthorizationHandler.ReadScope(user) + filter.ToQuery(), listLifetime, ReadsFrom,
                () => QueryAsync(filter, user, ct));

    private async Task<ProjectPage> QueryAsync(ProjectFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = db.Projects.AsNoTracking().Where(ProjectAuthorizationHandler.ReadableBy(user));
        query = filter.Archived == true ? query.Where(p => p.IsArchived) : query.Where(p => !p.IsArchived);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var term = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(p => p.SearchText.Contains(term));
        }
        if (filter.Programme is { } programme)
        {
            query = query.Where(p => p.ProgrammeId == programme);
        }
        if (filter.District is { } district)
        {
            query = query.Where(p => p.LeadUnitId == district || p.CoDistricts.Any(d => d.DistrictId == district));
        }
        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }
        if (filter.Phase is { } phase)
        {
            query = query.Where(p => p.Phase == phase);
        }
        if (filter.TargetGroup is { } targetGroup)
        {
            query = query.Where(p => p.TargetGroups.Any(t => t.TargetGroupId == targetGroup));
        }
        if (filter.Year is { } year)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            query = query.Where(p => p.StartDate <= last && (p.EndDate == null || p.EndDate >= first));
        }

        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + ProjectFilter.PageSize - 1) / ProjectFilter.PageSize);
        var page = Math.Min(filter.PageOrFirst, pageCount);

        query = (filter.SortOrDefault, filter.Desc == true) switch
        {
            (ProjectSort.Unit, false) => query.OrderBy(p => p.LeadUnit!.Name).ThenBy(p => p.Name),
            (ProjectSort.Unit, true) => query.OrderByDescending(p => p.LeadUnit!.Name).ThenBy(p => p.Name),
            (ProjectSort.Status, false) => query.OrderBy(StatusOrder).ThenBy(p => p.Name),
            (ProjectSort.Status, true) => query.OrderByDescending(StatusOrder).ThenBy(p => p.Name),
            (ProjectSort.Phase, false) => query.OrderBy(p => p.Phase).ThenBy(p => p.Name),
            (ProjectSort.Phase, true) => query.OrderByDescending(p => p.Phase).ThenBy(p => p.Name),
            (ProjectSort.Start, false) => query.OrderBy(p => p.StartDate).ThenBy(p => p.Name),
            (ProjectSort.Start, true) => query.OrderByDescending(p => p.StartDate).ThenBy(p => p.Name),
            (ProjectSort.Name, true) => query.OrderByDescending(p => p.Name),
            _ => query.OrderBy(p => p.Name),
        };

        var rows = await query
            .Skip((page - 1) * ProjectFilter.PageSize)
            .Take(ProjectFilter.PageSize)
            .Select(p => new ProjectRow(p.Id, p.Name, p.Programme!.ShortName, p.LeadUnit!.Name, p.Status, p.Phase,
                p.StartDate, p.EndDate, p.IsArchived))
            .ToListAsync(ct);
        return new ProjectPage(rows, total, page, pageCount);
    }
}
