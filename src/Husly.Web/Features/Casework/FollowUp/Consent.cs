using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.FollowUp;

public enum ConsentPurpose
{
    [Display(Name = "Dele opplysninger med en samarbeidspartner")] ShareWithPartner,
    [Display(Name = "Brukerbytte til en annen bydel")] Transfer,
    [Display(Name = "Forskning og evaluering")] Research,
}

/// <summary>The kinds of partners a follow-up works with.</summary>
public enum PartnerKind
{
    [Display(Name = "NAV")] Nav,
    [Display(Name = "Fastlege")] GeneralPractitioner,
    [Display(Name = "Spesialisthelsetjenesten")] SpecialistHealth,
    [Display(Name = "Politiet")] Police,
    [Display(Name = "Kriminalomsorgen")] CorrectionalService,
    [Display(Name = "Utleier")] Landlord,
    [Display(Name = "Annen")] Other,
}

/// <summary>A resident's consent for one purpose (health and care services act § 12-1 and the patient and user rights
/// act): given on a date, for a scope, maybe expiring, maybe withdrawn. Whether it holds is always asked for a day.</summary>
public sealed class Consent : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public ConsentPurpose Purpose { get; set; }

    /// <summary>For sharing: which kind of partner the consent names.</summary>
    public PartnerKind? PartnerKind { get; set; }

    [MaxLength(1000)]
    public string Scope { get; set; } = "";

    public DateOnly GivenOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool IsValidOn(DateOnly day) =>
        GivenOn <= day && (ExpiresOn is null || ExpiresOn >= day) && (WithdrawnOn is null || WithdrawnOn > day);

    public bool Covers(ConsentPurpose purpose, PartnerKind? partner, DateOnly day) =>
        Purpose == purpose && (purpose != ConsentPurpose.ShareWithPartner || PartnerKind == partner) && IsValidOn(day);

    public IEnumerable<RuleError> Validate()
    {
        if (Purpose == ConsentPurpose.ShareWithPartner && PartnerKind is null)
        {
            yield return new RuleError("Consent.PartnerKind", "Velg hvilken samarbeidspartner samtykket gjelder.");
        }
        if (ExpiresOn is { } expires && expires < GivenOn)
        {
            yield return new RuleError("Consent.ExpiresOn", "Samtykket kan ikke utløpe før det er gitt.");
        }
    }
}

/// <summary>A partner in a resident's follow-up (NAV, GP, specialist health, police, correctional service, landlord).
/// Adding one shares information, so it needs a valid consent to share with that kind of partner.</summary>
public sealed class FollowUpPartner : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public PartnerKind Kind { get; set; }
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    [MaxLength(200)]
    public string ContactName { get; set; } = "";

    [MaxLength(200)]
    public string? ContactDetails { get; set; }

    public DateOnly AddedOn { get; set; }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.HasIndex(c => new { c.ResidentId, c.Purpose });
        b.Property(c => c.RecordedBy).HasMaxLength(200);
    }
}

internal sealed class FollowUpPartnerConfiguration : IEntityTypeConfiguration<FollowUpPartner>
{
    public void Configure(EntityTypeBuilder<FollowUpPartner> b)
    {
        b.HasIndex(p => p.EnrolmentId);
        b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A cooperation meeting in a follow-up (samarbeidsmøte): who took part and the minutes.</summary>
public sealed class CooperationMeeting : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public DateOnly HeldOn { get; set; }

    /// <summary>One participant per line, with role or organisation ("Kari Vik, NAV").</summary>
    [MaxLength(2000)]
    public string Participants { get; set; } = "";

    [MaxLength(8000)]
    public string Minutes { get; set; } = "";

    [MaxLength(200)]
    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public IEnumerable<string> ParticipantList =>
        Participants.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class CooperationMeetingConfiguration : IEntityTypeConfiguration<CooperationMeeting>
{
    public void Configure(EntityTypeBuilder<CooperationMeeting> b)
    {
        b.HasIndex(m => new { m.EnrolmentId, m.HeldOn });
        b.Ignore(m => m.ParticipantList);
    }
}
