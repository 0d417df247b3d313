using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue;

/// <summary>"We have adopted this": a signed-in user registers, for their organisation, that a municipality or
/// district took the solution into use, and keeps it up to date — status, what they changed, and their own results
/// against the solution's indicators. One registration per organisation and solution; colleagues share it.</summary>
public sealed class AdoptModel(HuslyDbContext db, OrganisationLookups organisations, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public Guid Version { get; set; }

        [Display(Name = "Kommune")]
        [Required(ErrorMessage = "Velg kommunen som har tatt løsningen i bruk.")]
        [StringLength(4, ErrorMessage = "Velg en kommune fra listen.")]
        public string? MunicipalityNumber { get; set; }

        [Display(Name = "Bydel")]
        public Guid? DistrictId { get; set; }

        [Display(Name = "Tatt i bruk fra")]
        [Required(ErrorMessage = "Skriv datoen dere tok løsningen i bruk.")]
        public DateOnly? AdoptedOn { get; set; }

        [Display(Name = "Status")]
        [Required(ErrorMessage = "Velg hvor langt dere har kommet.")]
        public AdoptionStatus? Status { get; set; }

        [Display(Name = "Hva dere endret")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Changes { get; set; }

        [Display(Name = "Hvorfor dere stoppet")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? StoppedReason { get; set; }

        [Display(Name = "Kontakt (rolle eller enhet)")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Contact { get; set; }

        public List<ResultRow> Results { get; set; } = [];
    }

    public sealed class ResultRow
    {
        [Display(Name = "Indikator")]
        public Guid? IndicatorId { get; set; }

        [Display(Name = "År")]
        [Range(1990, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
        public int? Year { get; set; }

        [Display(Name = "Resultat")]
        [StringLength(500, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Value { get; set; }

        public bool IsBlank => IndicatorId is null && Year is null && string.IsNullOrWhiteSpace(Value);
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Solution Solution { get; private set; } = null!;
    public Adoption? Existing { get; private set; }
    public List<SelectListItem> Municipalities { get; private set; } = [];
    public List<SelectListItem> Districts { get; private set; } = [];
    public List<SelectListItem> Indicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([StringLength(Slugs.MaxLength)] string slug, CancellationToken ct)
    {
        if (await OpenAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        if (Existing is { } a)
        {
            Input = new InputModel
            {
                Version = a.Version,
                MunicipalityNumber = a.MunicipalityNumber,
                DistrictId = a.DistrictId,
                AdoptedOn = a.AdoptedOn,
                Status = a.Status,
                Changes = a.Changes,
                StoppedReason = a.StoppedReason,
                Contact = a.Contact,
                Results = a.Results.OrderBy(r => r.Year).Select(r => new ResultRow { IndicatorId = r.IndicatorId, Year = r.Year, Value = r.Value }).ToList(),
            };
        }
        else
        {
            // Oslo's districts and units adopt for Oslo; a district is filled in for its own staff.
            var org = User.OrganisationId();
            var inDistrict = Districts.Any(d => d.Value == org?.ToString());
            Input = new InputModel
            {
                MunicipalityNumber = User.IsInRole(Roles.Partner) ? null : MunicipalityRegister.Oslo,
                DistrictId = inDistrict ? org : null,
                AdoptedOn = Today,
                Status = AdoptionStatus.Planning,
                Contact = User.FindFirst(HuslyClaims.OrganisationName)?.Value,
            };
        }
        AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([StringLength(Slugs.MaxLength)] string slug, CancellationToken ct)
    {
        if (await OpenAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        if (Input.MunicipalityNumber is { } number && MunicipalityRegister.Find(number) is null)
        {
            ModelState.AddModelError("Input.MunicipalityNumber", l["Velg en kommune fra listen."]);
        }
        if (Input.DistrictId is { } district && !Districts.Any(d => d.Value == district.ToString()))
        {
            ModelState.AddModelError("Input.DistrictId", l["Velg en bydel fra listen."]);
        }
        if (Input.Status is { } status && !Enum.IsDefined(status))
        {
            ModelState.AddModelError("Input.Status", l["Velg hvor langt dere har kommet."]);
        }
        // The registration is public: a resident's identity number must never slip into it.
        foreach (var (key, text) in new[] { ("Input.Changes", Input.Changes), ("Input.StoppedReason", Input.StoppedReason), ("Input.Contact", Input.Contact) }
                     .Concat(Input.Results.Select((r, i) => ($"Input.Results[{i}].Value", r.Value))).Where(t => IdentityNumber.AppearsIn(t.Item2)))
        {
            ModelState.AddModelError(key, l["Teksten ser ut til å inneholde et fødselsnummer eller D-nummer. Den blir offentlig: ta nummeret ut."]);
        }
        var rows = Input.Results.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).ToList();
        foreach (var (row, i) in rows)
        {
            if (row.IndicatorId is not { } indicator || !Indicators.Any(x => x.Value == indicator.ToString()))
            {
                ModelState.AddModelError($"Input.Results[{i}].IndicatorId", l["Velg en av løsningens indikatorer."]);
            }
            if (row.Year is null)
            {
                ModelState.AddModelError($"Input.Results[{i}].Year", l["Skriv året resultatet gjelder."]);
            }
            if (string.IsNullOrWhiteSpace(row.Value))
            {
                ModelState.AddModelError($"Input.Results[{i}].Value", l["Skriv resultatet."]);
            }
        }
        foreach (var duplicate in rows.GroupBy(x => (x.r.IndicatorId, x.r.Year)).Where(g => g.Key.IndicatorId is not null && g.Key.Year is not null && g.Count() > 1))
        {
            ModelState.AddModelError($"Input.Results[{duplicate.Last().i}].Year", l["Dere har allerede et resultat for denne indikatoren dette året."]);
        }
        // Spread is elsewhere: the place the solution comes from does not adopt it.
        if (Input.MunicipalityNumber == Solution.MunicipalityNumber && Input.DistrictId == Solution.DistrictId)
        {
            ModelState.AddModelError(Solution.DistrictId is null ? "Input.MunicipalityNumber" : "Input.DistrictId",
                l["Løsningen kommer herfra. Registrer steder som har tatt den i bruk etter at den ble laget."]);
        }
        // The registration's own rules are checked whatever else is wrong, so every message comes at once.
        var proposed = new Adoption
        {
            MunicipalityNumber = Input.MunicipalityNumber ?? "",
            DistrictId = Input.DistrictId,
            AdoptedOn = Input.AdoptedOn ?? Today,
            Status = Input.Status ?? AdoptionStatus.Planning,
            StoppedReason = Input.StoppedReason,
        };
        foreach (var e in proposed.Validate(Today).Where(e => ModelState.GetFieldValidationState("Input." + e.Field) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid))
        {
            ModelState.AddModelError("Input." + e.Field, l[e.Message]);
        }
        var adoption = Existing ?? new Adoption { Id = Guid.NewGuid(), SolutionId = Solution.Id, OrganisationId = User.OrganisationId()!.Value };
        if (ModelState.IsValid)
        {
            adoption.MunicipalityNumber = Input.MunicipalityNumber!;
            adoption.DistrictId = Input.DistrictId;
            adoption.AdoptedOn = Input.AdoptedOn!.Value;
            adoption.Status = Input.Status!.Value;
            adoption.Changes = Clean(Input.Changes);
            adoption.StoppedReason = adoption.Status == AdoptionStatus.Stopped ? Clean(Input.StoppedReason) : null;
            adoption.Contact = Clean(Input.Contact);
        }
        if (!ModelState.IsValid)
        {
            if (Existing is not null)
            {
                await db.Entry(Existing).ReloadAsync(ct);
            }
            AddBlankRows();
            return Page();
        }
        adoption.Results.RemoveAll(r => !rows.Any(x => x.r.IndicatorId == r.IndicatorId && x.r.Year == r.Year));
        foreach (var (row, _) in rows)
        {
            var result = adoption.Results.FirstOrDefault(r => r.IndicatorId == row.IndicatorId && r.Year == row.Year);
            if (result is null)
            {
                result = new AdoptionResult { Id = Guid.NewGuid(), AdoptionId = adoption.Id, IndicatorId = row.IndicatorId!.Value, Year = row.Year!.Value };
                adoption.Results.Add(result);
            }
            result.Value = row.Value!.Trim();
        }
        if (Existing is null)
        {
            db.Adoptions.Add(adoption);
        }
        else
        {
            db.Entry(adoption).Property(a => a.Version).OriginalValue = Input.Version;
            // Written even when only results changed, so its version guards the whole registration.
            db.Entry(adoption).Property(a => a.Status).IsModified = true;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Noen andre har endret registreringen mens du skrev. Ingenting er lagret. Åpne siden på nytt."]);
            AddBlankRows();
            return Page();
        }
        TempData.Flash(l["Takk! Registreringen er lagret og vises på løsningens side."]);
        return Redirect("/losninger/" + Solution.Slug);
    }

    private DateOnly Today => DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void AddBlankRows()
    {
        Input.Results.RemoveAll(r => r.IsBlank);
        if (Indicators.Count > 0)
        {
            Input.Results.Add(new ResultRow());
            Input.Results.Add(new ResultRow());
        }
    }

    private async Task<IActionResult?> OpenAsync(string slug, CancellationToken ct)
    {
        var solution = await db.Solutions.AsNoTracking().Include(s => s.Indicators).FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (solution is null || solution.State != SolutionState.Published)
        {
            return NotFound();
        }
        // Partners (NAV, health, police) do not run municipal services; the municipality registers.
        if (User.IsInRole(Roles.Partner) || User.OrganisationId() is not { } org)
        {
            return Forbid();
        }
        Solution = solution;
        Existing = await db.Adoptions.Include(a => a.Results).FirstOrDefaultAsync(a => a.SolutionId == solution.Id && a.OrganisationId == org, ct);
        Municipalities = SolutionForm.MunicipalityChoices();
        Districts = await organisations.DistrictsAsync();
        Indicators = solution.Indicators.OrderBy(i => i.SortOrder).Select(i => new SelectListItem(i.Name, i.Id.ToString())).ToList();
        return null;
    }
}
