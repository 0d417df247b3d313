using System.ComponentModel.DataAnnotations;
using Husly.Features.Calls.Applications;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Calls.Assessment;

public enum Recommendation
{
    [Display(Name = "Bør få støtte")] Award,
    [Display(Name = "Kan få støtte med endringer")] AwardWithChanges,
    [Display(Name = "Bør ikke få støtte")] Reject,
}

/// <summary>One reviewer's assessment of one application: a score 0–5 with a comment per criterion and a recommendation,
/// or a declared conflict of interest, which recuses the reviewer.</summary>
public sealed class Review : Auditable
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ReviewerId { get; set; }
    public DateTime AssignedAt { get; set; }

    public DateTime? ConflictDeclaredAt { get; set; }

    [MaxLength(1000)]
    public string? ConflictNote { get; set; }

    public Recommendation? Recommendation { get; set; }

    [MaxLength(4000)]
    public string? Comment { get; set; }

    /// <summary>Set when the reviewer hands in the review; it is final then.</summary>
    public DateTime? SubmittedAt { get; set; }

    public List<CriterionScore> Scores { get; set; } = [];

    public bool IsRecused => ConflictDeclaredAt is not null;
    public bool IsDone => SubmittedAt is not null;
}

public sealed class CriterionScore
{
    public Guid ReviewId { get; set; }
    public Guid CriterionId { get; set; }
    public int Score { get; set; }

    [MaxLength(2000)]
    public string? Comment { get; set; }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.Recommendation).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Husly.Features.Administration.Users.HuslyUser>().WithMany().HasForeignKey(r => r.ReviewerId);
        b.HasIndex(r => new { r.ApplicationId, r.ReviewerId }).IsUnique();
        b.HasIndex(r => r.ReviewerId);
        b.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CriterionScoreConfiguration : IEntityTypeConfiguration<CriterionScore>
{
    public void Configure(EntityTypeBuilder<CriterionScore> b)
    {
        b.HasKey(s => new { s.ReviewId, s.CriterionId });
        b.HasOne<CallCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}
