using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Access;

public enum DuplicateResolution
{
    [Display(Name = "Samme person – journalene er koblet")] Linked,
    [Display(Name = "Ikke samme person")] NotSamePerson,
    [Display(Name = "Avklart mellom teamlederne (brukerbytte eller samarbeid)")] Agreed,
}

/// <summary>A worker registered an identity number that another record already has, one they may not see. Knowing a
/// number must never open that record or reveal it, so the worker gets a record of their own and this goes to the team
/// leaders of both districts, who agree on a link, a transfer or cooperation through the usual, logged routes.</summary>
public sealed class PossibleDuplicate : Husly.Common.IResidentData
{
    public Guid Id { get; set; }

    /// <summary>The record the worker just registered.</summary>
    public Guid ResidentId { get; set; }

    public Guid RegisteredInDistrictId { get; set; }
    public Guid RegisteredById { get; set; }

    /// <summary>The record that had the number already, and the district of its latest enrolment.</summary>
    public Guid ExistingResidentId { get; set; }

    public Guid ExistingDistrictId { get; set; }

    /// <summary>A protected address is never revealed to the registering district, not even to its team leaders.</summary>
    public bool ExistingProtected { get; set; }

    public DateTime DetectedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
    public DuplicateResolution? Resolution { get; set; }

    [MaxLength(1000)]
    public string? Note { get; set; }

    [ConcurrencyCheck]
    public Guid Version { get; set; }
}

internal sealed class PossibleDuplicateConfiguration : IEntityTypeConfiguration<PossibleDuplicate>
{
    public void Configure(EntityTypeBuilder<PossibleDuplicate> b)
    {
        b.HasIndex(d => new { d.RegisteredInDistrictId, d.ResolvedAt });
        b.HasIndex(d => new { d.ExistingDistrictId, d.ResolvedAt });
        b.HasIndex(d => d.ResidentId);
        b.HasIndex(d => d.ExistingResidentId);
    }
}
