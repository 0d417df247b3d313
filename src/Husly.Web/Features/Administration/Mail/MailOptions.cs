using System.ComponentModel.DataAnnotations;

namespace Husly.Features.Administration.Mail;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (the default for port 587).</summary>
    Auto,
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>Plain text: only for a relay on the same host or in tests.</summary>
    None,
}

/// <summary>Mail settings (section "Mail"). Without <see cref="Host"/> nothing is sent: mail stays in the outbox, readable
/// by administrators, which is what the README's run command shows.</summary>
public sealed class MailOptions : IValidatableObject
{
    [MaxLength(200)]
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    [MaxLength(200)]
    public string? UserName { get; set; }

    [MaxLength(200)]
    public string? Password { get; set; }

    [Required, EmailAddress, MaxLength(320)]
    public string From { get; set; } = "husly@husly.test";

    [Required, MaxLength(100)]
    public string FromName { get; set; } = "Husly";

    /// <summary>The app's own address, for links in mail.</summary>
    [Required, Url, MaxLength(300)]
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>After this many failed attempts a message is given up (an administrator can send it again).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with each failure, up to an hour.</summary>
    [Range(0.1, 3600)]
    public double RetryDelaySeconds { get; set; } = 60;

    /// <summary>How often the outbox is looked at when nothing new was saved on this instance.</summary>
    [Range(0.1, 3600)]
    public double PollSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(UserName) != string.IsNullOrWhiteSpace(Password))
        {
            yield return new ValidationResult("Mail:UserName and Mail:Password must be set together.", [nameof(UserName), nameof(Password)]);
        }
    }
}
