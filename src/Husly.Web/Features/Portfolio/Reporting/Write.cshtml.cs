using Husly.Data;
using Husly.Features.Portfolio.Results;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>Those who may edit the project write a status report: saved as a draft as often as they like, then sent for
/// approval, after which it is locked until the programme returns or reopens it.</summary>
public sealed class WriteModel(HuslyDbContext db, ProjectGate gate, ReportMail mail, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReportForm Input { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public StatusReport Report { get; private set; } = null!;
    public List<(Indicator Indicator, string Category)> Slots { get; private set; } = [];
    public List<SelectListItem> IndicatorChoices { get; private set; } = [];
    public long BudgetToDate { get; private set; }

    /// <summary>Why the report cannot be changed now (sent or approved); null while it can.</summary>
    public string? Locked { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid reportId)
    {
        if (await OpenAsync(id, reportId) is { } refusal)
        {
            return refusal;
        }
        var previous = await db.StatusReports.AsNoTracking().Include(r => r.Risks)
            .Where(r => r.ProjectId == id && r.DueOn < Report.DueOn && r.State != ReportState.NotStarted).OrderByDescending(r => r.DueOn).FirstOrDefaultAsync();
        Input = ReportForm.From(Report, previous, Slots);
        Input.AddBlankRows();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, Guid reportId) => SaveAsync(id, reportId, submitting: false);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, Guid reportId) => SaveAsync(id, reportId, submitting: true);

    private async Task<IActionResult> SaveAsync(Guid id, Guid reportId, bool submitting)
    {
        if (await OpenAsync(id, reportId) is { } refusal)
        {
            return refusal;
        }
        Input.Validate(ModelState, s => l[s], Slots, submitting);
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        db.Entry(Report).Property(r => r.Version).OriginalValue = Input.Version;
        Input.ApplyTo(Report, Slots);
        if (Report.Save(submitting, User.Id() ?? Guid.Empty, User.DisplayName(), clock.GetUtcNow().UtcDateTime) is { } locked)
        {
            ModelState.AddModelError("", l[locked.Message]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (submitting)
        {
            await mail.ToManagersAsync(Opened.Project, Report, "Statusrapport til godkjenning",
                $"{User.DisplayName()} har sendt statusrapporten til godkjenning.");
        }
        // Only what changed is written (the reminder job claims its columns with updates of its own); Version is marked so
        // that even an unchanged save renews it.
        db.Entry(Report).Property(r => r.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret rapporten mens du skrev. Ingenting er lagret. Åpne rapporten på nytt og se over endringene."]);
            return Invalid();
        }
        TempData.Flash(submitting ? l["Rapporten er sendt til godkjenning."] : l["Utkastet er lagret."]);
        return Redirect(submitting ? $"/portfolio/projects/{id}/reports/{reportId}" : $"/portfolio/projects/{id}/reports/{reportId}/edit");
    }

    private PageResult Invalid()
    {
        Input.AddBlankRows();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> OpenAsync(Guid id, Guid reportId)
    {
        if (await gate.OpenAsync(id) is not { } opened)
        {
            return NotFound();
        }
        var report = await db.StatusReports.Include(r => r.Risks).Include(r => r.Lessons).Include(r => r.Values).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == reportId && r.ProjectId == id);
        if (report is null)
        {
            return NotFound();
        }
        if (!opened.CanEdit)
        {
            return Forbid();
        }
        Opened = opened;
        Report = report;
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.ProjectId == id)
            .Join(db.ProjectResults, i => i.ResultId, r => r.Id, (i, r) => new { i, r.SortOrder }).OrderBy(x => x.SortOrder).ThenBy(x => x.i.SortOrder)
            .Select(x => x.i).ToListAsync();
        Slots = ReportForm.Slots(indicators, opened.Project);
        IndicatorChoices = [.. indicators.Select(i => new SelectListItem(i.Name, i.Id.ToString()))];
        BudgetToDate = await gate.BudgetUntilAsync(id, report.DueOn.Year);
        if (report.IsLocked)
        {
            Locked = report.State == ReportState.Approved
                ? l["Rapporten er godkjent og perioden er låst. Programmet kan åpne den igjen."]
                : l["Rapporten er sendt til godkjenning og kan ikke endres før programmet sender den tilbake."];
            if (HttpMethods.IsPost(Request.Method))
            {
                ModelState.AddModelError("", Locked);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
        }
        return null;
    }
}
