using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Outcomes.Costs;

/// <summary>The cost–benefit calculator (issue 13 §3): for the programme, a district or a project, a year against a
/// baseline year, the cost of the follow-up against the costs it avoided, in total and per person, in three scenarios.
/// A plain GET form; reads only the published (suppressed) figures and the current unit costs.</summary>
public sealed class CalculatorModel(Dashboards dashboards, HuslyDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Bydel")]
    public Guid? District { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Prosjekt")]
    public Guid? Project { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "År")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Sammenlign med år (utgangspunkt)")]
    public int? Baseline { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Spesialisthelsedøgn spart (eget anslag)")]
    [Range(0, 10_000_000, ErrorMessage = "Skriv et helt antall døgn mellom 0 og 10 000 000.")]
    public int? SpecialistDays { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Måneder uten sosialhjelp (eget anslag)")]
    [Range(0, 10_000_000, ErrorMessage = "Skriv et helt antall måneder mellom 0 og 10 000 000.")]
    public int? BenefitMonths { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Andre kostnader ved oppfølgingen (kr)")]
    [Range(0, 1_000_000_000, ErrorMessage = "Skriv et beløp i hele kroner mellom 0 og 1 000 000 000.")]
    public int? OtherCost { get; set; }

    public OutcomeModel? Model { get; private set; }
    public Dashboards.Names Names { get; private set; } = Dashboards.Names.None;
    public string ScopeName { get; private set; } = "";
    public int ShownYear { get; private set; }
    public int BaselineYear { get; private set; }
    public IReadOnlyDictionary<CostItem, UnitCost> Units { get; private set; } = new Dictionary<CostItem, UnitCost>();
    public CostBenefit.Result? Result { get; private set; }

    public bool Printing { get; private set; }

    /// <summary>Set when the chosen project exists but has no one in follow-up in the figures.</summary>
    public string? ProjectWithoutResults { get; private set; }

    public async Task OnGetAsync(string? format, CancellationToken ct)
    {
        Printing = format == "print";
        Units = IndexModel.Current(await db.UnitCosts.AsNoTracking().ToListAsync(ct));
        Model = await dashboards.ModelAsync(ct);
        if (Model is null || Model.Years.Count == 0)
        {
            return;
        }
        Names = await dashboards.NamesAsync(Model, User, ct);
        if (await dashboards.ProjectWithoutResultsAsync(Project, Names, User, ct) is { } without)
        {
            ProjectWithoutResults = without;
            return;
        }
        var district = District;
        var project = Project;
        var (key, name) = Dashboards.Scope(ref district, ref project, Names, ModelState, l);
        (District, Project, ScopeName) = (district, project, name);
        var (first, last) = (Model.Years[0], Model.Years[^1]);
        foreach (var (field, value) in new[] { (nameof(Year), Year), (nameof(Baseline), Baseline) })
        {
            if (value is { } y && (y < first || y > last))
            {
                ModelState.AddModelError(field, l["Velg et år det finnes tall for ({0}–{1}).", first, last]);
            }
        }
        // The last whole year by default: the run's own year is not over yet.
        ShownYear = Year is { } chosen && chosen >= first && chosen <= last ? chosen : Model.AsOf.Year > first && last == Model.AsOf.Year ? last - 1 : last;
        BaselineYear = Baseline is { } b && b >= first && b <= last ? b : first;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        YearFigures Figures(int year)
        {
            double? F(Measure m) => Model.Get(year, m, key);
            return new(F(Measure.Persons), F(Measure.InstitutionDays), F(Measure.PrisonDays), F(Measure.TemporaryDays), F(Measure.Evicted), F(Measure.DeliveredHours));
        }
        Result = CostBenefit.Calculate(Figures(ShownYear), Figures(BaselineYear), Units,
            ModelState.IsValid ? SpecialistDays : null, ModelState.IsValid ? BenefitMonths : null, ModelState.IsValid ? OtherCost ?? 0 : 0);
    }
}
