using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Concerns.Rent;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Concerns.Triage;

/// <summary>A team leader sets the district's rules for rent alerts: arrears above N months or NOK X, an eviction
/// petition, arrears in a new tenancy, and the deadlines. Applies to the next import.</summary>
public sealed class RulesModel(HuslyDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public Guid Version { get; set; }

        [Display(Name = "Restanse på minst så mange månedsleier")]
        [Range(1, 24, ErrorMessage = "Skriv et tall fra {1} til {2}, eller la feltet stå tomt.")]
        public int? ArrearsMonths { get; set; }

        [Display(Name = "Restanse på minst (kroner)")]
        [Range(1, 10_000_000, ErrorMessage = "Skriv et beløp fra {1} til {2} kroner, eller la feltet stå tomt.")]
        public int? ArrearsAmount { get; set; }

        [Display(Name = "Varsle når utleier har sendt begjæring om fravikelse")]
        public bool Petition { get; set; }

        [Display(Name = "Varsle om restanse i leieforhold som er yngre enn (måneder)")]
        [Range(1, 36, ErrorMessage = "Skriv et tall fra {1} til {2}, eller la feltet stå tomt.")]
        public int? NewTenancyMonths { get; set; }

        [Display(Name = "Frist for å følge opp et varsel (dager)")]
        [Required(ErrorMessage = "Skriv fristen i dager.")]
        [Range(1, 60, ErrorMessage = "Skriv et tall fra {1} til {2}.")]
        public int? DeadlineDays { get; set; }

        [Display(Name = "Frist ved begjæring om fravikelse (dager)")]
        [Required(ErrorMessage = "Skriv fristen i dager.")]
        [Range(1, 30, ErrorMessage = "Skriv et tall fra {1} til {2}.")]
        public int? PetitionDeadlineDays { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string District { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsInRole(Roles.TeamLeader) || User.DistrictId() is not { } district)
        {
            return Forbid();
        }
        var rule = await db.RentAlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.DistrictId == district) ?? RentAlertRule.Defaults(district);
        Input = new InputModel
        {
            Version = rule.Version,
            ArrearsMonths = rule.ArrearsMonths,
            ArrearsAmount = rule.ArrearsAmount is { } amount ? (int)amount : null,
            Petition = rule.Petition,
            NewTenancyMonths = rule.NewTenancyMonths,
            DeadlineDays = rule.DeadlineDays,
            PetitionDeadlineDays = rule.PetitionDeadlineDays,
        };
        await LoadAsync(district);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!User.IsInRole(Roles.TeamLeader) || User.DistrictId() is not { } district)
        {
            return Forbid();
        }
        if (Input.ArrearsMonths is null && Input.ArrearsAmount is null && !Input.Petition && Input.NewTenancyMonths is null)
        {
            ModelState.AddModelError("", l["Med alle regler av kommer ingen varsler. Slå på minst én."]);
        }
        if (ModelState.IsValid)
        {
            var rule = await db.RentAlertRules.FirstOrDefaultAsync(r => r.DistrictId == district);
            var isNew = rule is null;
            rule ??= RentAlertRule.Defaults(district);
            if (!isNew && rule.Version != Input.Version)
            {
                ModelState.AddModelError("", l["Noen andre har endret reglene i mellomtiden. Ingenting er lagret. Se gjennom og prøv igjen."]);
            }
            else
            {
                if (!isNew)
                {
                    db.Entry(rule).Property(r => r.Version).OriginalValue = Input.Version;
                }
                (rule.ArrearsMonths, rule.ArrearsAmount, rule.Petition, rule.NewTenancyMonths, rule.DeadlineDays, rule.PetitionDeadlineDays) =
                    (Input.ArrearsMonths, Input.ArrearsAmount, Input.Petition, Input.NewTenancyMonths, Input.DeadlineDays!.Value, Input.PetitionDeadlineDays!.Value);
                if (isNew)
                {
                    db.RentAlertRules.Add(rule);
                }
                try
                {
                    await db.SaveChangesAsync();
                    TempData.Flash(l["Reglene er lagret. De gjelder fra neste import."]);
                    return RedirectToPage();
                }
                catch (DbUpdateException)
                {
                    // Stale version, or another leader created the district's rules at the same moment.
                    db.ChangeTracker.Clear();
                    ModelState.AddModelError("", l["Noen andre har endret reglene i mellomtiden. Ingenting er lagret. Se gjennom og prøv igjen."]);
                }
            }
        }
        await LoadAsync(district);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(Guid district) =>
        District = await db.Organisations.Where(o => o.Id == district).Select(o => o.Name).FirstAsync();
}
