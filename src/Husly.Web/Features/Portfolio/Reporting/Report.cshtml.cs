using Husly.Common;
using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Results;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>A status report as sent, and the programme's answer: approve (the period is locked), return with a comment,
/// or — for an approved period — reopen it with a recorded reason.</summary>
public sealed class ReportModel(HuslyDbContext db, ProjectGate gate, ReportMail mail, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class AnswerInput
    {
        [Display(Name = "Kommentar til prosjektet")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? Comment { get; set; }
    }

    [BindProperty]
    public AnswerInput Answer { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public StatusReport Report { get; private set; } = null!;
    public Dictionary<Guid, Indicator> Indicators { get; private set; } = [];
    public long BudgetToDate { get; private set; }
    public bool Overdue { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid reportId) => await OpenAsync(id, reportId) ?? Page();

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid reportId, Guid version) =>
        AnswerAsync(id, reportId, version, ReportState.Submitted,
            now => Report.Approve(User.Id() ?? Guid.Empty, User.DisplayName(), now, Answer.Comment),
            () => ("Statusrapporten er godkjent", $"{User.DisplayName()} har godkjent rapporten. Perioden er låst."
                + (Report.ReturnComment is { } comment ? $"\n\nKommentar:\n{comment}" : ""), l["Rapporten er godkjent, og perioden er låst."].Value));

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid reportId, Guid version) =>
        AnswerAsync(id, reportId, version, ReportState.Submitted,
            _ => Report.Return(Answer.Comment),
            () => ("Statusrapporten er sendt tilbake", $"{User.DisplayName()} har sendt rapporten tilbake:\n\n{Report.ReturnComment}",
                l["Rapporten er sendt tilbake til prosjektet."].Value));

    public Task<IActionResult> OnPostReopenAsync(Guid id, Guid reportId, Guid version) =>
        AnswerAsync(id, reportId, version, ReportState.Approved,
            now => Report.Reopen(Answer.Comment, User.DisplayName(), now),
            () => ("Perioden er åpnet igjen", $"{User.DisplayName()} har åpnet den godkjente rapporten igjen:\n\n{Report.ReturnComment}",
                l["Perioden er åpnet igjen, og grunnen er lagret."].Value));

    /// <summary>Runs one of the programme's answers (the entity's rule), then tells the project by mail.</summary>
    private async Task<IActionResult> AnswerAsync(Guid id, Guid reportId, Guid version, ReportState from, Func<DateTime, RuleError?> change,
        Func<(string Subject, string Body, string Flash)> told)
    {
        if (await OpenAsync(id, reportId, tracking: true) is { } refusal)
        {
            return refusal;
        }
        if (!Opened.CanManage)
        {
            return Forbid();
        }
        if (Report.State != from)
        {
            ModelState.AddModelError("", l["Rapporten har ikke lenger den statusen. Se hva som står nå."]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (ModelState.IsValid && change(clock.GetUtcNow().UtcDateTime) is { } error)
        {
            ModelState.AddModelError(error.Field, l[error.Message]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var done = told();
        db.Entry(Report).Property(r => r.Version).OriginalValue = version;
        await mail.ToProjectAsync(Opened.Project, Report, done.Subject, done.Body);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret rapporten samtidig. Ingenting er lagret. Last siden på nytt."]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData.Flash(done.Flash);
        return Redirect($"/portfolio/projects/{id}/reports/{reportId}");
    }

    private async Task<IActionResult?> OpenAsync(Guid id, Guid reportId, bool tracking = false)
    {
        if (await gate.OpenAsync(id) is not { } opened)
        {
            return NotFound();
        }
        var query = db.StatusReports.Include(r => r.Risks).Include(r => r.Lessons).Include(r => r.Values).Include(r => r.Reopenings).AsSplitQuery();
        var report = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == reportId && r.ProjectId == id);
        if (report is null)
        {
            return NotFound();
        }
        Opened = opened;
        Report = report;
        Indicators = await db.Indicators.AsNoTracking().Where(i => i.ProjectId == id).ToDictionaryAsync(i => i.Id);
        BudgetToDate = await gate.BudgetUntilAsync(id, report.DueOn.Year);
        Overdue = StatusReport.IsOverdue(report.State, report.DueOn, DateOnly.FromDateTime(Husly.Platform.Localization.Format.ToOslo(clock.GetUtcNow().UtcDateTime)))
            && await RunningReports.Of(db).AnyAsync(r => r.Id == reportId);
        return null;
    }
}
