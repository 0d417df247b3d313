using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Programmes;

public sealed class EditModel(HuslyDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid Id { get; private set; }
    public string ShortName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await LoadAsync(id);
        if (programme is null)
        {
            return NotFound();
        }
        if (!await MayEditAsync(id))
        {
            return Forbid();
        }
        Input = InputModel.From(programme);
        Show(programme);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var programme = await LoadAsync(id);
        if (programme is null)
        {
            return NotFound();
        }
        if (!await MayEditAsync(id))
        {
            return Forbid();
        }
        if (ModelState.IsValid && await db.Programmes.AnyAsync(p => p.Id != id && p.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Et annet program har allerede dette navnet."]);
        }
        // Each line becomes a goal of its own, stored in a column of 1,000 characters (SQLite would not refuse more).
        foreach (var (field, text) in new[] { ("Input.WorkingGoals", Input.WorkingGoals), ("Input.OwnGoals", Input.OwnGoals) })
        {
            if ((text ?? "").Split('\n').Any(line => line.Trim().Length > ProgrammeGoal.MaxTextLength))
            {
                ModelState.AddModelError(field, l["Hvert mål kan ha høyst {0} tegn. Del det opp i flere linjer.", ProgrammeGoal.MaxTextLength]);
            }
        }
        if (!ModelState.IsValid)
        {
            Show(programme);
            return Page();
        }
        if (Input.Version != programme.Version)
        {
            return ShowConflict(programme);
        }
        db.Entry(programme).Property(p => p.Version).OriginalValue = Input.Version;
        programme.Name = Input.Name.Trim();
        programme.ShortName = Input.ShortName.Trim();
        programme.StartYear = Input.StartYear!.Value;
        programme.EndYear = Input.EndYear;
        programme.Vision = Blank(Input.Vision);
        programme.Description = Blank(Input.Description);
        programme.MainGoal = Blank(Input.MainGoal);
        programme.NationalGoals = Input.NationalGoals.Aggregate(NationalGoals.None, (all, g) => all | g);
        SyncGoals(programme, GoalKind.WorkingGoal, Input.WorkingGoals);
        SyncGoals(programme, GoalKind.OwnGoal, Input.OwnGoals);
        foreach (var error in programme.Validate())
        {
            ModelState.AddModelError("Input." + error.Field, l[error.Message]);
        }
        if (!ModelState.IsValid)
        {
            Show(programme);
            return Page();
        }
        // Saving the form renews the version even when only goal rows changed, so other open forms see the change.
        db.Entry(programme).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ShowConflict((await LoadAsync(id))!);
        }
        TempData.Flash(l["Endringene er lagret."]);
        return RedirectToPage("Details", new { id });
    }

    /// <summary>Goals are edited as one goal per line; unchanged lines keep their rows, so history shows only real changes.</summary>
    private void SyncGoals(InnovationProgramme programme, GoalKind kind, string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        foreach (var goal in programme.Goals.Where(g => g.Kind == kind && !lines.Contains(g.Text)).ToList())
        {
            programme.Goals.Remove(goal);
            db.Remove(goal);
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var existing = programme.Goals.FirstOrDefault(g => g.Kind == kind && g.Text == lines[i]);
            if (existing is null)
            {
                programme.Goals.Add(new ProgrammeGoal { Id = Guid.CreateVersion7(), ProgrammeId = programme.Id, Kind = kind, Text = lines[i], SortOrder = i });
            }
            else
            {
                existing.SortOrder = i;
            }
        }
    }

    private PageResult ShowConflict(InnovationProgramme current)
    {
        ModelState.AddModelError("", l["Noen andre har endret programmet mens du redigerte. Ingenting er overskrevet. Skjemaet viser dine verdier; de lagrede verdiene står under hvert felt du har endret. Lagre på nytt for å bruke dine."]);
        Current = InputModel.From(current);
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
        Show(current);
        return Page();
    }

    public InputModel? Current { get; private set; }

    private void Show(InnovationProgramme programme)
    {
        Id = programme.Id;
        ShortName = programme.ShortName;
    }

    private Task<InnovationProgramme?> LoadAsync(Guid id) =>
        db.Programmes.Include(p => p.Goals).FirstOrDefaultAsync(p => p.Id == id);

    private async Task<bool> MayEditAsync(Guid id) =>
        (await authorization.AuthorizeAsync(User, new ProgrammeScope(id), ProgrammeOperations.Edit)).Succeeded;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv inn navnet på programmet.")]
        [StringLength(400, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn et kortnavn.")]
        [StringLength(40, ErrorMessage = "Kortnavnet kan ha høyst {1} tegn.")]
        [Display(Name = "Kortnavn")]
        public string ShortName { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn startår.")]
        [Range(1990, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
        [Display(Name = "Startår")]
        public int? StartYear { get; set; }

        [Range(1990, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
        [Display(Name = "Sluttår")]
        public int? EndYear { get; set; }

        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Visjon")]
        public string? Vision { get; set; }

        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Beskrivelse")]
        public string? Description { get; set; }

        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Hovedmål")]
        public string? MainGoal { get; set; }

        [Display(Name = "Nasjonale mål")]
        public List<NationalGoals> NationalGoals { get; set; } = [];

        [StringLength(8000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Arbeidsmål")]
        public string? WorkingGoals { get; set; }

        [StringLength(8000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Programmets egne mål")]
        public string? OwnGoals { get; set; }

        public Guid Version { get; set; }

        public static InputModel From(InnovationProgramme p) => new()
        {
            Name = p.Name,
            ShortName = p.ShortName,
            StartYear = p.StartYear,
            EndYear = p.EndYear,
            Vision = p.Vision,
            Description = p.Description,
            MainGoal = p.MainGoal,
            NationalGoals = Enum.GetValues<NationalGoals>().Where(g => g != Programmes.NationalGoals.None && p.NationalGoals.HasFlag(g)).ToList(),
            WorkingGoals = string.Join('\n', p.Goals.Where(g => g.Kind == GoalKind.WorkingGoal).OrderBy(g => g.SortOrder).Select(g => g.Text)),
            OwnGoals = string.Join('\n', p.Goals.Where(g => g.Kind == GoalKind.OwnGoal).OrderBy(g => g.SortOrder).Select(g => g.Text)),
            Version = p.Version,
        };
    }
}
