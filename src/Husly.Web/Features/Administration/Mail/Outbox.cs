using Husly.Data;
using Microsoft.Extensions.Options;

namespace Husly.Features.Administration.Mail;

/// <summary>How features send mail: add it to the outbox on the same context as the change, then save both together.</summary>
public sealed class Outbox(HuslyDbContext db, TimeProvider clock, IOptions<MailOptions> options)
{
    public const string Footer = "\n\n--\nDenne e-posten er sendt automatisk fra Husly og kan ikke besvares.\nThis message was sent automatically by Husly; replies are not read.";

    /// <summary>An absolute link to a page, for the body of a message.</summary>
    public string Link(string path) => options.Value.BaseUrl.TrimEnd('/') + path;

    public OutboxMessage Queue(string to, string? toName, string subject, string body, string kind)
    {
        var message = OutboxMessage.Create(to.Trim(), toName, subject, body + Footer, kind, clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }
}
