using System.Security.Claims;
using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Projects;

public sealed class CreateModel(
    HuslyDbContext db, ProjectForm form, IAuthorizationService authorization, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : PageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    public ProjectForm.Choices Choices { get; private set; } = null!;

    /// <summary>Whether the user's role can create a project anywhere (the page itself checks the programme and unit).</summary>
    public static bool MayCreateAny(ClaimsPrincipal user) =>
        user.IsInRole(Roles.ProgrammeOwner) || user.IsInRole(Roles.ProgrammeManager) ||
        user.IsInRole(Roles.DistrictDirector) || user.IsInRole(Roles.ProjectLead);

    public async Task<IActionResult> OnGetAsync(Guid? programme)
    {
        if (!MayCreateAny(User))
        {
            return Forbid();
        }
        Input = new ProjectInput
        {
            ProgrammeId = programme,
            Status = ProjectStatus.Idea,
            // District staff propose projects in their own unit, and a project lead leads what they propose.
            LeadUnitId = User.IsInRole(Roles.DistrictDirector) || User.IsInRole(Roles.ProjectLead) ? User.OrganisationId() : null,
            ProjectLeadId = User.IsInRole(Roles.ProjectLead) ? User.Id() : null,
        };
        Choices = await form.ChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayCreateAny(User))
        {
            return Forbid();
        }
        await form.CheckReferencesAsync(Input, ModelState, "Input.");
        if (ModelState.IsValid)
        {
            var scope = new ProjectScope(Input.ProgrammeId!.Value, Input.LeadUnitId!.Value, Input.ProjectLeadId, []);
            if (!(await authorization.AuthorizeAsync(User, scope, ProjectOperations.Create)).Succeeded)
            {
                ModelState.AddModelError("Input.LeadUnitId", l["Du kan ikke opprette prosjekter i dette programmet for denne enheten."]);
            }
        }
        var project = new Project { Id = Guid.CreateVersion7(), Name = Input.Name };
        if (ModelState.IsValid)
        {
            ProjectForm.Apply(Input, project);
            project.Phase = Input.Phase;
            form.AddRuleErrors(project.Validate(), ModelState, "Input.");
        }
        if (!ModelState.IsValid)
        {
            Choices = await form.ChoicesAsync();
            return Page();
        }
        project.PhaseChanges.Add(new ProjectPhaseChange
        {
            Id = Guid.NewGuid(),
            ProjectId = project.Id,
            ToPhase = project.Phase,
            ChangedAt = clock.GetUtcNow().UtcDateTime,
            ChangedBy = User.DisplayName(),
        });
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        TempData.Flash(l["Prosjektet «{0}» er opprettet.", project.Name]);
        return RedirectToPage("Details", new { id = project.Id });
    }
}
