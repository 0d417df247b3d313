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

    public async Task<IActionResult> OnGetAsync(Guid id, Guid reportId) => await OpenAsync(id, reportId) ?? Page();

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid reportId, Guid version) =>
        AnswerAsync(id, reportId, version, ReportState.Submitted, () =>
        {
            // Four eyes: whoever sent the report (a manager may write one too) does not approve it.
            if (Report.SubmittedById is { } sender && sender == User.Id())
            {
                ModelState.AddModelError("", l["Du sendte rapporten selv. En annen i programmet må godkjenne den."]);
                return null;
            }
            Report.State = ReportState.Approved;
            Report.ApprovedAt = clock.GetUtcNow().UtcDateTime;
            Report.ApprovedBy = User.DisplayName();
            Report.ReturnComment = string.IsNullOrWhiteSpace(Answer.Comment) ? null : Answer.Comment.Trim();
            return ("Statusrapporten er godkjent", $"{User.DisplayName()} har godkjent rapporten. Perioden er låst."
                + (Report.ReturnComment is { } comment ? $"\n\nKommentar:\n{comment}" : ""), l["Rapporten er godkjent, og perioden er låst."].Value);
        });

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid reportId, Guid version) =>
        AnswerAsync(id, reportId, version, ReportState.Submitted, () =>
        {
            if (string.IsNullOrWhiteSpace(Answer.Comment))
            {
                ModelState.AddModelError("Answer.Comment", l["Skriv hva prosjektet må rette eller utdype."]);
                return null;
            }
            Report.State = ReportState.Returned;
            Report.ReturnComment = Answer.Comment.Trim();
            return ("Statusrapporten er sendt tilbake", $"{User.DisplayName()} har sendt rapporten tilbake:\n\n{Report.ReturnComment}", l["Rapporten er sendt tilbake til prosjektet."].Value);
        });

    public Task<IActionResult> OnPostReopenAsync(Guid id, Guid reportId, Guid version) =>
        AnswerAsync(id, reportId, version, ReportState.Approved, () =>
        {
            if (string.IsNullOrWhiteSpace(Answer.Comment))
            {
                ModelState.AddModelError("Answer.Comment", l["Skriv hvorfor perioden åpnes igjen. Grunnen lagres."]);
                return null;
            }
            var reason = Answer.Comment.Trim();
            Report.State = ReportState.Returned;
            Report.ReturnComment = reason;
            Report.ApprovedAt = null;
            Report.ApprovedBy = null;
            db.ReportReopenings.Add(new ReportReopening { Id = Guid.CreateVersion7(), ReportId = Report.Id, Reason = reason, ReopenedAt = clock.GetUtcNow().UtcDateTime, ReopenedBy = User.DisplayName() });
            return ("Perioden er åpnet igjen", $"{User.DisplayName()} har åpnet den godkjente rapporten igjen:\n\n{reason}", l["Perioden er åpnet igjen, og grunnen er lagret."].Value);
        });

    private async Task<IActionResult> AnswerAsync(Guid id, Guid reportId, Guid version, ReportState from, Func<(string Subject, string Body, string Flash)?> change)
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
        if (!ModelState.IsValid || change() is not { } done)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
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
        return null;
    }
}
