using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Plans;

/// <summary>The resident's crisis plan and individual plan, written with the resident.</summary>
public sealed class EditModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed class CrisisInput
    {
        [Required(ErrorMessage = "Beskriv varseltegnene.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Varseltegn")]
        public string? WarningSigns { get; set; }

        [Required(ErrorMessage = "Beskriv hva som hjelper.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Hva som hjelper")]
        public string? WhatHelps { get; set; }

        [Required(ErrorMessage = "Skriv hvem som skal kontaktes.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Hvem skal kontaktes")]
        public string? WhoToCall { get; set; }

        [Required(ErrorMessage = "Skriv inn datoen planen ble avtalt med brukeren.")]
        [Display(Name = "Avtalt med brukeren")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? AgreedOn { get; set; }

        public Guid? Version { get; set; }
    }

    public sealed class GoalInput
    {
        [Required(ErrorMessage = "Skriv målet slik brukeren sier det.")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Mål, med brukerens egne ord")]
        public string? InOwnWords { get; set; }

        [Required(ErrorMessage = "Beskriv tiltakene.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Tiltak")]
        public string? Measures { get; set; }

        [Required(ErrorMessage = "Skriv hvem som er ansvarlig.")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Ansvarlig")]
        public string? Responsible { get; set; }

        [Required(ErrorMessage = "Skriv inn når målet skal evalueres.")]
        [Display(Name = "Evalueres innen")]
        [Husly.Platform.Forms.PlausibleDate(20, 5)]
        public DateOnly? EvaluateBy { get; set; }
    }

    public sealed class EvaluateInput
    {
        public Guid GoalId { get; set; }

        [Required(ErrorMessage = "Skriv inn datoen for evalueringen.")]
        [Display(Name = "Evaluert")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? On { get; set; }

        [Display(Name = "Hva evalueringen viste")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Text { get; set; }
    }

    public CaseFile CaseFile { get; private set; } = null!;
    public CrisisInput Crisis { get; set; } = new();
    public GoalInput Goal { get; set; } = new();
    public EvaluateInput Evaluate { get; set; } = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, AccessActions.View) is { } refused)
        {
            return refused;
        }
        Crisis = CaseFile.CrisisPlan is { } c
            ? new CrisisInput { WarningSigns = c.WarningSigns, WhatHelps = c.WhatHelps, WhoToCall = c.WhoToCall, AgreedOn = c.AgreedOn, Version = c.Version }
            : new CrisisInput { AgreedOn = Today };
        Goal = new GoalInput { EvaluateBy = Today.AddMonths(3) };
        Evaluate = new EvaluateInput { On = Today };
        return Page();
    }

    public async Task<IActionResult> OnPostCrisisAsync(Guid id, [Bind(Prefix = "Crisis")] CrisisInput input)
    {
        Crisis = input;
        return await ChangeAsync(id, file =>
        {
            if (input.AgreedOn > Today)
            {
                ModelState.AddModelError("Crisis.AgreedOn", l["Datoen kan ikke være fram i tid."]);
                return null;
            }
            var plan = file.CrisisPlan;
            if (plan is null)
            {
                plan = new CrisisPlan { Id = Guid.CreateVersion7(), ResidentId = file.Resident.Id };
                file.Add(plan);
            }
            else
            {
                file.ExpectVersion(plan, input.Version ?? Guid.Empty);
            }
            plan.WarningSigns = input.WarningSigns!.Trim();
            plan.WhatHelps = input.WhatHelps!.Trim();
            plan.WhoToCall = input.WhoToCall!.Trim();
            plan.AgreedOn = input.AgreedOn!.Value;
            return l["Kriseplanen er lagret."].Value;
        });
    }

    public async Task<IActionResult> OnPostAddGoalAsync(Guid id, [Bind(Prefix = "Goal")] GoalInput input)
    {
        Goal = input;
        return await ChangeAsync(id, file =>
        {
            if (input.EvaluateBy <= Today)
            {
                ModelState.AddModelError("Goal.EvaluateBy", l["Evalueringsdatoen må være fram i tid."]);
                return null;
            }
            var plan = file.IndividualPlan;
            if (plan is null)
            {
                plan = new IndividualPlan { Id = Guid.CreateVersion7(), ResidentId = file.Resident.Id };
                file.Add(plan);
            }
            else
            {
                file.Touch(plan);
            }
            plan.Goals.Add(new PlanGoal
            {
                Id = Guid.CreateVersion7(),
                PlanId = plan.Id,
                InOwnWords = input.InOwnWords!.Trim(),
                Measures = input.Measures!.Trim(),
                Responsible = input.Responsible!.Trim(),
                EvaluateBy = input.EvaluateBy!.Value,
                CreatedOn = Today,
            });
            return l["Målet er lagt til i den individuelle planen."].Value;
        });
    }

    public async Task<IActionResult> OnPostEvaluateAsync(Guid id, [Bind(Prefix = "Evaluate")] EvaluateInput input)
    {
        Evaluate = input;
        return await ChangeAsync(id, file =>
        {
            var goal = file.IndividualPlan?.Goals.FirstOrDefault(g => g.Id == input.GoalId);
            if (goal is null)
            {
                return null;
            }
            foreach (var error in goal.Evaluate(input.On!.Value, input.Text, Today))
            {
                ModelState.AddModelError(error.Field, l[error.Message]);
            }
            file.Touch(file.IndividualPlan!);
            return l["Evalueringen er lagret."].Value;
        });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string action)
    {
        var file = await files.OpenAsync(id, action, CaseFileParts.Plans, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        CaseFile = file;
        return null;
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Func<CaseFile, string?> change)
    {
        if (await LoadAsync(id, AccessActions.Change) is { } refused)
        {
            return refused;
        }
        if (!CaseFile.CanChange)
        {
            return Forbid();
        }
        switch (await CaseFileChange.SaveAsync(this, CaseFile, change, l,
            l["Noen andre har endret planen i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]))
        {
            case CaseFileChange.Outcome.Saved:
                return Redirect($"/casework/residents/{id}/plans");
            case CaseFileChange.Outcome.Conflict:
                await LoadAsync(id, AccessActions.View);
                break;
        }
        return Page();
    }
}
