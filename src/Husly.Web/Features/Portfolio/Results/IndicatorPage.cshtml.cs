using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Results;

/// <summary>One indicator: its targets and results per year, every reported figure, and the lessons that explain them —
/// a failure stands beside the figures it explains.</summary>
public sealed class IndicatorPageModel(HuslyDbContext db, ProjectGate gate, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class TargetInput
    {
        [Display(Name = "År")]
        [Required(ErrorMessage = "Skriv året målet gjelder.")]
        [Range(2000, 2100, ErrorMessage = "Skriv et år mellom 2000 og 2100.")]
        public int? Year { get; set; }

        [Display(Name = "Mål")]
        [Required(ErrorMessage = "Skriv målet for året.")]
        [StringLength(30, ErrorMessage = "Skriv et tall.")]
        public string? Value { get; set; }
    }

    public sealed record YearRow(int Year, decimal? Target, decimal? Actual, double? Progress);
    public sealed record ReportRow(Guid ReportId, DateOnly DueOn, ReportState State, List<IndicatorValue> Values);
    public sealed record LessonRow(Guid ReportId, DateOnly DueOn, ReportLesson Lesson);

    [BindProperty]
    public TargetInput Target { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public Indicator Indicator { get; private set; } = null!;
    public string ResultStatement { get; private set; } = "";
    public List<YearRow> Years { get; private set; } = [];
    public List<ReportRow> Reports { get; private set; } = [];
    public List<LessonRow> Lessons { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid indicatorId) => await ShowAsync(id, indicatorId) ?? Page();

    public async Task<IActionResult> OnPostSetTargetAsync(Guid id, Guid indicatorId)
    {
        if (await ShowAsync(id, indicatorId) is { } refusal)
        {
            return refusal;
        }
        if (!Opened.CanEdit)
        {
            return Forbid();
        }
        decimal value = 0;
        if (!Indicator.IsQuantitative)
        {
            ModelState.AddModelError("Target.Value", l["En kvalitativ indikator har ingen tallmål."]);
        }
        else if (Target.Value is { } text && Indicator.TryParse(Indicator.Unit, text, out value) is { } error)
        {
            ModelState.AddModelError("Target.Value", l[error]);
        }
        // The project's period, stretched to cover its reporting schedule (a project funded again reports after its end).
        var project = Opened.Project;
        var lastDue = await db.StatusReports.Where(r => r.ProjectId == id).Select(r => (DateOnly?)r.DueOn).MaxAsync();
        var lastYear = Math.Max((project.EndDate ?? project.StartDate.AddYears(10)).Year, lastDue?.Year ?? 0);
        if (Target.Year is { } year && (year < project.StartDate.Year || year > lastYear))
        {
            ModelState.AddModelError("Target.Year", l["Året må ligge i prosjektets periode, {0}–{1}.", project.StartDate.Year, lastYear]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var existing = await db.IndicatorTargets.FirstOrDefaultAsync(t => t.IndicatorId == indicatorId && t.Year == Target.Year);
        if (existing is null)
        {
            db.IndicatorTargets.Add(new IndicatorTarget { IndicatorId = indicatorId, Year = Target.Year!.Value, Value = value });
        }
        else
        {
            existing.Value = value;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Target.Year", l["Noen satte målet for dette året samtidig. Last siden på nytt."]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData.Flash(l["Målet for {0} er lagret.", Target.Year!.Value]);
        return Redirect($"/portfolio/projects/{id}/indicators/{indicatorId}");
    }

    private async Task<IActionResult?> ShowAsync(Guid id, Guid indicatorId)
    {
        if (await gate.OpenAsync(id) is not { } opened)
        {
            return NotFound();
        }
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.Definition)
            .FirstOrDefaultAsync(i => i.Id == indicatorId && i.ProjectId == id);
        if (indicator is null)
        {
            return NotFound();
        }
        Opened = opened;
        Indicator = indicator;
        Categories = Reporting.ReportForm.Categories(indicator, opened.Project);
        ResultStatement = await db.ProjectResults.Where(r => r.Id == indicator.ResultId).Select(r => r.Statement).FirstAsync();
        var approved = await ResultQueries.ApprovedValues(db, db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.Id)).ToListAsync();
        var actual = Figures.ByYear(indicator.Unit, indicator.Cumulative, approved);
        Years = [.. indicator.Targets.Select(t => t.Year).Union(actual.Keys).Order().Select(y =>
        {
            var target = indicator.Targets.FirstOrDefault(t => t.Year == y)?.Value;
            var a = actual.TryGetValue(y, out var v) ? v : (decimal?)null;
            return new YearRow(y, target, a, Figures.Progress(indicator.Baseline, target, a));
        })];
        // Figures and lessons as sent: drafts are the project's own until they are sent.
        var shown = new[] { ReportState.Submitted, ReportState.Approved };
        Reports = [.. (await db.StatusReports.AsNoTracking().Where(r => r.ProjectId == id && shown.Contains(r.State))
                .Select(r => new { r.Id, r.DueOn, r.State, Values = r.Values.Where(v => v.IndicatorId == indicatorId).ToList() }).ToListAsync())
            .Where(r => r.Values.Count > 0).OrderBy(r => r.DueOn).Select(r => new ReportRow(r.Id, r.DueOn, r.State, r.Values))];
        Lessons = [.. (await db.ReportLessons.AsNoTracking().Where(x => x.IndicatorId == indicatorId)
                .Join(db.StatusReports.Where(r => r.ProjectId == id && shown.Contains(r.State)), x => x.ReportId, r => r.Id, (x, r) => new { x, r.DueOn }).ToListAsync())
            .OrderBy(x => x.DueOn).Select(x => new LessonRow(x.x.ReportId, x.DueOn, x.x))];
        return null;
    }
}
