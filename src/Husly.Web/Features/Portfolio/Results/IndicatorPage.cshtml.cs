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

    public sealed class ChangeInput
    {
        public Guid Version { get; set; }

        [Display(Name = "Navn")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Utgangsverdi")]
        [StringLength(30, ErrorMessage = "Skriv et tall.")]
        public string? Baseline { get; set; }

        [Display(Name = "Utgangsverdien gjelder")]
        [Husly.Platform.Forms.PlausibleDate(30, 10)]
        public DateOnly? BaselineDate { get; set; }
    }

    public sealed record YearRow(int Year, decimal? Target, decimal? Actual, double? Progress);
    public sealed record ReportRow(Guid ReportId, DateOnly DueOn, ReportState State, List<IndicatorValue> Values);
    public sealed record LessonRow(Guid ReportId, DateOnly DueOn, ReportLesson Lesson);

    public TargetInput Target { get; set; } = new();

    public ChangeInput Change { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public Indicator Indicator { get; private set; } = null!;
    public string ResultStatement { get; private set; } = "";
    public List<YearRow> Years { get; private set; } = [];
    public List<ReportRow> Reports { get; private set; } = [];
    public List<LessonRow> Lessons { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid indicatorId) => await ShowAsync(id, indicatorId) ?? Page();

    /// <summary>Corrects the indicator's name (a project's own indicator; a shared one keeps the programme's) and its
    /// baseline; unit and counting rule stay, since reported figures were given in them.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, Guid indicatorId, [Bind(Prefix = nameof(Change))] ChangeInput input)
    {
        Change = input;
        if (await ShowAsync(id, indicatorId) is { } refusal)
        {
            return refusal;
        }
        if (!Opened.CanEdit)
        {
            return Forbid();
        }
        if (Indicator.DefinitionId is null && string.IsNullOrWhiteSpace(input.Name))
        {
            ModelState.AddModelError("Change.Name", l["Skriv navnet på indikatoren."]);
        }
        decimal? baseline = null;
        if (!string.IsNullOrWhiteSpace(input.Baseline))
        {
            if (!Indicator.IsQuantitative)
            {
                ModelState.AddModelError("Change.Baseline", l["En kvalitativ indikator har ingen tallverdi som utgangspunkt."]);
            }
            else if (Indicator.TryParse(Indicator.Unit, input.Baseline, out var parsed) is { } error)
            {
                ModelState.AddModelError("Change.Baseline", l[error]);
            }
            else
            {
                baseline = parsed;
                if (input.BaselineDate is null)
                {
                    ModelState.AddModelError("Change.BaselineDate", l["Skriv datoen utgangsverdien gjelder."]);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var tracked = await db.Indicators.FirstAsync(i => i.Id == indicatorId);
        db.Entry(tracked).Property(i => i.Version).OriginalValue = input.Version;
        if (tracked.DefinitionId is null)
        {
            tracked.Name = input.Name!.Trim();
        }
        tracked.Baseline = baseline;
        tracked.BaselineDate = baseline is null ? null : input.BaselineDate;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret indikatoren mens du skrev. Ingenting er lagret. Last siden på nytt."]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData.Flash(l["Indikatoren er endret."]);
        return Redirect($"/portfolio/projects/{id}/indicators/{indicatorId}");
    }

    public async Task<IActionResult> OnPostSetTargetAsync(Guid id, Guid indicatorId, [Bind(Prefix = nameof(Target))] TargetInput input)
    {
        Target = input;
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
        if (!HttpMethods.IsPost(Request.Method))
        {
            Change = new ChangeInput
            {
                Version = indicator.Version,
                Name = indicator.Name,
                BaselineDate = indicator.BaselineDate,
                Baseline = indicator.Baseline?.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("nb-NO")),
            };
        }
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
        var shown = StatusReport.SentStates;
        Reports = [.. (await db.StatusReports.AsNoTracking().Where(r => r.ProjectId == id && shown.Contains(r.State))
                .Select(r => new { r.Id, r.DueOn, r.State, Values = r.Values.Where(v => v.IndicatorId == indicatorId).ToList() }).ToListAsync())
            .Where(r => r.Values.Count > 0).OrderBy(r => r.DueOn).Select(r => new ReportRow(r.Id, r.DueOn, r.State, r.Values))];
        Lessons = [.. (await db.ReportLessons.AsNoTracking().Where(x => x.IndicatorId == indicatorId)
                .Join(db.StatusReports.Where(r => r.ProjectId == id && shown.Contains(r.State)), x => x.ReportId, r => r.Id, (x, r) => new { x, r.DueOn }).ToListAsync())
            .OrderBy(x => x.DueOn).Select(x => new LessonRow(x.x.ReportId, x.DueOn, x.x))];
        return null;
    }
}
