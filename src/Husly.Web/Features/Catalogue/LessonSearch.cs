using Husly.Data;
using Husly.Features.Portfolio.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Catalogue;

public sealed record LessonHit(string Solution, string SolutionSlug, LessonKind Kind, string Text, string? Indicator, string Municipality);

public sealed record LessonList(IReadOnlyList<LessonHit> Items, int Total, int Page, int PageSize, int PageCount);

/// <summary>The lessons of published solutions — successes and failures — for the lessons page and the API.</summary>
public static class LessonSearch
{
    public static async Task<LessonList> SearchAsync(HuslyDbContext db, string? q, LessonKind? kind, int? page, CancellationToken ct)
    {
        var lessons = from l in db.SolutionLessons.AsNoTracking()
                      join s in db.Solutions on l.SolutionId equals s.Id
                      where s.State == SolutionState.Published
                      select new { l, s };
        if (kind is { } k)
        {
            lessons = lessons.Where(x => x.l.Kind == k);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Lessons are short: each word must occur in the text, case-insensitively (for æøå too on PostgreSQL; SQLite's
            // lower() folds ASCII only). The solution search is the full-text one.
            foreach (var word in NorwegianText.Words(q).Where(w => !NorwegianText.IsStopWord(w)).Take(10))
            {
                var pattern = "%" + word.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
#pragma warning disable CA1304, CA1311 // translated to SQL lower(), which the culture rule is not about
                lessons = lessons.Where(x => EF.Functions.Like(x.l.Text.ToLower(), pattern));
#pragma warning restore CA1304, CA1311
            }
        }
        var total = await lessons.CountAsync(ct);
        var pageCount = Math.Max(1, (total + CatalogueQuery.PageSize - 1) / CatalogueQuery.PageSize);
        var current = Math.Min(page ?? 1, pageCount);
        var items = await lessons.OrderByDescending(x => x.s.PublishedAt).ThenBy(x => x.s.Id).ThenBy(x => x.l.SortOrder)
            .Skip((current - 1) * CatalogueQuery.PageSize).Take(CatalogueQuery.PageSize)
            .Select(x => new LessonHit(x.s.Title, x.s.Slug, x.l.Kind, x.l.Text,
                db.SolutionIndicators.Where(i => i.Id == x.l.IndicatorId).Select(i => i.Name).FirstOrDefault(), x.s.Municipality!.Name))
            .ToListAsync(ct);
        return new LessonList(items, total, current, CatalogueQuery.PageSize, pageCount);
    }
}
