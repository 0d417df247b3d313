using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Projects;

public sealed class EditModel(
    HuslyDbContext db, ProjectForm form, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    public ProjectForm.Choices Choices { get; private set; } = null!;
    public string ProjectName { get; private set; } = "";
    public Guid Id { get; private set; }

    /// <summary>Set when someone else saved the project after this form was opened: their values, field by field.</summary>
    public List<(string Field, string Value)>? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var project = await LoadAsync(id);
        // A project the user may not even read answers exactly like one that does not exist.
        if (project is null || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return NotFound();
        }
        if (!await MayEditAsync(project))
        {
            return Forbid();
        }
        Input = ProjectInput.From(project);
        return await ShowAsync(project);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var project = await LoadAsync(id);
        // A project the user may not even read answers exactly like one that does not exist.
        if (project is null || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return NotFound();
        }
        if (!await MayEditAsync(project))
        {
            return Forbid();
        }
        await form.CheckReferencesAsync(Input, ModelState, "Input.");
        if (ModelState.IsValid && (Input.LeadUnitId != project.LeadUnitId || Input.ProgrammeId != project.ProgrammeId))
        {
            var target = new ProjectScope(Input.ProgrammeId!.Value, Input.LeadUnitId!.Value, Input.ProjectLeadId, []);
            if (!(await authorization.AuthorizeAsync(User, target, ProjectOperations.Edit)).Succeeded)
            {
                ModelState.AddModelError("Input.LeadUnitId", l["Du kan ikke flytte prosjektet til dette programmet eller denne enheten."]);
            }
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(project);
        }
        if (Input.Version != project.Version)
        {
            return await ShowConflictAsync(project);
        }

        // The version the user saw is what the database must still hold, or the save fails as a concurrent edit.
        db.Entry(project).Property(p => p.Version).OriginalValue = Input.Version;
        ProjectForm.Apply(Input, project);
        form.AddRuleErrors(project.Validate(), ModelState, "Input.");
        if (!ModelState.IsValid)
        {
            return await ShowAsync(project);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ShowConflictAsync((await LoadAsync(id))!);
        }
        TempData.Flash(l["Endringene er lagret."]);
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> ShowConflictAsync(Project current)
    {
        var theirs = ProjectInput.From(current);
        Choices = await form.ChoicesAsync();
        string Pick(List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> items, Guid? value) =>
            items.FirstOrDefault(i => i.Value == value?.ToString())?.Text ?? "–";
        Conflict = [];
        void Compare(string field, object? mine, object? other, string shown)
        {
            if (!Equals(mine, other))
            {
                Conflict.Add((l[field], shown));
            }
        }
        Compare("Navn", Input.Name, theirs.Name, theirs.Name);
        Compare("Program", Input.ProgrammeId, theirs.ProgrammeId, Pick(Choices.Programmes, theirs.ProgrammeId));
        Compare("Sammendrag", Input.Summary ?? "", theirs.Summary ?? "", theirs.Summary ?? "–");
        Compare("Utfordringen", Input.Challenge ?? "", theirs.Challenge ?? "", theirs.Challenge ?? "–");
        Compare("Brukermedvirkning", Input.UserInvolvement ?? "", theirs.UserInvolvement ?? "", theirs.UserInvolvement ?? "–");
        Compare("Ansvarlig enhet", Input.LeadUnitId, theirs.LeadUnitId, Pick(Choices.LeadUnits, theirs.LeadUnitId));
        Compare("Prosjektleder", Input.ProjectLeadId, theirs.ProjectLeadId, Pick(Choices.ProjectLeads, theirs.ProjectLeadId));
        Compare("Startdato", Input.StartDate, theirs.StartDate, Format.Date(theirs.StartDate));
        Compare("Sluttdato", Input.EndDate, theirs.EndDate, Format.Date(theirs.EndDate));
        Compare("Status", Input.Status, theirs.Status, theirs.Status is { } s ? l.Enum(s) : "–");
        Compare("Samarbeidsbydeler", string.Join(',', Input.CoDistrictIds.Order()), string.Join(',', theirs.CoDistrictIds.Order()),
            string.Join(", ", theirs.CoDistrictIds.Select(d => Pick(Choices.Districts, d))));
        Compare("Målgrupper", string.Join(',', Input.TargetGroupIds.Order()), string.Join(',', theirs.TargetGroupIds.Order()),
            string.Join(", ", theirs.TargetGroupIds.Select(t => Pick(Choices.TargetGroups, t))));
        ModelState.AddModelError("", l["Noen andre har endret prosjektet mens du redigerte. Ingenting er overskrevet. Se verdiene de lagret, rett opp skjemaet og lagre på nytt."]);
        // Saving again is now a deliberate choice over the other person's version.
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
        ProjectName = current.Name;
        Id = current.Id;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(Project project)
    {
        Choices = await form.ChoicesAsync();
        ProjectName = project.Name;
        Id = project.Id;
        return Page();
    }

    private Task<Project?> LoadAsync(Guid id) =>
        db.Projects.AsSplitQuery().Include(p => p.CoDistricts).Include(p => p.TargetGroups).Include(p => p.Partners)
            .FirstOrDefaultAsync(p => p.Id == id && !p.IsArchived);

    private async Task<bool> MayEditAsync(Project project) =>
        (await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Edit)).Succeeded;
}
