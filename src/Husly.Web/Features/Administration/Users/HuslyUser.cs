using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Administration.Users;

/// <summary>A person who signs in. Users are deactivated, never deleted, so that history keeps its names.</summary>
public sealed class HuslyUser : IdentityUser<Guid>, IAuditable
{
    public required string DisplayName { get; set; }
    public string? Title { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Set when an administrator chose the password: the user must choose their own at first sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}

internal sealed class HuslyUserConfiguration : IEntityTypeConfiguration<HuslyUser>
{
    public void Configure(EntityTypeBuilder<HuslyUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Title).HasMaxLength(200);
        b.HasOne(u => u.Organisation).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.Version).IsConcurrencyToken();
        // Identity's own stamp is not used for our optimistic concurrency; Version is.
        b.Property(u => u.ConcurrencyStamp).IsConcurrencyToken(false);
    }
}
