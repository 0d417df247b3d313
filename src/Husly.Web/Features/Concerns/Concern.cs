using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Concerns;

/// <summary>How soon the reporter thinks someone should look at it. Each has a time limit for first contact
/// (<see cref="ConcernOptions"/>). Emergencies are not concerns: the page sends them to 110, 112 and 113.</summary>
public enum ConcernUrgency
{
    [Display(Name = "Ikke hastende")] Normal,
    [Display(Name = "Bør ses på i løpet av noen dager")] Soon,
    [Display(Name = "Haster – bør ses på i dag")] Urgent,
}

/// <summary>The reporter's relation to the person (seed 000: BoTrygt asks everyone around older people to speak up).</summary>
public enum ReporterRelation
{
    [Display(Name = "Nabo")] Neighbour,
    [Display(Name = "Familie")] Family,
    [Display(Name = "Venn eller bekjent")] Friend,
    [Display(Name = "Utleier, vaktmester eller borettslag")] Landlord,
    [Display(Name = "Butikk, apotek eller annen virksomhet i nærmiljøet")] Shop,
    [Display(Name = "Hjemmetjenesten")] HomeCare,
    [Display(Name = "NAV")] Nav,
    [Display(Name = "Politiet")] Police,
    [Display(Name = "Boligbygg eller annen kommunal utleier")] MunicipalLandlord,
    [Display(Name = "Annen offentlig tjeneste")] OtherService,
    [Display(Name = "Annet")] Other,
}

/// <summary>Where a concern is in its handling. Received on arrival; the district's follow-up team takes it from there.</summary>
public enum ConcernStatus
{
    [Display(Name = "Mottatt")] Received,
    [Display(Name = "Under vurdering")] InAssessment,
    [Display(Name = "Avsluttet")] Closed,
}

/// <summary>How serious the follow-up team judges the situation to be.</summary>
public enum ConcernSeverity
{
    [Display(Name = "Lav – ingen tegn til fare")] Low,
    [Display(Name = "Middels – bør følges med på")] Moderate,
    [Display(Name = "Høy – trenger hjelp snart")] High,
    [Display(Name = "Kritisk – fare for liv, helse eller bolig")] Critical,
}

/// <summary>What the worry is mainly about (seed 004's early signals and BoTrygt's "invisible" older people).</summary>
public enum ConcernKind
{
    [Display(Name = "Forsømmer seg selv eller hjemmet")] SelfNeglect,
    [Display(Name = "Helse eller hukommelse")] Health,
    [Display(Name = "Ensomhet og isolasjon")] Isolation,
    [Display(Name = "Økonomi eller husleie")] Finances,
    [Display(Name = "Rus")] Substances,
    [Display(Name = "Vold, trusler eller utnytting")] Abuse,
    [Display(Name = "Uro eller konflikt med naboer")] Disturbance,
    [Display(Name = "Fare for å miste boligen")] HousingAtRisk,
    [Display(Name = "Annet")] Other,
}

/// <summary>What the team decided.</summary>
public enum ConcernOutcome
{
    [Display(Name = "Ingen tiltak")] NoAction,
    [Display(Name = "Bydelen følger opp")] FollowUp,
    [Display(Name = "Henvist til annen tjeneste")] Referred,
}

public enum ContactKind
{
    [Display(Name = "Hjemmebesøk")] HomeVisit,
    [Display(Name = "Telefon")] Phone,
    [Display(Name = "Brev")] Letter,
    [Display(Name = "Møte på kontoret eller annet sted")] Meeting,
    [Display(Name = "Forsøkt, ikke nådd")] NotReached,
}

/// <summary>On what basis a cooperation meeting shared information about the person (duty of confidentiality).</summary>
public enum MeetingBasis
{
    [Display(Name = "Personen har samtykket")] Consent,
    [Display(Name = "Drøftet anonymt – uten navn eller andre kjennetegn")] Anonymous,
    [Display(Name = "Bare kommunens egne tjenester, som trenger opplysningene i arbeidet")] OwnServices,
}

public enum ConcernEventKind
{
    [Display(Name = "Mottatt")] Received,
    [Display(Name = "Tatt til vurdering")] Claimed,
    [Display(Name = "Sendt til annen bydel")] Routed,
    [Display(Name = "Vurdert")] Assessed,
    [Display(Name = "Koblet til bruker")] Linked,
    [Display(Name = "Kontakt med personen")] Contact,
    [Display(Name = "Samarbeidsmøte")] Meeting,
    [Display(Name = "Beslutning")] Decided,
    [Display(Name = "Avsluttet")] Closed,
    [Display(Name = "Gjenåpnet")] Reopened,
    [Display(Name = "Frist passert – sendt til teamleder")] Escalated,
    [Display(Name = "Tillegg fra melder")] Addition,
}

/// <summary>A worry about a person, reported by anyone (the BoTrygt channel). It names a person, so it is special-category
/// data from the first second: read only through <c>Concerns.Access</c>, which authorises and logs every read.</summary>
public sealed class Concern : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }

    /// <summary>The form's one-time id: the same form sent twice is stored once.</summary>
    public Guid SubmissionId { get; set; }

    /// <summary>SHA-256 of the receipt code the reporter was given; the code itself is never stored.</summary>
    public string ReceiptHash { get; set; } = "";

    public DateTime ReportedAt { get; set; }

    public string? PersonName { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? PersonDescription { get; set; }
    public string WhatSeen { get; set; } = "";
    public ConcernUrgency Urgency { get; set; }
    public ReporterRelation Relation { get; set; }
    public string? RelationOther { get; set; }

    public string? ReporterName { get; set; }
    public string? ReporterPhone { get; set; }
    public string? ReporterEmail { get; set; }

    /// <summary>Set when a signed-in user (a partner, home care …) reported: who, and for which organisation.</summary>
    public Guid? ReporterUserId { get; set; }
    public Guid? ReporterOrganisationId { get; set; }
    public Organisation? ReporterOrganisation { get; set; }

    /// <summary>The district the address belongs to; null means the central desk, which routes it by hand.</summary>
    public Guid? DistrictId { get; set; }
    public Organisation? District { get; set; }

    public ConcernStatus Status { get; set; }

    /// <summary>When it must have been taken up (claimed), from the urgency; a concern still waiting then is escalated.</summary>
    public DateTime DueAt { get; set; }
    public DateTime? EscalatedAt { get; set; }

    public Guid? ClaimedById { get; set; }
    public string? ClaimedByName { get; set; }
    public DateTime? ClaimedAt { get; set; }

    public ConcernSeverity? Severity { get; set; }
    public ConcernKind? Kind { get; set; }
    public string? AssessmentNote { get; set; }

    /// <summary>The resident this is about, once the team has found or registered them (through the audited path).</summary>
    public Guid? ResidentId { get; set; }

    public DateTime? FirstContactAt { get; set; }

    public ConcernOutcome? Outcome { get; set; }
    public string? OutcomeReason { get; set; }
    public string? ReferredTo { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public List<ConcernAddition> Additions { get; set; } = [];
    public List<ConcernEvent> Events { get; set; } = [];
    public List<ConcernMeeting> Meetings { get; set; } = [];

    public bool IsOpen => Status != ConcernStatus.Closed;

    public bool IsOverdue(DateTime now) => Status == ConcernStatus.Received && now > DueAt;

    // The steps. Each returns the errors that stop it (none: done) and records an event with who and when.

    public IReadOnlyList<Husly.Common.RuleError> Claim(Guid userId, string userName, DateTime now)
    {
        if (Status != ConcernStatus.Received)
        {
            return [new Husly.Common.RuleError("", "Meldingen er allerede tatt til vurdering.")];
        }
        Status = ConcernStatus.InAssessment;
        ClaimedById = userId;
        ClaimedByName = userName;
        ClaimedAt = now;
        Record(ConcernEventKind.Claimed, userId, userName, now, null);
        return [];
    }

    public IReadOnlyList<Husly.Common.RuleError> Route(Guid districtId, string districtName, string reason, Guid userId, string userName, DateTime now)
    {
        if (!IsOpen)
        {
            return [new Husly.Common.RuleError("", "Meldingen er avsluttet.")];
        }
        if (districtId == DistrictId)
        {
            return [new Husly.Common.RuleError("DistrictId", "Meldingen hører allerede til denne bydelen.")];
        }
        DistrictId = districtId;
        // The receiving district takes it up from the start, with the same deadline.
        Status = ConcernStatus.Received;
        ClaimedById = null;
        ClaimedByName = null;
        ClaimedAt = null;
        Record(ConcernEventKind.Routed, userId, userName, now, $"{districtName}: {reason}");
        return [];
    }

    public IReadOnlyList<Husly.Common.RuleError> Assess(ConcernSeverity severity, ConcernKind kind, ConcernUrgency urgency, string? note, TimeSpan urgencyLimit, Guid userId, string userName, DateTime now)
    {
        if (Status != ConcernStatus.InAssessment)
        {
            return [new Husly.Common.RuleError("", Status == ConcernStatus.Received ? "Ta meldingen til vurdering først." : "Meldingen er avsluttet.")];
        }
        Severity = severity;
        Kind = kind;
        AssessmentNote = note;
        if (urgency != Urgency)
        {
            Urgency = urgency;
            DueAt = ReportedAt + urgencyLimit;
        }
        Record(ConcernEventKind.Assessed, userId, userName, now, note);
        return [];
    }

    public IReadOnlyList<Husly.Common.RuleError> Link(Guid residentId, Guid userId, string userName, DateTime now)
    {
        if (!IsOpen)
        {
            return [new Husly.Common.RuleError("", "Meldingen er avsluttet.")];
        }
        ResidentId = residentId;
        Record(ConcernEventKind.Linked, userId, userName, now, null);
        return [];
    }

    public IReadOnlyList<Husly.Common.RuleError> RecordContact(ContactKind kind, DateTime at, string? note, Guid userId, string userName, DateTime now)
    {
        if (Status != ConcernStatus.InAssessment)
        {
            return [new Husly.Common.RuleError("", Status == ConcernStatus.Received ? "Ta meldingen til vurdering først." : "Meldingen er avsluttet.")];
        }
        if (at > now.AddMinutes(5) || at < ReportedAt.AddDays(-1))
        {
            return [new Husly.Common.RuleError("ContactAt", "Tidspunktet må være etter at meldingen kom, og ikke fram i tid.")];
        }
        // A date on the day the report came is read as no earlier than the report.
        if (at < ReportedAt)
        {
            at = ReportedAt;
        }
        // Reaching the person is first contact; a try that did not reach them is recorded, but is not contact.
        if (kind != ContactKind.NotReached && (FirstContactAt is null || at < FirstContactAt))
        {
            FirstContactAt = at;
        }
        Record(ConcernEventKind.Contact, userId, userName, now, string.IsNullOrEmpty(note) ? Husly.Platform.Localization.Format.EnumName(kind) : Husly.Platform.Localization.Format.EnumName(kind) + ": " + note);
        return [];
    }

    public IReadOnlyList<Husly.Common.RuleError> Decide(ConcernOutcome outcome, string reason, string? referredTo, Guid userId, string userName, DateTime now)
    {
        if (Status != ConcernStatus.InAssessment)
        {
            return [new Husly.Common.RuleError("", Status == ConcernStatus.Received ? "Ta meldingen til vurdering først." : "Meldingen er avsluttet.")];
        }
        var errors = new List<Husly.Common.RuleError>();
        if (Severity is null)
        {
            errors.Add(new Husly.Common.RuleError("", "Vurder meldingen (alvorlighet og type bekymring) før dere bestemmer."));
        }
        if (outcome == ConcernOutcome.Referred && string.IsNullOrWhiteSpace(referredTo))
        {
            errors.Add(new Husly.Common.RuleError("ReferredTo", "Skriv hvilken tjeneste meldingen er henvist til."));
        }
        if (outcome == ConcernOutcome.FollowUp && ResidentId is null)
        {
            errors.Add(new Husly.Common.RuleError("Outcome", "Koble meldingen til en bruker (finn eller registrer personen) før bydelen følger opp."));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        Outcome = outcome;
        OutcomeReason = reason;
        ReferredTo = outcome == ConcernOutcome.Referred ? referredTo : null;
        DecidedAt = now;
        Record(ConcernEventKind.Decided, userId, userName, now, Husly.Platform.Localization.Format.EnumName(outcome) + (ReferredTo is null ? "" : " (" + ReferredTo + ")") + ": " + reason);
        return [];
    }

    public IReadOnlyList<Husly.Common.RuleError> Close(Guid userId, string userName, DateTime now)
    {
        if (Status != ConcernStatus.InAssessment)
        {
            return [new Husly.Common.RuleError("", Status == ConcernStatus.Received ? "Ta meldingen til vurdering først." : "Meldingen er allerede avsluttet.")];
        }
        if (Outcome is null)
        {
            return [new Husly.Common.RuleError("", "Registrer en beslutning med begrunnelse før meldingen avsluttes.")];
        }
        Status = ConcernStatus.Closed;
        ClosedAt = now;
        Record(ConcernEventKind.Closed, userId, userName, now, null);
        return [];
    }

    /// <summary>A team leader opens a closed concern again (new information came, or it was closed by mistake).</summary>
    public IReadOnlyList<Husly.Common.RuleError> Reopen(string reason, Guid userId, string userName, DateTime now)
    {
        if (Status != ConcernStatus.Closed)
        {
            return [new Husly.Common.RuleError("", "Meldingen er ikke avsluttet.")];
        }
        Status = ConcernStatus.InAssessment;
        ClosedAt = null;
        Record(ConcernEventKind.Reopened, userId, userName, now, reason);
        return [];
    }

    /// <summary>The reporter added to a closed concern: back to the queue, to be taken up again within the urgency's limit.</summary>
    public void ReopenForAddition(DateTime now, TimeSpan limit)
    {
        if (Status != ConcernStatus.Closed)
        {
            return;
        }
        Status = ConcernStatus.Received;
        ClosedAt = null;
        ClaimedById = null;
        ClaimedByName = null;
        ClaimedAt = null;
        EscalatedAt = null;
        DueAt = now + limit;
        Record(ConcernEventKind.Reopened, null, "Husly", now, "Nye opplysninger fra melderen etter at meldingen var avsluttet.");
    }

    public void Record(ConcernEventKind kind, Guid? userId, string userName, DateTime at, string? text) =>
        Events.Add(new ConcernEvent { Id = Guid.CreateVersion7(), ConcernId = Id, Kind = kind, At = at, UserId = userId, UserName = userName, Text = text });

    public bool IsAnonymous => ReporterName is null && ReporterPhone is null && ReporterEmail is null && ReporterUserId is null;
}

/// <summary>One step in a concern's handling: who did what, when (the history on the concern's page).</summary>
public sealed class ConcernEvent : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ConcernId { get; set; }
    public ConcernEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string? Text { get; set; }
}

/// <summary>A cooperation meeting around the person (the BoTrygt way): who took part, on what basis information was
/// shared, what was agreed.</summary>
public sealed class ConcernMeeting : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ConcernId { get; set; }
    public DateOnly HeldOn { get; set; }
    public string Participants { get; set; } = "";
    public bool ExternalPartners { get; set; }
    public MeetingBasis Basis { get; set; }
    public string? ConsentNote { get; set; }
    public string Summary { get; set; } = "";
    public string? Agreed { get; set; }

    /// <summary>Partners outside the municipality's own services hear about the person only with their consent, or
    /// without anything that identifies them.</summary>
    public IReadOnlyList<Husly.Common.RuleError> Validate()
    {
        var errors = new List<Husly.Common.RuleError>();
        if (ExternalPartners && Basis == MeetingBasis.OwnServices)
        {
            errors.Add(new(nameof(Basis), "Når samarbeidspartnere utenfor kommunen deltar, må personen ha samtykket, eller saken drøftes anonymt."));
        }
        if (Basis == MeetingBasis.Consent && string.IsNullOrWhiteSpace(ConsentNote))
        {
            errors.Add(new(nameof(ConsentNote), "Skriv hvordan og når personen samtykket, og til hva."));
        }
        return errors;
    }
}

/// <summary>More information the reporter sent later with the receipt code.</summary>
public sealed class ConcernAddition : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ConcernId { get; set; }
    public DateTime At { get; set; }
    public string Text { get; set; } = "";
}

internal sealed class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> b)
    {
        b.HasIndex(c => c.SubmissionId).IsUnique();
        b.HasIndex(c => c.ReceiptHash).IsUnique();
        // The district queue: a district's open concerns, oldest first.
        b.HasIndex(c => new { c.DistrictId, c.Status, c.ReportedAt });
        b.Property(c => c.ReceiptHash).HasMaxLength(64);
        b.Property(c => c.PersonName).HasMaxLength(ConcernLimits.Name);
        b.Property(c => c.Address).HasMaxLength(ConcernLimits.Address);
        b.Property(c => c.Postcode).HasMaxLength(4);
        b.Property(c => c.PersonDescription).HasMaxLength(ConcernLimits.Description);
        b.Property(c => c.WhatSeen).HasMaxLength(ConcernLimits.Text);
        b.Property(c => c.RelationOther).HasMaxLength(ConcernLimits.Name);
        b.Property(c => c.ReporterName).HasMaxLength(ConcernLimits.Name);
        b.Property(c => c.ReporterPhone).HasMaxLength(ConcernLimits.Phone);
        b.Property(c => c.ReporterEmail).HasMaxLength(ConcernLimits.Name);
        b.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Relation).HasConversion<string>().HasMaxLength(40);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(c => c.IsAnonymous);
        b.Ignore(c => c.IsOpen);
        b.Property(c => c.ClaimedByName).HasMaxLength(ConcernLimits.Name);
        b.Property(c => c.Severity).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.AssessmentNote).HasMaxLength(ConcernLimits.Note);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.OutcomeReason).HasMaxLength(ConcernLimits.Note);
        b.Property(c => c.ReferredTo).HasMaxLength(ConcernLimits.Name);
        // The escalation job looks for concerns still waiting after their deadline.
        b.HasIndex(c => new { c.Status, c.DueAt });
        b.HasIndex(c => c.ResidentId);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ConcernId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Meetings).WithOne().HasForeignKey(m => m.ConcernId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.District).WithMany().HasForeignKey(c => c.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.ReporterOrganisation).WithMany().HasForeignKey(c => c.ReporterOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Additions).WithOne().HasForeignKey(a => a.ConcernId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConcernAdditionConfiguration : IEntityTypeConfiguration<ConcernAddition>
{
    public void Configure(EntityTypeBuilder<ConcernAddition> b)
    {
        b.Property(a => a.Text).HasMaxLength(ConcernLimits.Text);
        b.HasIndex(a => new { a.ConcernId, a.At });
    }
}

internal sealed class ConcernEventConfiguration : IEntityTypeConfiguration<ConcernEvent>
{
    public void Configure(EntityTypeBuilder<ConcernEvent> b)
    {
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.UserName).HasMaxLength(ConcernLimits.Name);
        b.Property(e => e.Text).HasMaxLength(ConcernLimits.Text);
        b.HasIndex(e => new { e.ConcernId, e.At });
    }
}

internal sealed class ConcernMeetingConfiguration : IEntityTypeConfiguration<ConcernMeeting>
{
    public void Configure(EntityTypeBuilder<ConcernMeeting> b)
    {
        b.Property(m => m.Participants).HasMaxLength(ConcernLimits.Description);
        b.Property(m => m.Basis).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.ConsentNote).HasMaxLength(ConcernLimits.Name);
        b.Property(m => m.Summary).HasMaxLength(ConcernLimits.Text);
        b.Property(m => m.Agreed).HasMaxLength(ConcernLimits.Note);
        b.HasIndex(m => m.ConcernId);
    }
}

/// <summary>Field sizes, the same in the form and the columns.</summary>
public static class ConcernLimits
{
    public const int Name = 200;
    public const int Address = 300;
    public const int Phone = 40;
    public const int Description = 1000;
    public const int Text = 4000;
    public const int Note = 2000;
}
