using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Programmes;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Results;

/// <summary>The indicators a programme measures the same way in every project, so the programme report can add them up.
/// Programme managers define them; projects pick them when they set up their indicators.</summary>
public sealed class DefinitionsModel(HuslyDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class DefinitionInput
    {
        [Display(Name = "Navn")]
        [Required(ErrorMessage = "Skriv navnet på indikatoren.")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Definisjon")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? Description { get; set; }

        [Display(Name = "Enhet")]
        [Required(ErrorMessage = "Velg enheten.")]
        public IndicatorUnit? Unit { get; set; }

        [Display(Name = "Retning")]
        [Required(ErrorMessage = "Velg om høyere eller lavere er bedre.")]
        public IndicatorDirection? Direction { get; set; }

        public bool Cumulative { get; set; }
    }

    public sealed record Row(IndicatorDefinition Definition, int Projects);

    [BindProperty]
    public DefinitionInput Input { get; set; } = new();

    public InnovationProgramme Programme { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ShowAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        if (Input.Unit is { } unit && !Enum.IsDefined(unit))
        {
            ModelState.AddModelError("Input.Unit", l["Velg enheten."]);
        }
        if (Input.Direction is { } direction && !Enum.IsDefined(direction))
        {
            ModelState.AddModelError("Input.Direction", l["Velg om høyere eller lavere er bedre."]);
        }
        var name = Input.Name?.Trim() ?? "";
        if (Rows.Any(r => string.Equals(r.Definition.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("Input.Name", l["Programmet har allerede en felles indikator med dette navnet."]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.IndicatorDefinitions.Add(new IndicatorDefinition
        {
            Id = Guid.CreateVersion7(),
            ProgrammeId = id,
            Name = name,
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            Unit = Input.Unit!.Value,
            Direction = Input.Direction!.Value,
            Cumulative = Input.Cumulative,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", l["Programmet har allerede en felles indikator med dette navnet."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData.Flash(l["Den felles indikatoren er lagt til."]);
        return Redirect($"/portfolio/programmes/{id}/indicators");
    }

    private async Task<IActionResult?> ShowAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (programme is null)
        {
            return NotFound();
        }
        Programme = programme;
        CanEdit = (await authorization.AuthorizeAsync(User, new ProgrammeScope(programme.Id), ProgrammeOperations.Edit)).Succeeded;
        Rows = [.. (await db.IndicatorDefinitions.AsNoTracking().Where(d => d.ProgrammeId == id).OrderBy(d => d.Name)
                .Select(d => new { d, Projects = db.Indicators.Where(i => i.DefinitionId == d.Id).Select(i => i.ProjectId).Distinct().Count() }).ToListAsync())
            .Select(x => new Row(x.d, x.Projects))];
        return null;
    }
}
