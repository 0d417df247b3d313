using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Shared;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Results;

/// <summary>A project's results framework: what it wants to achieve (results) and how that is measured (indicators with
/// unit, direction, counting rule, breakdown and baseline). Targets per year are set on each indicator's page.</summary>
public sealed class FrameworkModel(HuslyDbContext db, ProjectGate gate, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ResultInput
    {
        [Display(Name = "Resultatmål")]
        [Required(ErrorMessage = "Skriv hva prosjektet vil oppnå.")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst 1000 tegn.")]
        public string? Statement { get; set; }
    }

    public sealed class IndicatorInput
    {
        [Display(Name = "Resultatmål")]
        [Required(ErrorMessage = "Velg resultatmålet indikatoren måler.")]
        public Guid? ResultId { get; set; }

        [Display(Name = "Felles indikator i programmet")]
        public Guid? DefinitionId { get; set; }

        [Display(Name = "Navn")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Enhet")]
        public IndicatorUnit? Unit { get; set; }

        [Display(Name = "Retning")]
        public IndicatorDirection? Direction { get; set; }

        [Display(Name = "Verdiene er løpende sum")]
        public bool Cumulative { get; set; }

        [Display(Name = "Fordeling")]
        public IndicatorBreakdown Breakdown { get; set; }

        [Display(Name = "Utgangsverdi")]
        [StringLength(30, ErrorMessage = "Skriv et tall.")]
        public string? Baseline { get; set; }

        [Display(Name = "Utgangsverdien gjelder")]
        [Husly.Platform.Forms.PlausibleDate(30, 10)]
        public DateOnly? BaselineDate { get; set; }
    }

    public sealed record IndicatorRow(Indicator Indicator, decimal? TargetThisYear, decimal? ActualThisYear, int Lessons);

    public ResultInput NewResult { get; set; } = new();

    public IndicatorInput NewIndicator { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public List<(ProjectResult Result, List<IndicatorRow> Indicators)> Results { get; private set; } = [];
    public List<SelectListItem> ResultChoices { get; private set; } = [];
    public List<SelectListItem> DefinitionChoices { get; private set; } = [];
    public int Year { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAddResultAsync(Guid id, [Bind(Prefix = nameof(NewResult))] ResultInput input)
    {
        NewResult = input;
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        db.ProjectResults.Add(new ProjectResult { Id = Guid.CreateVersion7(), ProjectId = id, Statement = NewResult.Statement!.Trim(), SortOrder = Results.Count });
        await db.SaveChangesAsync();
        TempData.Flash(l["Resultatmålet er lagt til."]);
        return Redirect($"/portfolio/projects/{id}/results");
    }

    public async Task<IActionResult> OnPostAddIndicatorAsync(Guid id, [Bind(Prefix = nameof(NewIndicator))] IndicatorInput input)
    {
        NewIndicator = input;
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        var result = Results.Select(r => r.Result).FirstOrDefault(r => r.Id == input.ResultId);
        if (input.ResultId is not null && result is null)
        {
            ModelState.AddModelError("NewIndicator.ResultId", l["Velg et av prosjektets resultatmål."]);
        }
        IndicatorDefinition? definition = null;
        if (input.DefinitionId is { } definitionId)
        {
            definition = await db.IndicatorDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId && d.ProgrammeId == Opened.Project.ProgrammeId);
            if (definition is null)
            {
                ModelState.AddModelError("NewIndicator.DefinitionId", l["Velg en av programmets felles indikatorer."]);
            }
            else if (Results.Any(r => r.Indicators.Any(i => i.Indicator.DefinitionId == definitionId)))
            {
                // Counted twice, it would count twice in the programme's totals.
                ModelState.AddModelError("NewIndicator.DefinitionId", l["Prosjektet har allerede denne felles indikatoren."]);
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.Name))
            {
                ModelState.AddModelError("NewIndicator.Name", l["Skriv navnet på indikatoren, eller velg en felles indikator."]);
            }
            if (input.Unit is not { } unit || !Enum.IsDefined(unit))
            {
                ModelState.AddModelError("NewIndicator.Unit", l["Velg enheten."]);
            }
            if (input.Direction is not { } direction || !Enum.IsDefined(direction))
            {
                ModelState.AddModelError("NewIndicator.Direction", l["Velg om høyere eller lavere er bedre."]);
            }
        }
        if (!Enum.IsDefined(input.Breakdown))
        {
            ModelState.AddModelError("NewIndicator.Breakdown", l["Velg en fordeling fra listen."]);
        }
        var unitNow = definition?.Unit ?? input.Unit ?? IndicatorUnit.Count;
        decimal? baseline = null;
        if (!string.IsNullOrWhiteSpace(input.Baseline))
        {
            if (unitNow == IndicatorUnit.Text)
            {
                ModelState.AddModelError("NewIndicator.Baseline", l["En kvalitativ indikator har ingen tallverdi som utgangspunkt."]);
            }
            else if (Indicator.TryParse(unitNow, input.Baseline, out var parsed) is { } error)
            {
                ModelState.AddModelError("NewIndicator.Baseline", l[error]);
            }
            else
            {
                baseline = parsed;
                if (input.BaselineDate is null)
                {
                    ModelState.AddModelError("NewIndicator.BaselineDate", l["Skriv datoen utgangsverdien gjelder."]);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        db.Indicators.Add(new Indicator
        {
            Id = Guid.CreateVersion7(),
            ResultId = result!.Id,
            ProjectId = id,
            DefinitionId = definition?.Id,
            Name = definition?.Name ?? input.Name!.Trim(),
            Unit = unitNow,
            Direction = definition?.Direction ?? input.Direction!.Value,
            Cumulative = definition?.Cumulative ?? input.Cumulative,
            Breakdown = input.Breakdown,
            Baseline = baseline,
            BaselineDate = baseline is null ? null : input.BaselineDate,
            SortOrder = Results.First(r => r.Result.Id == result.Id).Indicators.Count,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("NewIndicator.DefinitionId", l["Prosjektet har allerede denne felles indikatoren."]);
            return Invalid();
        }
        TempData.Flash(l["Indikatoren er lagt til. Sett målene per år på indikatorens side."]);
        return Redirect($"/portfolio/projects/{id}/results");
    }

    public async Task<IActionResult> OnPostRemoveIndicatorAsync(Guid id, Guid indicatorId)
    {
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        // An indicator with reported figures is part of the project's record and stays.
        if (await db.Indicators.Where(i => i.Id == indicatorId && i.ProjectId == id && !db.IndicatorValues.Any(v => v.IndicatorId == i.Id)
                && !db.ReportLessons.Any(x => x.IndicatorId == i.Id)).ExecuteDeleteAsync() == 0)
        {
            ModelState.AddModelError("", l["Indikatoren finnes ikke i prosjektet, eller har rapporterte verdier eller læring knyttet til seg og kan ikke fjernes."]);
            return Invalid();
        }
        TempData.Flash(l["Indikatoren er fjernet."]);
        return Redirect($"/portfolio/projects/{id}/results");
    }

    public async Task<IActionResult> OnPostRemoveResultAsync(Guid id, Guid resultId)
    {
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (await db.ProjectResults.Where(r => r.Id == resultId && r.ProjectId == id && !db.Indicators.Any(i => i.ResultId == r.Id)).ExecuteDeleteAsync() == 0)
        {
            ModelState.AddModelError("", l["Resultatmålet finnes ikke i prosjektet, eller har indikatorer. Fjern indikatorene først."]);
            return Invalid();
        }
        TempData.Flash(l["Resultatmålet er fjernet."]);
        return Redirect($"/portfolio/projects/{id}/results");
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> OpenForEditAsync(Guid id) =>
        await ShowAsync(id) ?? (Opened.CanEdit ? null : Forbid());

    private async Task<IActionResult?> ShowAsync(Guid id)
    {
        if (await gate.OpenAsync(id) is not { } opened)
        {
            return NotFound();
        }
        Opened = opened;
        Year = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime)).Year;
        var year = Year;
        var results = await db.ProjectResults.AsNoTracking().Where(r => r.ProjectId == id).OrderBy(r => r.SortOrder)
            .Include(r => r.Indicators).ThenInclude(i => i.Targets).AsSplitQuery().ToListAsync();
        var values = await ResultQueries.ApprovedValues(db, db.Indicators.Where(i => i.ProjectId == id).Select(i => i.Id)).ToListAsync();
        var sent = StatusReport.SentStates;
        var lessons = await db.ReportLessons.AsNoTracking().Where(x => x.IndicatorId != null && db.Indicators.Any(i => i.Id == x.IndicatorId && i.ProjectId == id)
                && db.StatusReports.Any(r => r.Id == x.ReportId && sent.Contains(r.State)))
            .GroupBy(x => x.IndicatorId).Select(g => new { Id = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count);
        Results = [.. results.Select(r => (r, r.Indicators.OrderBy(i => i.SortOrder).Select(i => new IndicatorRow(i,
            i.Targets.FirstOrDefault(t => t.Year == year)?.Value,
            Figures.ByYear(i.Unit, i.Cumulative, values.Where(v => v.IndicatorId == i.Id)).TryGetValue(year, out var a) ? a : null,
            lessons.GetValueOrDefault(i.Id))).ToList()))];
        ResultChoices = [.. results.Select(r => new SelectListItem(r.Statement.Length > 80 ? r.Statement[..80] + "…" : r.Statement, r.Id.ToString()))];
        DefinitionChoices = [.. await db.IndicatorDefinitions.AsNoTracking().Where(d => d.ProgrammeId == opened.Project.ProgrammeId).OrderBy(d => d.Name)
            .Select(d => new SelectListItem(d.Name, d.Id.ToString())).ToListAsync()];
        return null;
    }
}
