using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue.Manage;

/// <summary>A new draft: from a project (pre-filled from what the project may share; for those who may edit the project)
/// or another municipality's solution (for the programme's managers).</summary>
public sealed class CreateModel(HuslyDbContext db, CatalogueAccess access, SolutionForm form, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel, ISolutionFields
{
    [BindProperty]
    public SolutionInput Input { get; set; } = new();

    [BindProperty]
    [System.ComponentModel.DataAnnotations.Display(Name = "Program")]
    public Guid? ProgrammeId { get; set; }

    public SolutionForm.Choices Choices { get; private set; } = null!;
    public bool ShowSlug => false;
    public SharedProject? Project { get; private set; }
    public List<SelectListItem> Programmes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? project, CancellationToken ct)
    {
        if (await OpenAsync(project, ct) is { } refusal)
        {
            return refusal;
        }
        Input = Project is null ? new SolutionInput() : SolutionInput.From(Project);
        ProgrammeId = Project?.ProgrammeId ?? (Programmes.Count == 1 ? Guid.Parse(Programmes[0].Value) : null);
        Input.AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? project, CancellationToken ct)
    {
        if (await OpenAsync(project, ct) is { } refusal)
        {
            return refusal;
        }
        var programme = Project?.ProgrammeId ?? ProgrammeId;
        if (Project is null && (programme is null || !Programmes.Any(p => p.Value == programme.ToString())))
        {
            ModelState.AddModelError(nameof(ProgrammeId), l["Velg programmet løsningen skal stå i."]);
        }
        form.Check(Input, Choices, ModelState);
        if (!ModelState.IsValid)
        {
            Input.AddBlankRows();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var solution = new Solution { Id = Guid.NewGuid(), ProgrammeId = programme!.Value, ProjectId = Project?.Id, State = SolutionState.Draft };
        if (await form.ApplyAsync(Input, solution, ct) is { } problem)
        {
            ModelState.AddModelError("", problem);
            Input.AddBlankRows();
            return Page();
        }
        SolutionForm.AddRuleErrors(solution.Validate(), ModelState, l);
        if (!ModelState.IsValid)
        {
            Input.AddBlankRows();
            return Page();
        }
        solution.Slug = await Slugs.UniqueAsync(db, Slugs.From(solution.Title), solution.Id, ct);
        solution.Record(SolutionAction.Created, User.DisplayName(), now, null);
        db.Solutions.Add(solution);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved a solution with the same title at the same moment and took the address: take the next one.
            if (await db.Solutions.AnyAsync(s => s.Id == solution.Id, ct))
            {
                throw;
            }
            solution.Slug = await Slugs.UniqueAsync(db, solution.Slug + "-" + Guid.NewGuid().ToString("N")[..4], solution.Id, ct);
            await db.SaveChangesAsync(ct);
        }
        TempData.Flash(l["Utkastet er lagret. Send det til gjennomgang når det er klart."]);
        return Redirect($"/catalogue/manage/{solution.Id}");
    }

    private async Task<IActionResult?> OpenAsync(Guid? projectId, CancellationToken ct)
    {
        if (projectId is { } id)
        {
            // A project the user may not edit answers like one that does not exist.
            Project = await access.ProjectAsync(id, ct);
            if (Project is null || !await access.EditsProjectAsync(User, Project))
            {
                return NotFound();
            }
        }
        else
        {
            Programmes = (await access.ManagedProgrammesAsync(User)).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
            if (Programmes.Count == 0)
            {
                return Forbid();
            }
        }
        Choices = await form.ChoicesAsync();
        return null;
    }
}
