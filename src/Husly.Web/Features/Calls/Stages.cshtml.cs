using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls;

/// <summary>A programme's own application flow: rename stages and switch the optional ones (endorsement, a second
/// assessment round) on or off, without a developer.</summary>
public sealed class StagesModel(HuslyDbContext db, CallAccess access, CallStages stages, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class StageRow
    {
        public ApplicationStage Stage { get; set; }

        [Display(Name = "Navn på steget")]
        [Required(ErrorMessage = "Skriv et navn på steget.")]
        [StringLength(60, ErrorMessage = "Navnet kan ha høyst 60 tegn.")]
        public string Name { get; set; } = "";

        public bool IsEnabled { get; set; }
    }

    [BindProperty]
    public List<StageRow> Input { get; set; } = [];

    public Guid ProgrammeId { get; private set; }
    public string ProgrammeName { get; private set; } = "";
    public List<StageStep> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        Input = [.. Steps.Select(s => new StageRow { Stage = s.Stage, Name = s.Name, IsEnabled = s.IsEnabled })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (Input.Count != Steps.Count || Input.Select(r => r.Stage).Distinct().Count() != Steps.Count || Input.Any(r => !Enum.IsDefined(r.Stage)))
        {
            ModelState.AddModelError("", l["Skjemaet var utdatert. Last siden på nytt og prøv igjen."]);
        }
        var names = Input.Select(r => (r.Name ?? "").Trim()).ToList();
        if (ModelState.IsValid && names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            ModelState.AddModelError("", l["To steg kan ikke ha samme navn."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var rows = await db.ProgrammeStages.Where(s => s.ProgrammeId == id).ToDictionaryAsync(s => s.Stage);
        foreach (var input in Input)
        {
            var step = CallStages.Defaults.Single(d => d.Stage == input.Stage);
            if (!rows.TryGetValue(input.Stage, out var row))
            {
                row = new ProgrammeStage { ProgrammeId = id, Stage = input.Stage };
                db.ProgrammeStages.Add(row);
            }
            row.Name = input.Name.Trim();
            row.IsEnabled = !step.IsOptional || input.IsEnabled;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another manager saved the programme's first settings at the same moment.
            ModelState.AddModelError("", l["Noen andre lagret søknadens gang samtidig. Last siden på nytt og se over den."]);
            return Page();
        }
        TempData.Flash(l["Søknadens gang er lagret for {0}.", ProgrammeName]);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var name = await db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(User, id))
        {
            return Forbid();
        }
        ProgrammeId = id;
        ProgrammeName = name;
        Steps = await stages.ForProgrammeAsync(id);
        return null;
    }
}
