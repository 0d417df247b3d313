using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Outcomes.Costs;

/// <summary>What a unit costs society (Utenfor-regnskapet style): the parameter table of the cost–benefit calculator.</summary>
public enum CostItem
{
    [Display(Name = "Timeverk i oppfølgingen")] StaffHour,
    [Display(Name = "Institusjonsdøgn")] InstitutionDay,
    [Display(Name = "Døgn i midlertidig botilbud (hospits)")] TemporaryNight,
    [Display(Name = "Fengselsdøgn")] PrisonDay,
    [Display(Name = "Døgn i spesialisthelsetjenesten")] SpecialistHealthDay,
    [Display(Name = "Utkastelse")] Eviction,
    [Display(Name = "Måned med økonomisk sosialhjelp")] BenefitMonth,
}

/// <summary>One version of a unit cost in NOK, with a low and a high value for the sensitivity, its price year and where it
/// comes from. Versions are never changed: a new figure is a new version, so a calculation can always say which it used.</summary>
public sealed class UnitCost
{
    public Guid Id { get; set; }
    public CostItem Item { get; set; }
    public int Version { get; set; }
    public int PriceYear { get; set; }
    public int Low { get; set; }
    public int Expected { get; set; }
    public int High { get; set; }

    [MaxLength(500)]
    public string Source { get; set; } = "";

    /// <summary>An example (the demo's), never to be presented as an official figure.</summary>
    public bool IsExample { get; set; }

    public DateTime CreatedAt { get; set; }

    [MaxLength(200)]
    public string CreatedBy { get; set; } = "";
}

internal sealed class UnitCostConfiguration : IEntityTypeConfiguration<UnitCost>
{
    // Two people saving a new version of the same item at once: the unique version makes the second one fail, not overwrite.
    public void Configure(EntityTypeBuilder<UnitCost> b) => b.HasIndex(c => new { c.Item, c.Version }).IsUnique();
}
