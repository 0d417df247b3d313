using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Catalogue;

public enum AdoptionStatus
{
    [Display(Name = "Planlegger")] Planning,
    [Display(Name = "Prøver ut")] Trying,
    [Display(Name = "I ordinær drift")] InOperation,
    [Display(Name = "Stoppet")] Stopped,
}

/// <summary>"We have adopted this": a municipality (or an Oslo district) that took a solution into use, what it
/// changed, how far it has come, and later its own results against the solution's indicators. This is the spread
/// (spredning) the programme follows.</summary>
public sealed class Adoption : Auditable
{
    public Guid Id { get; set; }
    public Guid SolutionId { get; set; }
    public Solution? Solution { get; set; }

    [MaxLength(4)]
    public string MunicipalityNumber { get; set; } = "";

    public Municipality? Municipality { get; set; }
    public Guid? DistrictId { get; set; }
    public Organisation? District { get; set; }

    /// <summary>The organisation of whoever registered it; they and their colleagues keep it up to date.</summary>
    public Guid OrganisationId { get; set; }

    public DateOnly AdoptedOn { get; set; }
    public AdoptionStatus Status { get; set; }

    [MaxLength(4000)]
    public string? Changes { get; set; }

    [MaxLength(2000)]
    public string? StoppedReason { get; set; }

    [MaxLength(200)]
    public string? Contact { get; set; }

    public List<AdoptionResult> Results { get; set; } = [];

    public IReadOnlyList<RuleError> Validate(DateOnly today)
    {
        var errors = new List<RuleError>();
        if (Status == AdoptionStatus.Stopped && string.IsNullOrWhiteSpace(StoppedReason))
        {
            errors.Add(new RuleError(nameof(StoppedReason), "Skriv hvorfor dere stoppet. Det er nyttig for andre."));
        }
        if (AdoptedOn > today.AddYears(1))
        {
            errors.Add(new RuleError(nameof(AdoptedOn), "Datoen kan ikke være mer enn ett år fram i tid."));
        }
        if (DistrictId is not null && MunicipalityNumber != MunicipalityRegister.Oslo)
        {
            errors.Add(new RuleError(nameof(DistrictId), "Bydel kan bare velges for Oslo."));
        }
        return errors;
    }
}

/// <summary>An adopter's own figure for one of the solution's indicators in one year.</summary>
public sealed class AdoptionResult
{
    public Guid Id { get; set; }
    public Guid AdoptionId { get; set; }
    public Guid IndicatorId { get; set; }
    public int Year { get; set; }

    [MaxLength(500)]
    public string Value { get; set; } = "";
}

internal sealed class AdoptionConfiguration : IEntityTypeConfiguration<Adoption>
{
    public void Configure(EntityTypeBuilder<Adoption> b)
    {
        b.HasIndex(a => a.SolutionId);
        b.HasOne(a => a.Solution).WithMany().HasForeignKey(a => a.SolutionId);
        b.HasOne(a => a.Municipality).WithMany().HasForeignKey(a => a.MunicipalityNumber);
        b.HasOne(a => a.District).WithMany().HasForeignKey(a => a.DistrictId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId);
        b.HasMany(a => a.Results).WithOne().HasForeignKey(r => r.AdoptionId);
    }
}

internal sealed class AdoptionResultConfiguration : IEntityTypeConfiguration<AdoptionResult>
{
    public void Configure(EntityTypeBuilder<AdoptionResult> b)
    {
        b.HasIndex(r => new { r.AdoptionId, r.IndicatorId, r.Year }).IsUnique();
        b.HasOne<SolutionIndicator>().WithMany().HasForeignKey(r => r.IndicatorId);
    }
}
