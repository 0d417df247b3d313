using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Concerns.Postcodes;

/// <summary>The administrators keep the postcode-to-district list that routes concerns: see which district each postcode
/// goes to, set a postcode or a range to a district, or take postcodes off the list (their concerns then go to the
/// central desk). The list is reference data; who changed a row last is shown.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(HuslyDbContext db, OrganisationLookups organisations, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxPerChange = 1000;

    public sealed class ChangeInput
    {
        [Display(Name = "Postnummer eller intervall")]
        [Required(ErrorMessage = "Skriv et postnummer (0976) eller et intervall (0950–0979).")]
        [StringLength(20, ErrorMessage = "Skriv et postnummer (0976) eller et intervall (0950–0979).")]
        public string? Postcodes { get; set; }

        [Display(Name = "Bydel")]
        public Guid? DistrictId { get; set; }
    }

    public sealed record DistrictRow(string District, IReadOnlyList<string> Ranges, int Count, DateTime LastChanged, string LastChangedBy);

    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "postnummer")]
    [StringLength(4, ErrorMessage = "Postnummeret har fire sifre, for eksempel 0976.")]
    public string? Lookup { get; set; }

    public string? LookupAnswer { get; private set; }
    public IReadOnlyList<DistrictRow> Rows { get; private set; } = [];
    public List<SelectListItem> Districts { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSetAsync()
    {
        var codes = Parse(Input.Postcodes);
        if (Input.DistrictId is null || !await organisations.IsActiveAsync(Input.DistrictId.Value, u => u.Kind == OrganisationKind.District))
        {
            ModelState.AddModelError("Input.DistrictId", l["Velg en bydel fra listen."]);
        }
        if (!ModelState.IsValid || codes is null)
        {
            return await FailedAsync();
        }
        var existing = await db.PostcodeDistricts.Where(p => codes.Contains(p.Postcode)).ToDictionaryAsync(p => p.Postcode);
        foreach (var code in codes)
        {
            if (existing.TryGetValue(code, out var row))
            {
                row.DistrictId = Input.DistrictId!.Value;
            }
            else
            {
                db.PostcodeDistricts.Add(new PostcodeDistrict { Postcode = code, DistrictId = Input.DistrictId!.Value });
            }
        }
        await db.SaveChangesAsync();
        TempData.Flash(l["{0} postnummer går nå til valgt bydel.", codes.Count]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var codes = Parse(Input.Postcodes);
        if (!ModelState.IsValid || codes is null)
        {
            return await FailedAsync();
        }
        var rows = await db.PostcodeDistricts.Where(p => codes.Contains(p.Postcode)).ToListAsync();
        db.PostcodeDistricts.RemoveRange(rows);
        await db.SaveChangesAsync();
        TempData.Flash(l["{0} postnummer er tatt av listen. Meldinger fra dem går til sentralt mottak.", rows.Count]);
        return RedirectToPage();
    }

    /// <summary>"0976", "0950-0979" or "0950–0979" as four-digit codes; null (with the error named) when it is neither.</summary>
    private List<string>? Parse(string? text)
    {
        var parts = (text ?? "").Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || parts.Any(p => p.Length != 4 || !p.All(char.IsAsciiDigit)))
        {
            ModelState.AddModelError("Input.Postcodes", l["Skriv et postnummer (0976) eller et intervall (0950–0979)."]);
            return null;
        }
        var from = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var to = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (to < from || to - from + 1 > MaxPerChange)
        {
            ModelState.AddModelError("Input.Postcodes", l["Intervallet må gå fra lavt til høyt og ha høyst {0} postnummer.", MaxPerChange]);
            return null;
        }
        return Enumerable.Range(from, to - from + 1).Select(n => n.ToString("0000", CultureInfo.InvariantCulture)).ToList();
    }

    private async Task<IActionResult> FailedAsync()
    {
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync()
    {
        Districts = await organisations.DistrictsAsync();
        var rows = await db.PostcodeDistricts.AsNoTracking()
            .Select(p => new { p.Postcode, District = p.District!.Name, p.ChangedAt, p.ChangedBy }).ToListAsync();
        var nb = StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), false);
        Rows = rows.GroupBy(r => r.District).OrderBy(g => g.Key, nb).Select(g =>
        {
            var last = g.MaxBy(r => r.ChangedAt)!;
            return new DistrictRow(g.Key, Ranges(g.Select(r => int.Parse(r.Postcode, CultureInfo.InvariantCulture))), g.Count(), last.ChangedAt, last.ChangedBy);
        }).ToList();
        if (Lookup is { Length: 4 } code && code.All(char.IsAsciiDigit))
        {
            var district = rows.FirstOrDefault(r => r.Postcode == code)?.District;
            LookupAnswer = district is null
                ? l["{0} er ikke på listen: meldinger derfra går til sentralt mottak.", code]
                : l["{0} går til {1}.", code, district];
        }
    }

    /// <summary>Consecutive codes as "0950–0979".</summary>
    private static List<string> Ranges(IEnumerable<int> codes)
    {
        var sorted = codes.Order().ToList();
        var result = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            result.Add(i == j ? sorted[i].ToString("0000", CultureInfo.InvariantCulture)
                : $"{sorted[i].ToString("0000", CultureInfo.InvariantCulture)}–{sorted[j].ToString("0000", CultureInfo.InvariantCulture)}");
            i = j + 1;
        }
        return result;
    }
}
