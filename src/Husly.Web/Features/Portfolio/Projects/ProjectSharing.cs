using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Portfolio.Results;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Projects;

public sealed record SharedIndicator(Guid Id, string Name, string ResultText);

public sealed record SharedLesson(LessonKind Kind, string Text, Guid? IndicatorId);

/// <summary>What a project can share in public: its description, target groups, phase and period, partners by
/// organisation, indicators with their approved results, and lessons from approved reports and the closing — never its
/// budget, funding, risks or people.</summary>
public sealed record SharedProject(
    Guid Id, Guid ProgrammeId, string Name, string? Summary, string? Challenge, string LeadUnit, Guid? DistrictId,
    IReadOnlyList<Guid> TargetGroupIds, InnovationPhase Phase, int FromYear, int? ToYear, IReadOnlyList<string> Partners,
    IReadOnlyList<SharedIndicator> Indicators, IReadOnlyList<SharedLesson> Lessons, ProjectScope Scope);

/// <summary>Portfolio's public method for the catalogue (ADR 13): the catalogue pre-fills a solution from this and reads
/// nothing else of a project.</summary>
public static class ProjectSharing
{
    public static async Task<SharedProject?> LoadAsync(HuslyDbContext db, Guid projectId, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking()
            .Include(p => p.LeadUnit).Include(p => p.TargetGroups).Include(p => p.Partners).ThenInclude(p => p.Organisation)
            .FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return null;
        }
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.ProjectId == projectId)
            .OrderBy(i => i.SortOrder).ToListAsync(ct);
        var values = await ResultQueries.ApprovedValues(db, db.Indicators.Where(i => i.ProjectId == projectId).Select(i => i.Id)).ToListAsync(ct);
        var shared = indicators.Select(i => new SharedIndicator(i.Id, i.Name, ResultText(i, values.Where(v => v.IndicatorId == i.Id)))).ToList();

        var lessons = await (from l in db.ReportLessons.AsNoTracking()
                             join r in db.StatusReports on l.ReportId equals r.Id
                             where r.ProjectId == projectId && r.State == ReportState.Approved
                             orderby r.DueOn, l.SortOrder
                             select l).ToListAsync(ct);
        var sharedLessons = lessons.Select(l => new SharedLesson(l.Kind,
            string.IsNullOrWhiteSpace(l.DoDifferently) ? l.Text : l.Text + "\n\nDette ville vi gjort annerledes: " + l.DoDifferently, l.IndicatorId)).ToList();
        if (await db.ProjectClosings.AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId, ct) is { } closing)
        {
            sharedLessons.Add(new SharedLesson(LessonKind.Success, closing.WhatWorked, null));
            sharedLessons.Add(new SharedLesson(LessonKind.Failure, closing.WhatDidNotWork, null));
            sharedLessons.Add(new SharedLesson(LessonKind.Failure, "Dette ville vi gjort annerledes: " + closing.DoDifferently, null));
        }
        var lead = project.LeadUnit!;
        return new SharedProject(project.Id, project.ProgrammeId, project.Name, project.Summary, project.Challenge, lead.Name,
            lead.Kind == OrganisationKind.District ? lead.Id : null, project.TargetGroups.Select(t => t.TargetGroupId).ToList(),
            project.Phase, project.StartDate.Year, project.EndDate?.Year,
            project.Partners.Select(p => p.Organisation!.Name).Distinct().ToList(), shared, sharedLessons,
            new ProjectScope(project.ProgrammeId, project.LeadUnitId, project.ProjectLeadId, project.Partners.Select(p => p.OrganisationId).ToList()));
    }

    /// <summary>"Utgangspunkt 3 (2023). 2024: 8. 2025: 12." from approved figures.</summary>
    private static string ResultText(Indicator indicator, IEnumerable<ReportedValue> values)
    {
        var parts = new List<string>();
        if (indicator.Baseline is { } baseline)
        {
            parts.Add("Utgangspunkt " + Indicator.Show(indicator.Unit, baseline) +
                (indicator.BaselineDate is { } on ? " (" + on.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : ""));
        }
        if (indicator.IsQuantitative)
        {
            foreach (var (year, figure) in Figures.ByYear(indicator.Unit, indicator.Cumulative, values).OrderBy(y => y.Key))
            {
                parts.Add(year.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Indicator.Show(indicator.Unit, figure));
            }
        }
        var text = string.Join(". ", parts);
        return text.Length > 500 ? text[..500] : text;
    }
}
