using System.Globalization;
using System.Security.Claims;
using System.Text;
using Husly.Data;
using Husly.Features.Portfolio;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Catalogue;

/// <summary>Who does what in the catalogue. Everyone, signed in or not, reads published solutions. The programme's
/// managers (and the programme owner) create, edit, publish, return and withdraw; whoever may edit a project may
/// make a draft from it and edit and send that draft while it is not published. Everyone else is told a solution that
/// is not published does not exist.</summary>
public sealed class CatalogueAccess(HuslyDbContext db, PortfolioAccess portfolio, IAuthorizationService authorization)
{
    public async Task<bool> ManagesAsync(ClaimsPrincipal user, Guid programmeId) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.ProgrammeOwner) ||
            (user.IsInRole(Roles.ProgrammeManager) && (await portfolio.ManagedProgrammesAsync()).Contains(programmeId)));

    public async Task<bool> ManagesAnyAsync(ClaimsPrincipal user) =>
        user.IsInRole(Roles.ProgrammeOwner) || (user.IsInRole(Roles.ProgrammeManager) && (await portfolio.ManagedProgrammesAsync()).Count > 0);

    /// <summary>May edit the project a solution comes from (its lead, the district's director, the programme).</summary>
    public async Task<bool> EditsProjectAsync(ClaimsPrincipal user, SharedProject project) =>
        user.Identity?.IsAuthenticated == true &&
        (await authorization.AuthorizeAsync(user, project.Scope, ProjectOperations.Edit)).Succeeded;

    public async Task<bool> EditsAsync(ClaimsPrincipal user, Solution solution, CancellationToken ct)
    {
        if (await ManagesAsync(user, solution.ProgrammeId))
        {
            return true;
        }
        if (solution.State is not (SolutionState.Draft or SolutionState.InReview) || solution.ProjectId is not { } projectId)
        {
            return false;
        }
        return await ProjectAsync(projectId, ct) is { } project && await EditsProjectAsync(user, project);
    }

    /// <summary>A solution as its editors see it; null (404) when it does not exist or the user may not edit it.</summary>
    public async Task<Solution?> EditableAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var solution = await db.Solutions.Include(s => s.TargetGroups).Include(s => s.Indicators).Include(s => s.Lessons)
            .FirstOrDefaultAsync(s => s.Id == id, ct);
        return solution is not null && await EditsAsync(user, solution, ct) ? solution : null;
    }

    public Task<SharedProject?> ProjectAsync(Guid projectId, CancellationToken ct) => ProjectSharing.LoadAsync(db, projectId, ct);

    /// <summary>The programmes the user may put another municipality's solution in.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ManagedProgrammesAsync(ClaimsPrincipal user)
    {
        var all = await db.Programmes.AsNoTracking().OrderBy(p => p.ShortName).Select(p => new { p.Id, p.ShortName, p.Name }).ToListAsync();
        var result = new List<(Guid, string)>();
        foreach (var p in all)
        {
            if (await ManagesAsync(user, p.Id))
            {
                result.Add((p.Id, p.ShortName + " – " + p.Name));
            }
        }
        return result;
    }
}

/// <summary>Readable addresses: "Housing First i Stavanger" → "housing-first-i-stavanger".</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    /// <summary>Addresses under /losninger that are pages of their own.</summary>
    private static readonly string[] Reserved = ["erfaringer", "losninger", "api", "catalogue", "ta-i-bruk", "eksport", "feed", "sitemap"];

    public static string From(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.ToLower(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormC))
        {
            var part = c switch
            {
                'æ' => "ae",
                'ø' => "o",
                'å' => "a",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ when char.IsLetter(c) => Fold(c),
                _ => "-",
            };
            builder.Append(part);
        }
        var slug = string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }
        return slug.Length == 0 ? "losning" : slug;
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);

    // é → e, ü → u: the letter without its accent, or nothing when it has no ASCII form.
    private static string Fold(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    /// <summary>The slug, or the slug with -2, -3 … when another solution has it or had it.</summary>
    public static async Task<string> UniqueAsync(HuslyDbContext db, string slug, Guid solutionId, CancellationToken ct)
    {
        var candidate = slug;
        for (var n = 2; ; n++)
        {
            var taken = Reserved.Contains(candidate) || await db.Solutions.AnyAsync(s => s.Slug == candidate && s.Id != solutionId, ct)
                || await db.SolutionSlugs.AnyAsync(s => s.Slug == candidate && s.SolutionId != solutionId, ct);
            if (!taken)
            {
                return candidate;
            }
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            candidate = (slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug) + suffix;
        }
    }
}
