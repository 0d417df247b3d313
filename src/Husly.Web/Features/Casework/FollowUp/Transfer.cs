using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Organisations;
using Husly.Features.Administration.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.FollowUp;

public enum TransferStatus
{
    [Display(Name = "Foreslått")] Proposed,
    [Display(Name = "Akseptert")] Accepted,
    [Display(Name = "Avslått")] Declined,
}

/// <summary>Brukerbytte: district A proposes to move a resident's follow-up to district B, inside Husly and with the
/// resident's consent; B accepts (new enrolment, A's ends) or declines with a reason.</summary>
public sealed class Transfer : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public Guid FromEnrolmentId { get; set; }
    public Guid FromDistrictId { get; set; }
    public Organisation? FromDistrict { get; set; }
    public Guid ToDistrictId { get; set; }
    public Organisation? ToDistrict { get; set; }
    public Guid ProposedById { get; set; }
    public HuslyUser? ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }

    [MaxLength(2000)]
    public string Note { get; set; } = "";

    public TransferStatus Status { get; set; }
    public Guid? DecidedById { get; set; }
    public HuslyUser? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    [MaxLength(1000)]
    public string? DeclineReason { get; set; }

    public Guid? NewEnrolmentId { get; set; }

    /// <summary>Renewed by every decision, so that of two team leaders answering at once exactly one wins.</summary>
    [ConcurrencyCheck]
    public Guid Version { get; set; }
}

internal sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.HasOne(t => t.FromDistrict).WithMany().HasForeignKey(t => t.FromDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ToDistrict).WithMany().HasForeignKey(t => t.ToDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ProposedBy).WithMany().HasForeignKey(t => t.ProposedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.DecidedBy).WithMany().HasForeignKey(t => t.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.ToDistrictId, t.Status });
        b.HasIndex(t => t.ResidentId);
    }
}
