using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Access;

/// <summary>"Break the glass": read access to a resident outside the worker's own caseload, for a stated reason, for a
/// few hours. Every read under it is logged as emergency access, and a team leader reviews it afterwards.</summary>
public sealed class EmergencyAccess
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public HuslyUser? User { get; set; }
    public Guid ResidentId { get; set; }

    /// <summary>The district the worker belonged to when they broke the glass: its team leaders review it.</summary>
    public Guid DistrictId { get; set; }

    [MaxLength(1000)]
    public string Reason { get; set; } = "";

    public DateTime GrantedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public Guid? ReviewedById { get; set; }
    public HuslyUser? ReviewedBy { get; set; }

    [MaxLength(1000)]
    public string? ReviewNote { get; set; }
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> b)
    {
        b.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ReviewedBy).WithMany().HasForeignKey(e => e.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.UserId, e.ResidentId, e.ExpiresAt });
        b.HasIndex(e => new { e.DistrictId, e.ReviewedAt });
    }
}
