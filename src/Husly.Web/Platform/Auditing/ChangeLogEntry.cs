using Microsoft.EntityFrameworkCore;

namespace Husly.Platform.Auditing;

/// <summary>One changed field of a record: who changed it from what to what, and when.</summary>
public sealed class ChangeLogEntry
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public DateTime ChangedAt { get; set; }
    public Guid? ChangedByUserId { get; set; }
    public required string ChangedByName { get; set; }
}

internal sealed class ChangeLogEntryConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ChangeLogEntry> b)
    {
        b.ToTable("ChangeLog");
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.Field).HasMaxLength(100);
        b.Property(e => e.OldValue).HasMaxLength(1000);
        b.Property(e => e.NewValue).HasMaxLength(1000);
        b.Property(e => e.ChangedByName).HasMaxLength(200);
        b.HasIndex(e => new { e.EntityType, e.EntityId, e.ChangedAt });
    }
}
