using Husly.Features.Administration.Users;
using Husly.Common;
using Husly.Data;
using Husly.Features.Administration.Mail;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Applications;

/// <summary>
/// The application's way through the programme's stages. Each step checks who asks and what state the application is in,
/// records an event the applicants see, and puts a mail to everyone concerned in the outbox in the same save.
/// The deadline is the server's clock: a submission after the call closed is refused, whatever the browser shows.
/// </summary>
public sealed class ApplicationFlow(HuslyDbContext db, Outbox outbox, TimeProvider clock)
{
    /// <summary>Why the application cannot be endorsed or submitted yet; empty when it is complete.</summary>
    public static IEnumerable<RuleError> Incomplete(Application a, Call call)
    {
        if (string.IsNullOrWhiteSpace(a.Challenge))
        {
            yield return new RuleError("Challenge", "Beskriv utfordringen og hvorfor dagens løsninger ikke strekker til.");
        }
        if (string.IsNullOrWhiteSpace(a.WhatIsNew))
        {
            yield return new RuleError("WhatIsNew", "Beskriv hva som er nytt.");
        }
        if (string.IsNullOrWhiteSpace(a.UserInvolvement))
        {
            yield return new RuleError("UserInvolvement", "Beskriv hvordan brukerne er med.");
        }
        if (a.TargetGroups.Count == 0)
        {
            yield return new RuleError("TargetGroups", "Velg minst én målgruppe.");
        }
        if (a.Budget.Count == 0)
        {
            yield return new RuleError("Budget", "Før opp minst én budsjettlinje.");
        }
        if (call.Questions.Any(q => !a.Answers.Any(x => x.QuestionId == q.Id)))
        {
            yield return new RuleError("Answers", "Svar på alle spørsmålene om hvem som kan søke.");
        }
    }

    /// <summary>The answers that make their application ineligible, as a query: the same rule as
    /// <see cref="IneligibleBecause"/>, for overviews that count many applications in the database.</summary>
    public static IQueryable<ApplicationAnswer> DisqualifyingAnswers(HuslyDbContext db) =>
        db.ApplicationAnswers.AsNoTracking().Where(x => db.EligibilityQuestions.Any(q => q.Id == x.QuestionId && q.YesDisqualifies == x.Yes));

    /// <summary>The explanation of every eligibility question answered the disqualifying way.</summary>
    public static List<string> IneligibleBecause(Application a, Call call) =>
        [.. call.Questions.OrderBy(q => q.SortOrder)
            .Where(q => a.Answers.FirstOrDefault(x => x.QuestionId == q.Id) is { } answer && answer.Yes == q.YesDisqualifies)
            .Select(q => q.Explanation)];

    public async Task<ChangeResult> RequestEndorsementAsync(OpenApplication open)
    {
        var (a, call, who) = (open.Application, open.Call, open.Viewer);
        if (!who.IsOwner || !open.NeedsEndorsement)
        {
            return ChangeResult.NotFound;
        }
        if (!a.IsOpenForChanges)
        {
            return ChangeResult.Refused("Søknaden er allerede sendt videre.");
        }
        if (Incomplete(a, call).ToList() is { Count: > 0 } missing)
        {
            return ChangeResult.Refused([.. missing]);
        }
        a.EndorsementRequestedAt = Now;
        a.ReturnComment = null;
        Record(a, who, "Sendt til bydelsdirektøren for godkjenning");
        var directors = await DirectorsAsync(a.LeadUnitId);
        await NotifyAsync(a, $"Søknad til godkjenning: {a.Title}", $"{who.Name} ber deg godkjenne søknaden «{a.Title}» til «{call.Title}» før den sendes inn.", directors);
        return ChangeResult.Done;
    }

    public ChangeResult WithdrawRequest(OpenApplication open)
    {
        var (a, who) = (open.Application, open.Viewer);
        if (!who.IsOwner)
        {
            return ChangeResult.NotFound;
        }
        if (a.Stage != ApplicationStage.Draft || a.EndorsementRequestedAt is null)
        {
            return ChangeResult.Refused("Søknaden venter ikke på godkjenning.");
        }
        a.EndorsementRequestedAt = null;
        Record(a, who, "Forespørselen om godkjenning er trukket tilbake");
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> EndorseAsync(OpenApplication open)
    {
        var (a, call, who) = (open.Application, open.Call, open.Viewer);
        if (!who.IsEndorser)
        {
            return ChangeResult.NotFound;
        }
        if (a.Stage != ApplicationStage.Draft || a.EndorsementRequestedAt is null)
        {
            return ChangeResult.Refused("Søknaden venter ikke på godkjenning.");
        }
        a.Stage = ApplicationStage.Endorsed;
        a.EndorsementRequestedAt = null;
        a.EndorsedAt = Now;
        a.EndorsedBy = who.Name;
        Record(a, who, "Godkjent av bydelsdirektøren");
        await NotifyAsync(a, $"Søknaden er godkjent: {a.Title}", $"{who.Name} har godkjent søknaden «{a.Title}» til «{call.Title}». Den kan nå sendes inn; fristen er {Husly.Platform.Localization.Format.Timestamp(call.ClosesAt)}.");
        return ChangeResult.Done;
    }

    /// <summary>When the programme uses a second assessment round, a manager takes an application in assessment on to it
    /// (a shortlist); only applications that went through it can be awarded.</summary>
    public async Task<ChangeResult> ToSecondRoundAsync(OpenApplication open)
    {
        var (a, call, who) = (open.Application, open.Call, open.Viewer);
        if (!who.IsManager)
        {
            return ChangeResult.NotFound;
        }
        if (open.Flow.FirstOrDefault(s => s.Stage == ApplicationStage.SecondAssessment) is not { } round)
        {
            return ChangeResult.Refused("Programmet bruker ikke en andre vurderingsrunde.");
        }
        if (a.Stage != ApplicationStage.InAssessment)
        {
            return ChangeResult.Refused("Bare en søknad som er til vurdering, kan tas med videre.");
        }
        a.Stage = ApplicationStage.SecondAssessment;
        Record(a, who, round.Name);
        await NotifyAsync(a, $"Søknaden går videre: {a.Title}", $"Søknaden «{a.Title}» til «{call.Title}» er tatt med videre til «{round.Name}».");
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> ReturnAsync(OpenApplication open, string? comment)
    {
        var (a, call, who) = (open.Application, open.Call, open.Viewer);
        if (!who.IsEndorser)
        {
            return ChangeResult.NotFound;
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            return ChangeResult.Refused("Skriv hva som må endres før søknaden kan godkjennes.");
        }
        if (a.Stage != ApplicationStage.Draft || a.EndorsementRequestedAt is null)
        {
            return ChangeResult.Refused("Søknaden venter ikke på godkjenning.");
        }
        a.EndorsementRequestedAt = null;
        a.ReturnComment = comment.Trim();
        Record(a, who, "Sendt tilbake av bydelsdirektøren", a.ReturnComment);
        await NotifyAsync(a, $"Søknaden er sendt tilbake: {a.Title}", $"{who.Name} har sendt søknaden «{a.Title}» til «{call.Title}» tilbake med en kommentar om hva som må endres. Du ser kommentaren når du logger inn.");
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> SubmitAsync(OpenApplication open)
    {
        var (a, call, who) = (open.Application, open.Call, open.Viewer);
        if (!who.IsOwner)
        {
            return ChangeResult.NotFound;
        }
        var now = Now;
        if (a.Stage is not (ApplicationStage.Draft or ApplicationStage.Endorsed))
        {
            return ChangeResult.Refused("Søknaden er allerede sendt inn.");
        }
        if (open.NeedsEndorsement && a.Stage != ApplicationStage.Endorsed && a.EndorsedAt is null)
        {
            return ChangeResult.Refused("Bydelsdirektøren må godkjenne søknaden før den sendes inn.");
        }
        if (a.Stage == ApplicationStage.Draft && !a.IsOpenForChanges)
        {
            return ChangeResult.Refused("Søknaden venter på godkjenning.");
        }
        if (a.InformationDueAt is { } due)
        {
            if (now >= due)
            {
                return ChangeResult.Refused("Fristen for å sende mer informasjon har gått ut. Ta kontakt med programmet.");
            }
        }
        else if (now >= call.ClosesAt)
        {
            return ChangeResult.Refused($"Fristen gikk ut {Husly.Platform.Localization.Format.Timestamp(call.ClosesAt)}. Søknaden kan ikke sendes inn.");
        }
        if (now < call.OpensAt)
        {
            return ChangeResult.Refused($"Utlysningen åpner {Husly.Platform.Localization.Format.Timestamp(call.OpensAt)}. Søknaden kan sendes inn fra da.");
        }
        if (Incomplete(a, call).ToList() is { Count: > 0 } missing)
        {
            return ChangeResult.Refused([.. missing]);
        }
        a.Stage = ApplicationStage.Submitted;
        a.SubmittedAt = now;
        a.InformationDueAt = null;
        Record(a, who, "Sendt inn");
        await NotifyAsync(a, $"Søknaden er sendt inn: {a.Title}", $"Søknaden «{a.Title}» til «{call.Title}» ble sendt inn {Husly.Platform.Localization.Format.Timestamp(now)}. Den er låst, og du får e-post når den går videre.");
        return ChangeResult.Done;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void Record(Application a, ApplicationViewer who, string what, string? comment = null) =>
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = a.Id, At = Now, By = who.Name, What = what, Comment = comment });

    private Task<List<(string Email, string Name)>> DirectorsAsync(Guid districtId)
    {
        return People.ActiveDistrictDirectors(db).AsNoTracking().Where(u => u.Email != null && u.OrganisationId == districtId)
            .Select(u => new ValueTuple<string, string>(u.Email!, u.DisplayName)).ToListAsync();
    }

    /// <summary>Every member, and whoever else is named, gets the same message once.</summary>
    private async Task NotifyAsync(Application a, string subject, string text, List<(string Email, string Name)>? also = null)
    {
        var members = a.Members.Select(m => m.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => members.Contains(u.Id) && u.IsActive && u.Email != null)
            .Select(u => new ValueTuple<string, string>(u.Email!, u.DisplayName)).ToListAsync();
        foreach (var (email, name) in people.Concat(also ?? []).DistinctBy(p => p.Item1.ToUpperInvariant()))
        {
            outbox.Queue(email, name, subject, $"Hei {name},\n\n{text}\n\nSe søknaden: {outbox.Link($"/applications/{a.Id}")}", "application");
        }
    }
}
