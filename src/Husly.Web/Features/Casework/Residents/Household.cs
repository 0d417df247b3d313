using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Residents;

/// <summary>People who live together. Each member keeps their own follow-up: ending one never ends the others'.</summary>
public sealed class Household : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public List<HouseholdMember> Members { get; set; } = [];
}

public sealed class HouseholdMember : Husly.Common.IResidentData
{
    public Guid HouseholdId { get; set; }

    /// <summary>A resident belongs to at most one household.</summary>
    public Guid ResidentId { get; set; }

    /// <summary>The one who holds the tenancy (hovedleietaker).</summary>
    public bool IsMainTenant { get; set; }
}

/// <summary>Two records that are the same person (typically one registered without an identity number). They are
/// linked, never merged: each keeps its own history and access log, and the link can be undone.</summary>
public sealed class ResidentLink : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public Guid OtherResidentId { get; set; }

    [MaxLength(1000)]
    public string Reason { get; set; } = "";

    public DateTime LinkedAt { get; set; }

    [MaxLength(200)]
    public string LinkedBy { get; set; } = "";

    public DateTime? UnlinkedAt { get; set; }

    [MaxLength(200)]
    public string? UnlinkedBy { get; set; }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b) => b.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId);
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> b)
    {
        b.HasKey(m => new { m.HouseholdId, m.ResidentId });
        b.HasIndex(m => m.ResidentId).IsUnique();
    }
}

internal sealed class ResidentLinkConfiguration : IEntityTypeConfiguration<ResidentLink>
{
    public void Configure(EntityTypeBuilder<ResidentLink> b)
    {
        b.HasIndex(l => l.ResidentId);
        b.HasIndex(l => l.OtherResidentId);
    }
}
