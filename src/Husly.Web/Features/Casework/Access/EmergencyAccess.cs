using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Access;

/// <summary>"Break the glass": read access to a resident outside the worker's own caseload, for a stated reason, for a
/// few hours. Every read under it is logged as emergency access, and team leaders of both the worker's district and the
/// resident's review it afterwards. An attempt that opened nothing (no such number, or a protected address) is kept too,
/// without a resident, so that probing for numbers is reviewed like any other use.</summary>
public sealed class EmergencyAccess : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public HuslyUser? User { get; set; }
    /// <summary>Null when nothing was opened.</summary>
    public Guid? ResidentId { get; set; }

    /// <summary>The district the worker belonged to when they broke the glass: its team leaders review it.</summary>
    public Guid DistrictId { get; set; }

    /// <summary>The district of the resident's latest enrolment: its team leaders review it as well.</summary>
    public Guid? ResidentDistrictId { get; set; }

    [MaxLength(1000)]
    public string Reason { get; set; } = "";

    public DateTime GrantedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public Guid? ReviewedById { get; set; }
    public HuslyUser? ReviewedBy { get; set; }

    [MaxLength(1000)]
    public string? ReviewNote { get; set; }

    public DateTime? ResidentReviewedAt { get; set; }
    public Guid? ResidentReviewedById { get; set; }

    [MaxLength(1000)]
    public string? ResidentReviewNote { get; set; }

    public bool Granted => ResidentId is not null;

    /// <summary>One review covers both sides when they are the same district, or there is no resident's side.</summary>
    public bool NeedsResidentReview => ResidentDistrictId is { } d && d != DistrictId;
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> b)
    {
        b.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ReviewedBy).WithMany().HasForeignKey(e => e.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.UserId, e.ResidentId, e.ExpiresAt });
        b.HasIndex(e => new { e.DistrictId, e.ReviewedAt });
        b.HasIndex(e => new { e.ResidentDistrictId, e.ResidentReviewedAt });
        b.Ignore(e => e.Granted);
        b.Ignore(e => e.NeedsResidentReview);
    }
}
