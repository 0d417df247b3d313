using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue.Manage;

/// <summary>Edits a solution. A change to a published one is a new public version at once (the programme's managers
/// are its editors); a changed address keeps the old one as a redirect.</summary>
public sealed class EditModel(HuslyDbContext db, CatalogueAccess access, SolutionForm form, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel, ISolutionFields
{
    [BindProperty]
    public SolutionInput Input { get; set; } = new();

    public SolutionForm.Choices Choices { get; private set; } = null!;
    public bool ShowSlug => true;
    public Solution Solution { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.EditableAsync(User, id, ct) is not { } solution)
        {
            return NotFound();
        }
        Solution = solution;
        Choices = await form.ChoicesAsync();
        Input = SolutionInput.From(solution);
        Input.AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.EditableAsync(User, id, ct) is not { } solution)
        {
            return NotFound();
        }
        Solution = solution;
        Choices = await form.ChoicesAsync();
        form.Check(Input, Choices, ModelState);
        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? solution.Slug : Input.Slug.Trim();
        if (ModelState.IsValid && slug != solution.Slug && await Slugs.UniqueAsync(db, slug, solution.Id, ct) != slug)
        {
            ModelState.AddModelError("Input.Slug", l["Adressen er i bruk eller reservert. Velg en annen."]);
        }
        if (!ModelState.IsValid)
        {
            Input.AddBlankRows();
            return Page();
        }
        db.Entry(solution).Property(s => s.Version).OriginalValue = Input.Version;
        if (await form.ApplyAsync(Input, solution, ct) is { } problem)
        {
            ModelState.AddModelError("", problem);
            Input.AddBlankRows();
            return Page();
        }
        SolutionForm.AddRuleErrors(solution.Validate(), ModelState, l);
        if (solution.State == SolutionState.Published)
        {
            SolutionForm.AddRuleErrors(solution.ReadyToPublish(), ModelState, l);
        }
        if (!ModelState.IsValid)
        {
            Input.AddBlankRows();
            return Page();
        }
        if (slug != solution.Slug)
        {
            if (await db.SolutionSlugs.FirstOrDefaultAsync(s => s.Slug == slug, ct) is { } former)
            {
                db.SolutionSlugs.Remove(former);
            }
            // Only an address the public has seen is kept as a redirect.
            if (solution.FirstPublishedAt is not null)
            {
                db.SolutionSlugs.Add(new SolutionSlug { Slug = solution.Slug, SolutionId = solution.Id });
            }
            solution.Slug = slug;
        }
        solution.Edited(User.DisplayName(), clock.GetUtcNow().UtcDateTime);
        // The row is written even when only indicators or lessons changed, so its version guards the whole solution.
        db.Entry(solution).Property(s => s.Title).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret løsningen mens du skrev. Ingenting er lagret. Åpne den på nytt og gjør endringene dine der."]);
            Input.AddBlankRows();
            return Page();
        }
        TempData.Flash(solution.State == SolutionState.Published ? l["Endringene er publisert."] : l["Endringene er lagret."]);
        return Redirect($"/catalogue/manage/{solution.Id}");
    }
}
