using Husly.Data;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Husly.Features.Administration.Mail;

/// <summary>One message as it was (or will be) sent, its attempts, and sending it again.</summary>
public sealed class DetailsModel(HuslyDbContext db, TimeProvider clock, IOptions<MailOptions> options, MailSignal signal,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;
    public OutboxMessage? Original { get; private set; }
    public List<OutboxMessage> Resends { get; private set; } = [];
    public bool SmtpConfigured => options.Value.IsConfigured;
    public string From => $"{options.Value.FromName} <{options.Value.From}>";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (message is null)
        {
            return NotFound();
        }
        Message = message;
        Original = message.ResendOf is { } of ? await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == of) : null;
        Resends = await db.OutboxMessages.AsNoTracking().Where(m => m.ResendOf == id).OrderBy(m => m.CreatedAt).ToListAsync();
        return Page();
    }

    /// <summary>A waiting or given-up message is tried again now, with its attempts counted from zero; a sent one is sent
    /// again as a new message, so the first delivery stays on record.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (message is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (message.Status == MailStatus.Sent)
        {
            var copy = OutboxMessage.Create(message.To, message.ToName, message.Subject, message.Body, message.Kind, now);
            copy.ResendOf = message.Id;
            db.OutboxMessages.Add(copy);
            await db.SaveChangesAsync();
            TempData.Flash(l["Meldingen sendes på nytt som en ny melding."]);
            return Redirect($"/administration/mail/{copy.Id}");
        }
        // Only if no instance is sending it right now; otherwise it is on its way already.
        var requeued = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status != MailStatus.Sent && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MailStatus.Waiting).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now));
        signal.Pulse();
        TempData.Flash(requeued == 1
            ? (SmtpConfigured ? l["Meldingen sendes nå."] : l["Meldingen er satt i kø, men ingen SMTP-server er satt opp, så den blir liggende her."])
            : l["Meldingen sendes akkurat nå eller ble nettopp sendt. Se status nedenfor."]);
        return Redirect($"/administration/mail/{id}");
    }
}
