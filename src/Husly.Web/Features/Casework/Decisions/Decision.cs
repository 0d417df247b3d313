using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.FollowUp;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Decisions;

/// <summary>Services at home that an individual decision grants, each with its extent in hours per week.</summary>
public enum ServiceKind
{
    [Display(Name = "Praktisk bistand")] PracticalAssistance,
    [Display(Name = "Opplæring i dagliglivets gjøremål")] Training,
    [Display(Name = "Dagaktivitet")] DayActivity,
    [Display(Name = "Støttekontakt")] SupportContact,
    [Display(Name = "Bo-oppfølging (miljøarbeid i hjemmet)")] HousingFollowUp,
    [Display(Name = "Helsetjenester i hjemmet")] HomeHealthCare,
}

public enum DecisionStatus
{
    [Display(Name = "Utkast")] Draft,
    [Display(Name = "Vedtatt")] Decided,
    [Display(Name = "Utløpt")] Expired,
    [Display(Name = "Opphevet")] Revoked,
}

/// <summary>An individual decision (enkeltvedtak) on services at home. Follow-up lasting more than two weeks
/// normally needs one; it names each service and its extent in hours per week.</summary>
public sealed class Decision : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public DecisionStatus Status { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>The reasons for the decision, as the resident will read them.</summary>
    [MaxLength(4000)]
    public string Justification { get; set; } = "";

    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public HuslyUser? DecidedBy { get; set; }
    public DateOnly? AppealReceived { get; set; }

    [MaxLength(1000)]
    public string? AppealNote { get; set; }

    public DateOnly? RevokedOn { get; set; }

    [MaxLength(1000)]
    public string? RevokedReason { get; set; }

    public List<DecisionService> Services { get; set; } = [];

    /// <summary>Decided decisions whose period has passed read as expired; the stored status stays "decided".</summary>
    public DecisionStatus StatusOn(DateOnly day) =>
        Status == DecisionStatus.Decided && ValidTo is { } to && to < day ? DecisionStatus.Expired : Status;

    public double HoursPerWeek => Services.Sum(s => s.HoursPerWeek);

    /// <summary>No decision grants more than this many hours a week in all (each service: 0.25 to 80).</summary>
    public const double MaxHoursPerWeek = 80;

    /// <summary>The rules every saved decision keeps, draft or not: a period inside the follow-up, at least one service
    /// with hours, and a weekly total a person can receive.</summary>
    public IEnumerable<RuleError> Validate(DateOnly enrolmentStart)
    {
        if (ValidTo is { } to && to < ValidFrom)
        {
            yield return new RuleError("Input.ValidTo", "Vedtaket kan ikke gjelde til en dato før det gjelder fra.");
        }
        if (ValidFrom < enrolmentStart)
        {
            yield return new RuleError("Input.ValidFrom", "Vedtaket kan ikke gjelde fra før oppfølgingen startet.");
        }
        if (ValidTo is { } end && end > ValidFrom.AddYears(5))
        {
            yield return new RuleError("Input.ValidTo", "Et vedtak kan gjelde i høyst fem år.");
        }
        if (HoursPerWeek > MaxHoursPerWeek)
        {
            yield return new RuleError("Input.Services", "Til sammen kan et vedtak gi høyst 80 timer per uke.");
        }
        if (Services.Count == 0)
        {
            yield return new RuleError("Input.Services", "Et vedtak må ha minst én tjeneste med timer per uke.");
        }
        if (Services.GroupBy(s => s.Kind).Any(g => g.Count() > 1))
        {
            yield return new RuleError("Input.Services", "Hver tjeneste kan bare stå én gang i et vedtak.");
        }
        if (string.IsNullOrWhiteSpace(Justification))
        {
            yield return new RuleError("Input.Justification", "Skriv en begrunnelse for vedtaket.");
        }
    }

    /// <summary>The last day the decision grants hours: its end, or the day before it was revoked.</summary>
    public DateOnly LastDay => Status == DecisionStatus.Revoked && RevokedOn is { } r ? r.AddDays(-1) : ValidTo ?? DateOnly.MaxValue;

    /// <summary>Decides a draft. Two decided decisions on one follow-up may not cover the same day: their hours would be
    /// added up.</summary>
    public IEnumerable<RuleError> Decide(Guid by, DateTime at, DateOnly enrolmentStart, IEnumerable<Decision> others)
    {
        if (Status != DecisionStatus.Draft)
        {
            return [new RuleError("", "Bare utkast kan vedtas.")];
        }
        var errors = Validate(enrolmentStart).ToList();
        // A revoked decision still grants hours until the day before its revocation (LastDay).
        if (others.FirstOrDefault(o => o.Id != Id && o.EnrolmentId == EnrolmentId && o.Status is DecisionStatus.Decided or DecisionStatus.Revoked
                && o.ValidFrom <= (ValidTo ?? DateOnly.MaxValue) && ValidFrom <= o.LastDay && o.ValidFrom <= o.LastDay) is { } clash)
        {
            errors.Add(new RuleError("", "Et annet vedtak på samme oppfølging gjelder allerede i denne perioden. Opphev det, eller gi det en sluttdato før dette starter."));
        }
        if (errors.Count == 0)
        {
            Status = DecisionStatus.Decided;
            DecidedById = by;
            DecidedAt = at;
        }
        return errors;
    }

    public IEnumerable<RuleError> Revoke(DateOnly on, string? reason)
    {
        if (Status != DecisionStatus.Decided)
        {
            return [new RuleError("", "Bare vedtatte vedtak kan oppheves.")];
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return [new RuleError("Revoke.Reason", "Skriv hvorfor vedtaket oppheves.")];
        }
        Status = DecisionStatus.Revoked;
        RevokedOn = on;
        RevokedReason = reason.Trim();
        return [];
    }

    public IEnumerable<RuleError> NoteAppeal(DateOnly received, string? note)
    {
        if (Status is not (DecisionStatus.Decided or DecisionStatus.Revoked))
        {
            return [new RuleError("", "Det kan bare klages på et vedtak som er fattet.")];
        }
        if (DecidedAt is { } decided && received < DateOnly.FromDateTime(decided))
        {
            return [new RuleError("Appeal.Received", "Klagen kan ikke være mottatt før vedtaket ble fattet.")];
        }
        AppealReceived = received;
        AppealNote = note?.Trim();
        return [];
    }
}

public sealed class DecisionService : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid DecisionId { get; set; }
    public ServiceKind Kind { get; set; }

    /// <summary>Hours as a double: quarter hours are exact in binary, and SQLite can sum it (it cannot sum decimals).</summary>
    public double HoursPerWeek { get; set; }
}

/// <summary>Time actually spent with a resident on a service, logged by the worker.</summary>
public sealed class DeliveredHours : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public ServiceKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public double Hours { get; set; }
    public Guid WorkerId { get; set; }
    public HuslyUser? Worker { get; set; }

    [MaxLength(1000)]
    public string? Note { get; set; }

    public DateTime LoggedAt { get; set; }

    /// <summary>Set by the form when it is shown; unique, so a double click or a resent post records the hours once.</summary>
    public Guid? SubmissionId { get; set; }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.HasOne(d => d.Enrolment).WithMany().HasForeignKey(d => d.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.DecidedBy).WithMany().HasForeignKey(d => d.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Services).WithOne().HasForeignKey(s => s.DecisionId);
        b.HasIndex(d => new { d.EnrolmentId, d.Status });
        b.Ignore(d => d.HoursPerWeek);
    }
}

internal sealed class DeliveredHoursConfiguration : IEntityTypeConfiguration<DeliveredHours>
{
    public void Configure(EntityTypeBuilder<DeliveredHours> b)
    {
        b.HasOne(h => h.Worker).WithMany().HasForeignKey(h => h.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.EnrolmentId, h.Date });
        b.HasIndex(h => new { h.WorkerId, h.Date });
        b.HasIndex(h => h.SubmissionId).IsUnique();
    }
}
