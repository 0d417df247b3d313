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

    public List<ConcernAddition> Additions { get; set; } = [];

    public bool IsAnonymous => ReporterName is null && ReporterPhone is null && ReporterEmail is null && ReporterUserId is null;
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

/// <summary>Field sizes, the same in the form and the columns.</summary>
public static class ConcernLimits
{
    public const int Name = 200;
    public const int Address = 300;
    public const int Phone = 40;
    public const int Description = 1000;
    public const int Text = 4000;
}
