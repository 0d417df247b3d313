using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Portfolio.Results;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Benefits;

/// <summary>The project's benefit realisation plan (Gevinstkokebok): each benefit with its owner, type, baseline, target
/// and date, and the measurements since — achievement is (value − baseline) ÷ (target − baseline).</summary>
public sealed class PlanModel(HuslyDbContext db, ProjectGate gate, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class BenefitInput
    {
        [Display(Name = "Gevinst")]
        [Required(ErrorMessage = "Skriv hva gevinsten er.")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst 200 tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Type gevinst")]
        [Required(ErrorMessage = "Velg typen gevinst.")]
        public BenefitType? Type { get; set; }

        [Display(Name = "Gevinsteier")]
        [Required(ErrorMessage = "Skriv hvem som eier gevinsten – lederen som skal ta den ut.")]
        [StringLength(200, ErrorMessage = "Teksten kan ha høyst 200 tegn.")]
        public string? Owner { get; set; }

        [Display(Name = "Måles i")]
        [Required(ErrorMessage = "Skriv hva gevinsten måles i, for eksempel kroner per år eller timer per uke.")]
        [StringLength(50, ErrorMessage = "Teksten kan ha høyst 50 tegn.")]
        public string? Unit { get; set; }

        [Display(Name = "Utgangsverdi")]
        [Required(ErrorMessage = "Skriv utgangsverdien.")]
        [StringLength(30, ErrorMessage = "Skriv et tall.")]
        public string? Baseline { get; set; }

        [Display(Name = "Mål")]
        [Required(ErrorMessage = "Skriv målet.")]
        [StringLength(30, ErrorMessage = "Skriv et tall.")]
        public string? Target { get; set; }

        [Display(Name = "Realiseres innen")]
        [Husly.Platform.Forms.PlausibleDate(10, 30)]
        [Required(ErrorMessage = "Skriv datoen gevinsten skal være tatt ut.")]
        public DateOnly? RealiseBy { get; set; }
    }

    public sealed class MeasurementInput
    {
        [Display(Name = "Gevinst")]
        [Required(ErrorMessage = "Velg gevinsten.")]
        public Guid? BenefitId { get; set; }

        [Display(Name = "Målt dato")]
        [Husly.Platform.Forms.PlausibleDate(30, 0)]
        [Required(ErrorMessage = "Skriv datoen målingen gjelder.")]
        public DateOnly? MeasuredOn { get; set; }

        [Display(Name = "Målt verdi")]
        [Required(ErrorMessage = "Skriv verdien.")]
        [StringLength(30, ErrorMessage = "Skriv et tall.")]
        public string? Value { get; set; }

        [Display(Name = "Merknad")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst 1000 tegn.")]
        public string? Note { get; set; }
    }

    public BenefitInput NewBenefit { get; set; } = new();

    public MeasurementInput Measurement { get; set; } = new();

    public OpenedProject Opened { get; private set; } = null!;
    public List<Benefit> Benefits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(Guid id, [Bind(Prefix = nameof(NewBenefit))] BenefitInput input)
    {
        NewBenefit = input;
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        var baseline = Number("NewBenefit.Baseline", NewBenefit.Baseline);
        var target = Number("NewBenefit.Target", NewBenefit.Target);
        if (baseline is { } b && target is { } t && b == t)
        {
            ModelState.AddModelError("NewBenefit.Target", l["Målet må være ulikt utgangsverdien."]);
        }
        if (NewBenefit.Type is { } type && !Enum.IsDefined(type))
        {
            ModelState.AddModelError("NewBenefit.Type", l["Velg typen gevinst."]);
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        db.Benefits.Add(new Benefit
        {
            Id = Guid.CreateVersion7(),
            ProjectId = id,
            Name = NewBenefit.Name!.Trim(),
            Type = NewBenefit.Type!.Value,
            Owner = NewBenefit.Owner!.Trim(),
            Unit = NewBenefit.Unit!.Trim(),
            Baseline = baseline!.Value,
            Target = target!.Value,
            RealiseBy = NewBenefit.RealiseBy!.Value,
        });
        await db.SaveChangesAsync();
        TempData.Flash(l["Gevinsten er lagt til."]);
        return Redirect($"/portfolio/projects/{id}/benefits");
    }

    public async Task<IActionResult> OnPostMeasureAsync(Guid id, [Bind(Prefix = nameof(Measurement))] MeasurementInput input)
    {
        Measurement = input;
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        var value = Number("Measurement.Value", Measurement.Value);
        if (Measurement.BenefitId is { } benefitId && Benefits.All(b => b.Id != benefitId))
        {
            ModelState.AddModelError("Measurement.BenefitId", l["Velg en av prosjektets gevinster."]);
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        db.BenefitMeasurements.Add(new BenefitMeasurement
        {
            Id = Guid.CreateVersion7(),
            BenefitId = Measurement.BenefitId!.Value,
            MeasuredOn = Measurement.MeasuredOn!.Value,
            Value = value!.Value,
            Note = string.IsNullOrWhiteSpace(Measurement.Note) ? null : Measurement.Note.Trim(),
            RecordedBy = User.DisplayName(),
        });
        await db.SaveChangesAsync();
        TempData.Flash(l["Målingen er lagret."]);
        return Redirect($"/portfolio/projects/{id}/benefits");
    }

    public async Task<IActionResult> OnPostRemoveMeasurementAsync(Guid id, Guid measurementId)
    {
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (await db.BenefitMeasurements.Where(m => m.Id == measurementId && db.Benefits.Any(b => b.Id == m.BenefitId && b.ProjectId == id)).ExecuteDeleteAsync() == 0)
        {
            ModelState.AddModelError("", l["Målingen finnes ikke i prosjektet."]);
            return Invalid();
        }
        TempData.Flash(l["Målingen er fjernet."]);
        return Redirect($"/portfolio/projects/{id}/benefits");
    }

    public async Task<IActionResult> OnPostRemoveBenefitAsync(Guid id, Guid benefitId)
    {
        if (await OpenForEditAsync(id) is { } refusal)
        {
            return refusal;
        }
        // A benefit with measurements is part of the record; remove its measurements first if it was a mistake.
        if (await db.Benefits.Where(b => b.Id == benefitId && b.ProjectId == id && !db.BenefitMeasurements.Any(m => m.BenefitId == b.Id)).ExecuteDeleteAsync() == 0)
        {
            ModelState.AddModelError("", l["Gevinsten finnes ikke i prosjektet, eller har målinger. Fjern målingene først."]);
            return Invalid();
        }
        TempData.Flash(l["Gevinsten er fjernet."]);
        return Redirect($"/portfolio/projects/{id}/benefits");
    }

    /// <summary>A benefit's figures may be negative (a cost) and fractional; only the number format is checked.</summary>
    private decimal? Number(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Indicator.TryParseNumber(text, out var value) is { } error)
        {
            ModelState.AddModelError(key, l[error]);
            return null;
        }
        return value;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> OpenForEditAsync(Guid id) =>
        await ShowAsync(id) ?? (Opened.CanEdit ? null : Forbid());

    private async Task<IActionResult?> ShowAsync(Guid id)
    {
        if (await gate.OpenAsync(id) is not { } opened)
        {
            return NotFound();
        }
        Opened = opened;
        Benefits = await db.Benefits.AsNoTracking().Include(b => b.Measurements).Where(b => b.ProjectId == id).OrderBy(b => b.RealiseBy).ThenBy(b => b.Name).ToListAsync();
        return null;
    }
}
