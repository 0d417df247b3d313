using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Outcomes.Costs;

/// <summary>The unit costs behind the cost–benefit calculator: the current version of each with its source and price year,
/// every earlier version, and (for the programme's owners and managers and administrators) a form for a new version.</summary>
public sealed class IndexModel(HuslyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class VersionInput
    {
        [Display(Name = "Sats")]
        [Required(ErrorMessage = "Velg hvilken sats du legger inn.")]
        public CostItem? Item { get; set; }

        /// <summary>The version the form was filled in against: a newer one saved meanwhile is not overwritten silently.</summary>
        public int BasedOnVersion { get; set; }

        [Display(Name = "Prisår")]
        [Required(ErrorMessage = "Skriv prisåret, for eksempel 2026.")]
        [Range(2000, 2100, ErrorMessage = "Prisåret må være mellom 2000 og 2100.")]
        public int? PriceYear { get; set; }

        [Display(Name = "Lav (kr)")]
        [Required(ErrorMessage = "Skriv den lave verdien i hele kroner.")]
        [Range(0, 1_000_000_000, ErrorMessage = "Skriv et beløp i hele kroner mellom 0 og 1 000 000 000.")]
        public int? Low { get; set; }

        [Display(Name = "Forventet (kr)")]
        [Required(ErrorMessage = "Skriv den forventede verdien i hele kroner.")]
        [Range(0, 1_000_000_000, ErrorMessage = "Skriv et beløp i hele kroner mellom 0 og 1 000 000 000.")]
        public int? Expected { get; set; }

        [Display(Name = "Høy (kr)")]
        [Required(ErrorMessage = "Skriv den høye verdien i hele kroner.")]
        [Range(0, 1_000_000_000, ErrorMessage = "Skriv et beløp i hele kroner mellom 0 og 1 000 000 000.")]
        public int? High { get; set; }

        [Display(Name = "Kilde")]
        [Required(ErrorMessage = "Skriv hvor tallet kommer fra (rapport, tabell, år), så andre kan sjekke det.")]
        [StringLength(500, ErrorMessage = "Kilden kan ha høyst 500 tegn.")]
        public string? Source { get; set; }

        [Display(Name = "Eksempeltall (ikke en offisiell sats)")]
        public bool IsExample { get; set; }
    }

    [BindProperty]
    public VersionInput Input { get; set; } = new();

    public IReadOnlyList<UnitCost> All { get; private set; } = [];

    public bool MayEdit => User.IsInRole(Roles.ProgrammeOwner) || User.IsInRole(Roles.ProgrammeManager) || User.IsInRole(Roles.Administrator);

    public static IReadOnlyDictionary<CostItem, UnitCost> Current(IEnumerable<UnitCost> all) =>
        all.GroupBy(c => c.Item).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Version)!);

    public async Task OnGetAsync(CostItem? item)
    {
        // The item only preselects the form (the table's "new version" links); an unknown one preselects nothing.
        ModelState.Remove(nameof(item));
        await LoadAsync();
        if (item is { } chosen && Current(All).GetValueOrDefault(chosen) is { } current)
        {
            Input = new VersionInput
            {
                Item = chosen,
                BasedOnVersion = current.Version,
                PriceYear = current.PriceYear,
                Low = current.Low,
                Expected = current.Expected,
                High = current.High,
                Source = current.Source,
                IsExample = current.IsExample,
            };
        }
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!MayEdit)
        {
            return Forbid();
        }
        if (Input.Item is { } chosen && !Enum.IsDefined(chosen))
        {
            ModelState.AddModelError("Input.Item", l["Velg hvilken sats du legger inn."]);
            Input.Item = null;
        }
        if (Input.Low > Input.Expected || Input.Expected > Input.High)
        {
            ModelState.AddModelError("Input.Expected", l["Lav kan ikke være høyere enn forventet, og forventet ikke høyere enn høy."]);
        }
        await LoadAsync();
        var latest = Input.Item is { } item ? Current(All).GetValueOrDefault(item)?.Version ?? 0 : 0;
        if (ModelState.IsValid && (Input.BasedOnVersion < 0 || Input.BasedOnVersion > latest))
        {
            // Not a version this form can have been shown with: tampered, or a page from another installation.
            ModelState.AddModelError("", l["Skjemaet er utdatert eller ødelagt. Last siden på nytt og prøv igjen."]);
            Input.BasedOnVersion = latest;
        }
        if (ModelState.IsValid && latest != Input.BasedOnVersion)
        {
            ModelState.AddModelError("", l["Noen andre har lagt inn en ny versjon av denne satsen mens du skrev. Se den nye versjonen i tabellen, og lagre igjen hvis du fortsatt vil endre den."]);
            Input.BasedOnVersion = latest;
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.UnitCosts.Add(new UnitCost
        {
            Id = Guid.CreateVersion7(),
            Item = Input.Item!.Value,
            Version = latest + 1,
            PriceYear = Input.PriceYear!.Value,
            Low = Input.Low!.Value,
            Expected = Input.Expected!.Value,
            High = Input.High!.Value,
            Source = Input.Source!.Trim(),
            IsExample = Input.IsExample,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = User.FindFirst(HuslyClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "",
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same version saved by someone else a moment ago (the unique index).
            db.ChangeTracker.Clear();
            await LoadAsync();
            ModelState.AddModelError("", l["Noen andre har lagt inn en ny versjon av denne satsen mens du skrev. Se den nye versjonen i tabellen, og lagre igjen hvis du fortsatt vil endre den."]);
            Input.BasedOnVersion = Current(All).GetValueOrDefault(Input.Item.Value)?.Version ?? 0;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData.Flash(l["Ny versjon av «{0}» er lagret.", l[Husly.Platform.Localization.Format.EnumName(Input.Item.Value)]]);
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        All = await db.UnitCosts.AsNoTracking().OrderBy(c => c.Item).ThenByDescending(c => c.Version).ToListAsync();
}
