using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Administration.Mail;

public enum MailStatus
{
    /// <summary>Not sent yet: waiting for its first attempt, for a retry, or for an SMTP server to be configured.</summary>
    Waiting,
    Sent,
    /// <summary>Every attempt failed; an administrator may send it again.</summary>
    GaveUp,
}

/// <summary>
/// One e-mail to one recipient, written in the same transaction as the change that caused it, so a change is never saved
/// without its mail or mail sent for a change that was rolled back. <see cref="MailDelivery"/> sends it.
/// Mail never carries residents' data: it names calls, applications and projects, and links to pages behind sign-in.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    [MaxLength(320)]
    public string To { get; set; } = "";

    [MaxLength(200)]
    public string? ToName { get; set; }

    [MaxLength(300)]
    public string Subject { get; set; } = "";

    [MaxLength(20000)]
    public string Body { get; set; } = "";

    /// <summary>What caused it (e.g. "call-published"), for the administrators' list.</summary>
    [MaxLength(60)]
    public string Kind { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public MailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }

    [MaxLength(500)]
    public string? LastError { get; set; }

    /// <summary>Set while one instance is sending it, so that several instances never send the same message twice.</summary>
    public DateTime? LeasedUntil { get; set; }

    /// <summary>Who holds the lease: the sending instance's claim, so a late update from an instance whose lease ran out
    /// cannot overwrite what another instance recorded.</summary>
    public Guid? LeaseToken { get; set; }

    /// <summary>The message this one sends again, when an administrator resent a delivered message.</summary>
    public Guid? ResendOf { get; set; }

    public static OutboxMessage Create(string to, string? toName, string subject, string body, string kind, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        To = to,
        ToName = toName,
        Subject = subject,
        Body = body,
        Kind = kind,
        CreatedAt = now,
        NextAttemptAt = now,
        Status = MailStatus.Waiting,
    };
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.CreatedAt);
    }
}
