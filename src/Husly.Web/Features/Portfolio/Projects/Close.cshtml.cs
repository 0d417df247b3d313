using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Projects;

/// <summary>Those who may edit a project close it with a final report: the outcome (ordinary operation — by whom, from
/// when —, stopped — why —, or continued elsewhere) and the closing lessons, which are required.</summary>
public sealed class CloseModel(HuslyDbContext db, IAuthorizationService authorization, OrganisationLookups units, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public Guid Version { get; set; }

        [Display(Name = "Hva ble det av prosjektet?")]
        [Required(ErrorMessage = "Velg hva det ble av prosjektet.")]
        public ClosingOutcome? Outcome { get; set; }

        [Display(Name = "Enheten som har tatt det over")]
        public Guid? TakenOverById { get; set; }

        [Display(Name = "I drift fra")]
        public DateOnly? OperationFrom { get; set; }

        [Display(Name = "Hvorfor det stoppet, eller hvor og hvordan det videreføres")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? Explanation { get; set; }

        [Display(Name = "Hva virket")]
        [Required(ErrorMessage = "Skriv hva som virket.")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
        public string? WhatWorked { get; set; }

        [Display(Name = "Hva virket ikke")]
        [Required(ErrorMessage = "Skriv hva som ikke virket. Det andre kan lære mest av.")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
        public string? WhatDidNotWork { get; set; }

        [Display(Name = "Hva vi ville gjort annerledes")]
        [Required(ErrorMessage = "Skriv hva dere ville gjort annerledes.")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
        public string? DoDifferently { get; set; }

        [Display(Name = "Sluttdato")]
        [Required(ErrorMessage = "Skriv sluttdatoen.")]
        public DateOnly? EndDate { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Project Project { get; private set; } = null!;
    public List<SelectListItem> UnitChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        Input = new InputModel { Version = Project.Version, EndDate = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime)), TakenOverById = Project.LeadUnitId };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        switch (Input.Outcome)
        {
            case ClosingOutcome.OrdinaryOperation:
                if (Input.TakenOverById is not { } unit || !UnitChoices.Any(u => u.Value == unit.ToString()))
                {
                    ModelState.AddModelError("Input.TakenOverById", l["Velg enheten som har tatt løsningen inn i ordinær drift."]);
                }
                if (Input.OperationFrom is null)
                {
                    ModelState.AddModelError("Input.OperationFrom", l["Skriv datoen løsningen gikk over i ordinær drift."]);
                }
                if (Project.Phase < InnovationPhase.DeliveringAndImplementing)
                {
                    ModelState.AddModelError("Input.Outcome", l["Et prosjekt kan ikke være i ordinær drift før det er i fase 5, levere og implementere. Endre fasen først."]);
                }
                break;
            case ClosingOutcome.Stopped or ClosingOutcome.ContinuedElsewhere:
                if (string.IsNullOrWhiteSpace(Input.Explanation))
                {
                    ModelState.AddModelError("Input.Explanation", Input.Outcome == ClosingOutcome.Stopped ? l["Skriv hvorfor prosjektet stoppet."] : l["Skriv hvor og hvordan arbeidet videreføres."]);
                }
                break;
            case null:
                break;
            default:
                ModelState.AddModelError("Input.Outcome", l["Velg hva det ble av prosjektet."]);
                break;
        }
        if (Input.EndDate is { } end && end < Project.StartDate)
        {
            ModelState.AddModelError("Input.EndDate", l["Sluttdato kan ikke være før startdato."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var tracked = await db.Projects.FirstAsync(p => p.Id == id);
        db.Entry(tracked).Property(p => p.Version).OriginalValue = Input.Version;
        tracked.EndDate = Input.EndDate;
        tracked.Status = Input.Outcome switch
        {
            ClosingOutcome.OrdinaryOperation => ProjectStatus.InOrdinaryOperation,
            ClosingOutcome.Stopped => ProjectStatus.Stopped,
            _ => ProjectStatus.Completed,
        };
        db.ProjectClosings.Add(new ProjectClosing
        {
            ProjectId = id,
            Outcome = Input.Outcome!.Value,
            EndDate = Input.EndDate!.Value,
            ClosedAt = clock.GetUtcNow().UtcDateTime,
            ClosedBy = User.DisplayName(),
            TakenOverById = Input.Outcome == ClosingOutcome.OrdinaryOperation ? Input.TakenOverById : null,
            OperationFrom = Input.Outcome == ClosingOutcome.OrdinaryOperation ? Input.OperationFrom : null,
            Explanation = string.IsNullOrWhiteSpace(Input.Explanation) ? null : Input.Explanation.Trim(),
            WhatWorked = Input.WhatWorked!.Trim(),
            WhatDidNotWork = Input.WhatDidNotWork!.Trim(),
            DoDifferently = Input.DoDifferently!.Trim(),
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret prosjektet mens du skrev. Ingenting er lagret. Åpne prosjektet på nytt og se over det før du avslutter."]);
            return Page();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("", l["Prosjektet er allerede avsluttet."]);
            return Page();
        }
        TempData.Flash(l["Prosjektet er avsluttet med sluttrapport."]);
        return Redirect($"/portfolio/projects/details/{id}");
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Partners).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return NotFound();
        }
        if (project.IsArchived || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Edit)).Succeeded)
        {
            return Forbid();
        }
        Project = project;
        if (await db.ProjectClosings.AnyAsync(c => c.ProjectId == id))
        {
            ModelState.AddModelError("", l["Prosjektet er allerede avsluttet."]);
            if (HttpMethods.IsPost(Request.Method))
            {
                return Page();
            }
        }
        UnitChoices = await units.LeadUnitsAsync();
        return null;
    }
}
