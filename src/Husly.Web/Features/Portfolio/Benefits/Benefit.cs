using System.ComponentModel.DataAnnotations;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Portfolio.Benefits;

/// <summary>The gain types of KS' Gevinstkokebok.</summary>
public enum BenefitType
{
    [Display(Name = "Unngåtte kostnader")] AvoidedCost,
    [Display(Name = "Spart tid")] SavedTime,
    [Display(Name = "Bedre kvalitet")] BetterQuality,
}

/// <summary>A benefit the project is to realise (gevinst): who owns it, what it is measured in, where it started, where
/// it should be by when, and what has been measured since.</summary>
public sealed class Benefit : Auditable
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    [MaxLength(200)]
    public string Name { get; set; } = "";

    public BenefitType Type { get; set; }

    /// <summary>The benefit owner (gevinsteier): the leader responsible for taking the gain out in operation.</summary>
    [MaxLength(200)]
    public string Owner { get; set; } = "";

    [MaxLength(50)]
    public string Unit { get; set; } = "";

    public decimal Baseline { get; set; }
    public decimal Target { get; set; }
    public DateOnly RealiseBy { get; set; }
    public List<BenefitMeasurement> Measurements { get; set; } = [];

    /// <summary>How far from baseline to target a value has come: (value − baseline) ÷ (target − baseline).</summary>
    public static double? Achievement(decimal baseline, decimal target, decimal? value) =>
        value is { } v && target != baseline ? ((double)v - (double)baseline) / ((double)target - (double)baseline) : null;

    public BenefitMeasurement? Latest => Measurements.OrderByDescending(m => m.MeasuredOn).FirstOrDefault();
}

public sealed class BenefitMeasurement
{
    public Guid Id { get; set; }
    public Guid BenefitId { get; set; }
    public DateOnly MeasuredOn { get; set; }
    public decimal Value { get; set; }

    [MaxLength(1000)]
    public string? Note { get; set; }

    [MaxLength(200)]
    public string RecordedBy { get; set; } = "";
}

internal sealed class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public void Configure(EntityTypeBuilder<Benefit> b)
    {
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Baseline).HasPrecision(18, 2);
        b.Property(x => x.Target).HasPrecision(18, 2);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Measurements).WithOne().HasForeignKey(m => m.BenefitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ProjectId);
    }
}

internal sealed class BenefitMeasurementConfiguration : IEntityTypeConfiguration<BenefitMeasurement>
{
    public void Configure(EntityTypeBuilder<BenefitMeasurement> b) => b.Property(x => x.Value).HasPrecision(18, 2);
}
