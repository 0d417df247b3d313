using Husly.Features.Administration.Users;
using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls;

/// <summary>Publishing a call e-mails the invitation to every active district director, the active users of the units
/// chosen on the call, and everyone who asked to be told when the programme opens its next call — once each.</summary>
public sealed class Invitations(HuslyDbContext db, Outbox outbox)
{
    public sealed record Recipient(string Email, string Name);

    public async Task<List<Recipient>> RecipientsAsync(Call call)
    {
        var units = call.InvitedUnits.Select(u => u.OrganisationId).ToList();
        var directors = People.ActiveDistrictDirectors(db).Select(u => u.Id);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Email != null)
            .Where(u => directors.Contains(u.Id)
                || units.Contains(u.OrganisationId)
                || db.CallSubscriptions.Any(s => s.ProgrammeId == call.ProgrammeId && s.UserId == u.Id))
            .Select(u => new Recipient(u.Email!, u.DisplayName))
            .ToListAsync();
        return [.. people.DistinctBy(p => p.Email.ToUpperInvariant()).OrderBy(p => p.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))];
    }

    /// <summary>Puts one invitation per recipient in the outbox, on the same context as the publication.</summary>
    public async Task<int> QueueAsync(Call call, string programmeName)
    {
        var recipients = await RecipientsAsync(call);
        var link = outbox.Link($"/calls/{call.Id}");
        foreach (var r in recipients)
        {
            outbox.Queue(r.Email, r.Name, $"Utlysning: {call.Title}",
                $"""
                Hei {r.Name},

                {programmeName} lyser ut midler for {call.Year}: «{call.Title}».

                Åpner: {Format.Timestamp(call.OpensAt)}
                Frist: {Format.Timestamp(call.ClosesAt)}
                Budsjettramme: {Format.Nok(call.BudgetFrame)}

                Programmet støtter nye løsninger på boligsosiale utfordringer som ikke har en god løsning i dag. Ordinær drift,
                og det enheten ville gjort uansett, får ikke støtte.

                Les utlysningen og søk her: {link}
                """, "call-published");
        }
        return recipients.Count;
    }
}
