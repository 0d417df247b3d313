using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>A project's reporting schedule: every status report due, its state, and which are overdue. The programme sets
/// the schedule with the award and may add or remove dates here; a date with a report begun cannot be removed.</summary>
public sealed class ScheduleModel(HuslyDbContext db, ProjectGate gate, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class DueInput
    {
        [Display(Name = "Ny rapportfrist")]
        [Required(ErrorMessage = "Skriv datoen rapporten skal leveres.")]
        public DateOnly? DueOn { get; set; }
    }

    public sealed record Row(Guid Id, DateOnly DueOn, ReportState State, Rag? Overall, DateTime? SubmittedAt, bool Overdue);

    [BindProperty]
    public DueInput Due { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (await ShowAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (!Opened.CanManage)
        {
            return Forbid();
        }
        if (Due.DueOn is { } due && Rows.Any(r => r.DueOn == due))
        {
            ModelState.AddModelError("Due.DueOn", l["Prosjektet har allerede en rapport med denne fristen."]);
        }
        if (Due.DueOn is { } early && early < Opened.Project.StartDate)
        {
            ModelState.AddModelError("Due.DueOn", l["Fristen kan ikke være før prosjektet startet."]);
        }
        else if (Due.DueOn is { } late && late > Today.AddYears(10))
        {
            ModelState.AddModelError("Due.DueOn", l["Fristen kan ikke være mer enn ti år fram i tid."]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.StatusReports.Add(new StatusReport { Id = Guid.CreateVersion7(), ProjectId = id, DueOn = Due.DueOn!.Value, State = ReportState.NotStarted });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Due.DueOn", l["Prosjektet har allerede en rapport med denne fristen."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData.Flash(l["Rapportfristen {0} er lagt til.", Format.Date(Due.DueOn)]);
        return Redirect($"/portfolio/projects/{id}/reports");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid reportId)
    {
        if (await ShowAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (!Opened.CanManage)
        {
            return Forbid();
        }
        // Only a report nobody has begun goes; the condition is in the delete itself, so a report begun meanwhile stays.
        ModelState.Clear(); // the new-date form is not what was posted
        var removed = await db.StatusReports.Where(r => r.Id == reportId && r.ProjectId == id && r.State == ReportState.NotStarted).ExecuteDeleteAsync();
        if (removed == 0)
        {
            ModelState.AddModelError("", l["Rapporten finnes ikke i planen, eller er påbegynt og kan ikke fjernes."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData.Flash(l["Rapportfristen er fjernet."]);
        return Redirect($"/portfolio/projects/{id}/reports");
    }

    private async Task<IActionResult?> ShowAsync(Guid id)
    {
        if (await gate.OpenAsync(id) is not { } opened)
        {
            return NotFound();
        }
        Opened = opened;
        Today = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime));
        var today = Today;
        var running = await RunningReports.Of(db).Where(r => r.ProjectId == id).Select(r => r.Id).ToListAsync();
        Rows = [.. (await db.StatusReports.AsNoTracking().Where(r => r.ProjectId == id).OrderBy(r => r.DueOn)
                .Select(r => new { r.Id, r.DueOn, r.State, r.Overall, r.SubmittedAt }).ToListAsync())
            .Select(r => new Row(r.Id, r.DueOn, r.State, r.Overall, r.SubmittedAt, running.Contains(r.Id) && StatusReport.IsOverdue(r.State, r.DueOn, today)))];
        return null;
    }
}
