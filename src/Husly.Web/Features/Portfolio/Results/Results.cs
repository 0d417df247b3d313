using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Portfolio.Results;

public enum IndicatorUnit
{
    [Display(Name = "Antall")] Count,
    [Display(Name = "Prosent")] Percent,
    [Display(Name = "Kroner")] Nok,
    [Display(Name = "Døgn")] Days,
    [Display(Name = "Timer")] Hours,
    [Display(Name = "Tekst (kvalitativ)")] Text,
}

public enum IndicatorDirection
{
    [Display(Name = "Høyere er bedre")] Increase,
    [Display(Name = "Lavere er bedre")] Decrease,
    [Display(Name = "Holde nivået")] Maintain,
}

public enum IndicatorBreakdown
{
    [Display(Name = "Ingen fordeling")] None,
    [Display(Name = "Per bydel")] District,
    [Display(Name = "Per aldersgruppe")] AgeBand,
}

/// <summary>An indicator the whole programme measures the same way (e.g. "people settled"), so projects' figures can be
/// added up in the programme report. A project indicator that uses one takes its name, unit and counting rule.</summary>
public sealed class IndicatorDefinition
{
    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }

    [MaxLength(200)]
    public string Name { get; set; } = "";

    [MaxLength(2000)]
    public string? Description { get; set; }

    public IndicatorUnit Unit { get; set; }
    public IndicatorDirection Direction { get; set; }

    /// <summary>True: each value is the running total so far (the year's figure is its last value). False: each value
    /// counts only its own report period (the year's figure is their sum).</summary>
    public bool Cumulative { get; set; }
}

/// <summary>What a project wants to achieve (a goal statement), measured by its indicators.</summary>
public sealed class ProjectResult : Auditable
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    [MaxLength(1000)]
    public string Statement { get; set; } = "";

    public int SortOrder { get; set; }
    public List<Indicator> Indicators { get; set; } = [];
}

public sealed class Indicator : Auditable
{
    public Guid Id { get; set; }
    public Guid ResultId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? DefinitionId { get; set; }
    public IndicatorDefinition? Definition { get; set; }

    [MaxLength(200)]
    public string Name { get; set; } = "";

    public IndicatorUnit Unit { get; set; }
    public IndicatorDirection Direction { get; set; }
    public bool Cumulative { get; set; }
    public IndicatorBreakdown Breakdown { get; set; }
    public decimal? Baseline { get; set; }
    public DateOnly? BaselineDate { get; set; }
    public int SortOrder { get; set; }
    public List<IndicatorTarget> Targets { get; set; } = [];

    public bool IsQuantitative => Unit != IndicatorUnit.Text;

    public static readonly string[] AgeBands = ["0–17", "18–25", "26–35", "36–50", "51–66", "67+"];

    /// <summary>Reads a value typed in the indicator's unit, with a Norwegian decimal comma or a point, at most two
    /// decimals (what is stored). "1.000" is refused rather than guessed at: a point before three digits may be a
    /// thousands separator. Whole units (people, kroner, days) refuse fractions; a percentage lies between 0 and 100.</summary>
    public static string? TryParse(IndicatorUnit unit, string text, out decimal value)
    {
        var cleaned = text.Trim();
        if (unit == IndicatorUnit.Percent && cleaned.EndsWith('%'))
        {
            cleaned = cleaned[..^1];
        }
        else if (unit == IndicatorUnit.Nok && cleaned.EndsWith("kr", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[..^2];
        }
        return TryParseNumber(cleaned, out value) ?? unit switch
        {
            IndicatorUnit.Count or IndicatorUnit.Nok or IndicatorUnit.Days when value != decimal.Truncate(value) => "Skriv et helt tall.",
            IndicatorUnit.Percent when value is < 0 or > 100 => "Skriv en prosent mellom 0 og 100.",
            _ when value < 0 => "Tallet kan ikke være negativt.",
            _ => null,
        };
    }

    /// <summary>Reads any figure as Norwegians type it (spaces as thousands separators, a decimal comma or point, a sign),
    /// at most two decimals and a trillion either way; the unit's own rules are <see cref="TryParse"/>'s.</summary>
    public static string? TryParseNumber(string text, out decimal value)
    {
        value = 0;
        var cleaned = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (System.Text.RegularExpressions.Regex.IsMatch(cleaned, @"^-?\d{1,3}(\.\d{3})+$"))
        {
            return "Skriv tallet uten punktum som tusenskille, for eksempel 1000 eller 12,5.";
        }
        if (!decimal.TryParse(cleaned.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return "Skriv et tall.";
        }
        return value != decimal.Round(value, 2) ? "Skriv høyst to desimaler."
            : Math.Abs(value) > 1_000_000_000_000m ? "Tallet er for stort."
            : null;
    }

    public static string Show(IndicatorUnit unit, decimal? value)
    {
        if (value is not { } v)
        {
            return "–";
        }
        var nb = CultureInfo.GetCultureInfo("nb-NO");
        var number = v.ToString("#,0.##", nb);
        return unit switch
        {
            IndicatorUnit.Percent => number + " %",
            IndicatorUnit.Nok => number + " kr",
            _ => number,
        };
    }
}

/// <summary>The value an indicator aims for in one calendar year.</summary>
public sealed class IndicatorTarget
{
    public Guid IndicatorId { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
}

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> b)
    {
        b.Property(d => d.Unit).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Direction).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Programmes.InnovationProgramme>().WithMany().HasForeignKey(d => d.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.ProgrammeId, d.Name }).IsUnique();
    }
}

internal sealed class ProjectResultConfiguration : IEntityTypeConfiguration<ProjectResult>
{
    public void Configure(EntityTypeBuilder<ProjectResult> b)
    {
        b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Indicators).WithOne().HasForeignKey(i => i.ResultId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.ProjectId);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(i => i.Unit).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Direction).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Breakdown).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Baseline).HasPrecision(18, 2);
        b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Definition).WithMany().HasForeignKey(i => i.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.ProjectId);
        // A shared indicator once per project, or the programme's totals would count it twice (NULLs, a project's own
        // indicators, are distinct on both databases).
        b.HasIndex(i => new { i.DefinitionId, i.ProjectId }).IsUnique();
    }
}

internal sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.HasKey(t => new { t.IndicatorId, t.Year });
        b.Property(t => t.Value).HasPrecision(18, 2);
    }
}
