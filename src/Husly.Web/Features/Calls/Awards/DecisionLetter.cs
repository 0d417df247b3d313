using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Calls.Applications;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Awards;

/// <summary>The decision letter in Norwegian: one text for the printable page and the e-mail to the applicants.</summary>
public sealed class DecisionLetter(HuslyDbContext db, Outbox outbox)
{
    public sealed record Letter(string Subject, IReadOnlyList<string> Paragraphs);

    public static Letter Compose(Application a, Call call, FundingDecision d, string programme, string unit)
    {
        var intro = $"{programme} har behandlet søknaden «{a.Title}» fra {unit} til utlysningen «{call.Title}».";
        return d.Outcome switch
        {
            DecisionOutcome.Awarded => new Letter($"Tilsagn om midler: {a.Title}",
            [
                intro,
                $"Vedtak: Søknaden er innvilget. Dere tildeles {Format.Nok(d.Amount ?? 0)} (det ble søkt om {Format.Nok(a.AmountApplied)}).",
                .. d.Conditions is { } conditions ? [$"Vilkår: {conditions}"] : Array.Empty<string>(),
                $"Statusrapporter leveres i Husly innen: {string.Join(", ", d.Reports.OrderBy(r => r.DueOn).Select(r => Format.Date(r.DueOn)))}. Dere får påminnelse på e-post før hver frist.",
                "Prosjektet er opprettet i programmets portefølje. Programmet gir veiledning underveis, og det som læres deles med andre – også det som ikke virker.",
            ]),
            DecisionOutcome.Rejected => new Letter($"Svar på søknad: {a.Title}",
            [
                intro,
                "Vedtak: Søknaden er avslått.",
                $"Begrunnelse: {d.Reason}",
                "Ta gjerne kontakt med programmet for en samtale om søknaden og om mulighetene ved neste utlysning.",
            ]),
            _ => new Letter($"Mer informasjon trengs: {a.Title}",
            [
                intro,
                "Før programmet kan fatte vedtak, trenger vi mer informasjon:",
                d.Reason ?? "",
                $"Søknaden er åpnet igjen. Oppdater den og send den inn på nytt innen {Format.Date(d.InformationDueOn)}.",
            ]),
        };
    }

    /// <summary>Puts the letter in the outbox for every member of the application, with the decision.</summary>
    public async Task QueueAsync(Application a, Call call, FundingDecision d)
    {
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == call.ProgrammeId).Select(p => p.Name).SingleAsync();
        var unit = await db.Organisations.AsNoTracking().Where(o => o.Id == a.LeadUnitId).Select(o => o.Name).SingleAsync();
        d.Reports.Sort((x, y) => x.DueOn.CompareTo(y.DueOn));
        var letter = Compose(a, call, d, programme, unit);
        var members = await db.ApplicationMembers.AsNoTracking().Where(m => m.ApplicationId == a.Id)
            .Join(db.Users.Where(u => u.IsActive && u.Email != null), m => m.UserId, u => u.Id, (m, u) => new { u.Email, u.DisplayName }).ToListAsync();
        foreach (var m in members)
        {
            outbox.Queue(m.Email!, m.DisplayName, letter.Subject,
                $"Hei {m.DisplayName},\n\n{string.Join("\n\n", letter.Paragraphs)}\n\nBrevet kan skrives ut fra Husly: {outbox.Link($"/applications/{a.Id}/letter")}", "decision");
        }
    }
}
