using Husly.Data;
using Husly.Features.Portfolio.Programmes;
using Husly.Features.Portfolio.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio;

/// <summary>The read-only JSON API for programmes and projects, with the same filters and authorization as the pages.</summary>
internal static class PortfolioApi
{
    public sealed record ProgrammeSummary(Guid Id, string ShortName, string Name, int StartYear, int? EndYear, string Owner, int ProjectCount);

    public sealed record GoalDto(string Kind, string Text);

    public sealed record FocusAreaItemDto(string Kind, string? Tag, string Text);

    public sealed record FocusAreaDto(int Number, string Title, string? Description, IReadOnlyList<FocusAreaItemDto> Items);

    public sealed record MemberDto(string Name, string? Title, string? Organisation, bool IsLead);

    public sealed record GroupDto(string Kind, string Name, string? District, IReadOnlyList<MemberDto> Members);

    public sealed record ProgrammeDetail(
        Guid Id, string ShortName, string Name, int StartYear, int? EndYear, string Owner, string? Vision, string? Description,
        string? MainGoal, IReadOnlyList<string> NationalGoals, IReadOnlyList<GoalDto> Goals, IReadOnlyList<FocusAreaDto> FocusAreas,
        IReadOnlyList<GroupDto> Organisation, Guid Version);

    public sealed record ProjectList(IReadOnlyList<ProjectRow> Items, int Total, int Page, int PageSize, int PageCount);

    public sealed record PartnerDto(string Organisation, string Role);

    public sealed record FundingDto(int Year, FundingSource Source, string SourceName, long AmountNok);

    public sealed record ImpactDto(ImpactKind Kind, Realisation Realisation, string Description);

    public sealed record PhaseChangeDto(InnovationPhase? From, InnovationPhase To, DateTime ChangedAt, string? Note);

    public sealed record ProjectDetail(
        Guid Id, string Name, Guid ProgrammeId, string Programme, string? Summary, string? Challenge, string? UserInvolvement,
        string LeadUnit, IReadOnlyList<string> CoDistricts, IReadOnlyList<string> TargetGroups, string? ProjectLead,
        DateOnly StartDate, DateOnly? EndDate, ProjectStatus Status, InnovationPhase Phase, bool IsArchived,
        IReadOnlyList<PartnerDto> Partners, IReadOnlyList<FundingDto> Funding, IReadOnlyList<ImpactDto> Impacts,
        IReadOnlyList<PhaseChangeDto> PhaseHistory, Guid Version);

    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Portfolio");
        api.MapGet("/programmes", ListProgrammesAsync).WithName("ListProgrammes");
        api.MapGet("/programmes/{id:guid}", GetProgrammeAsync).WithName("GetProgramme");
        api.MapGet("/projects", ListProjectsAsync).WithName("ListProjects");
        api.MapGet("/projects/{id:guid}", GetProjectAsync).WithName("GetProject");
        return app;
    }

    private static async Task<Ok<List<ProgrammeSummary>>> ListProgrammesAsync(HuslyDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Programmes.AsNoTracking().OrderBy(p => p.ShortName)
            .Select(p => new ProgrammeSummary(p.Id, p.ShortName, p.Name, p.StartYear, p.EndYear, p.Owner!.Name,
                db.Projects.Count(x => x.ProgrammeId == p.Id && !x.IsArchived)))
            .ToListAsync(ct));

    private static async Task<Results<Ok<ProgrammeDetail>, NotFound>> GetProgrammeAsync(Guid id, HuslyDbContext db, CancellationToken ct)
    {
        var p = await db.Programmes.AsNoTracking().AsSplitQuery()
            .Include(x => x.Owner).Include(x => x.Goals).Include(x => x.FocusAreas).ThenInclude(f => f.Items)
            .Include(x => x.Groups).ThenInclude(g => g.Members).Include(x => x.Groups).ThenInclude(g => g.District)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new ProgrammeDetail(
            p.Id, p.ShortName, p.Name, p.StartYear, p.EndYear, p.Owner!.Name, p.Vision, p.Description, p.MainGoal,
            Enum.GetValues<NationalGoals>().Where(g => g != NationalGoals.None && p.NationalGoals.HasFlag(g)).Select(g => g.ToString()).ToList(),
            p.Goals.OrderBy(g => g.Kind).ThenBy(g => g.SortOrder).Select(g => new GoalDto(g.Kind.ToString(), g.Text)).ToList(),
            p.FocusAreas.OrderBy(f => f.Number).Select(f => new FocusAreaDto(f.Number, f.Title, f.Description,
                f.Items.OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).Select(i => new FocusAreaItemDto(i.Kind.ToString(), i.Tag?.ToString(), i.Text)).ToList())).ToList(),
            p.Groups.OrderBy(g => g.Kind).ThenBy(g => g.Name).Select(g => new GroupDto(g.Kind.ToString(), g.Name, g.District?.Name,
                g.Members.OrderBy(m => m.SortOrder).Select(m => new MemberDto(m.Name, m.Title, m.OrganisationName, m.IsLead)).ToList())).ToList(),
            p.Version));
    }

    private static async Task<Ok<ProjectList>> ListProjectsAsync(
        [AsParameters] ProjectFilter filter, ProjectSearch search, HttpContext http, CancellationToken ct)
    {
        var page = await search.SearchAsync(filter, http.User, ct);
        return TypedResults.Ok(new ProjectList(page.Rows, page.Total, page.Page, ProjectFilter.PageSize, page.PageCount));
    }

    private static async Task<Results<Ok<ProjectDetail>, NotFound>> GetProjectAsync(
        Guid id, HuslyDbContext db, IAuthorizationService authorization, HttpContext http, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().AsSplitQuery()
            .Include(x => x.Programme).Include(x => x.LeadUnit).Include(x => x.ProjectLead)
            .Include(x => x.CoDistricts).ThenInclude(d => d.District)
            .Include(x => x.TargetGroups).ThenInclude(t => t.TargetGroup)
            .Include(x => x.Partners).ThenInclude(x => x.Organisation)
            .Include(x => x.Funding).Include(x => x.Impacts).Include(x => x.PhaseChanges)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        // Not readable answers like not found, so ids cannot be probed.
        if (p is null || !(await authorization.AuthorizeAsync(http.User, p.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new ProjectDetail(
            p.Id, p.Name, p.ProgrammeId, p.Programme!.ShortName, p.Summary, p.Challenge, p.UserInvolvement, p.LeadUnit!.Name,
            p.CoDistricts.Select(d => d.District!.Name).Order().ToList(), p.TargetGroups.Select(t => t.TargetGroup!.Name).ToList(),
            p.ProjectLead?.DisplayName, p.StartDate, p.EndDate, p.Status, p.Phase, p.IsArchived,
            p.Partners.Select(x => new PartnerDto(x.Organisation!.Name, x.Role)).ToList(),
            p.Funding.OrderBy(f => f.Year).Select(f => new FundingDto(f.Year, f.Source, f.SourceName, f.AmountNok)).ToList(),
            p.Impacts.Select(i => new ImpactDto(i.Kind, i.Realisation, i.Description)).ToList(),
            p.PhaseChanges.OrderBy(c => c.ChangedAt).Select(c => new PhaseChangeDto(c.FromPhase, c.ToPhase, c.ChangedAt, c.Note)).ToList(),
            p.Version));
    }
}
