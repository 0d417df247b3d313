using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Concerns.Rent;

public enum ImportStatus
{
    [Display(Name = "I kø")] Queued,
    [Display(Name = "Importeres")] Running,
    [Display(Name = "Ferdig")] Done,
    [Display(Name = "Avbrutt")] Failed,
}

/// <summary>One upload of the municipal landlord's rent ledger (docs/rent-ledger-format.md): counts and progress. The file
/// itself is never stored (it holds identity numbers in clear); a file seen before (same SHA-256) is not imported again.</summary>
public sealed class RentImport
{
    public Guid Id { get; set; }
    public string FileName { get; set; } = "";
    public string FileHash { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    public int AlertsCreated { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
    public List<RentImportRejection> Rejections { get; set; } = [];
}

/// <summary>A row the import refused and why. Names the row number and the field, never the values in it.</summary>
public sealed class RentImportRejection
{
    public Guid Id { get; set; }
    public Guid ImportId { get; set; }
    public int Row { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>One tenancy's rent account for one month, as the landlord reported it last. The tenant's identity number is
/// stored encrypted with a keyed hash for matching (as residents' are).</summary>
public sealed class RentLedgerLine : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public string TenancyId { get; set; } = "";
    public string Period { get; set; } = "";
    public string IdentityNumberHash { get; set; } = "";
    public string IdentityNumberCipher { get; set; } = "";
    public string TenantName { get; set; } = "";
    public string Address { get; set; } = "";
    public string Postcode { get; set; } = "";
    public DateOnly TenancyStart { get; set; }
    public decimal RentDue { get; set; }
    public decimal Paid { get; set; }
    public decimal Balance { get; set; }
    public DateOnly? PetitionOn { get; set; }
    public Guid ImportId { get; set; }

    /// <summary>Whole months of rent owed (0 when nothing is owed or no rent is due).</summary>
    public int ArrearsMonths => RentDue > 0 && Balance > 0 ? (int)Math.Floor(Balance / RentDue) : 0;

    public bool SameAs(RentLedgerLine other) =>
        IdentityNumberHash == other.IdentityNumberHash && TenantName == other.TenantName && Address == other.Address && Postcode == other.Postcode
        && TenancyStart == other.TenancyStart && RentDue == other.RentDue && Paid == other.Paid && Balance == other.Balance && PetitionOn == other.PetitionOn;
}

public enum RentAlertKind
{
    [Display(Name = "Husleierestanse")] Arrears,
    [Display(Name = "Begjæring om fravikelse (utkastelse)")] Petition,
    [Display(Name = "Restanse i et nytt leieforhold")] NewTenancyArrears,
}

public enum RentAlertOutcome
{
    [Display(Name = "Nedbetalingsavtale")] PaymentPlan,
    [Display(Name = "Hjelp fra NAV (økonomisk stønad eller gjeldsrådgivning)")] NavHelp,
    [Display(Name = "Betalt eller ordnet på annen måte")] Settled,
    [Display(Name = "Flyttet")] Moved,
    [Display(Name = "Utkastet (fravikelse gjennomført)")] Evicted,
    [Display(Name = "Fikk ikke kontakt")] NotReached,
    [Display(Name = "Annet")] Other,
}

/// <summary>An early warning from the rent ledger: a task with a deadline for the tenant's contact person (when they are in
/// follow-up) or the district's queue. Its outcome feeds the outcomes (issue 13).</summary>
public sealed class RentAlert : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public string TenancyId { get; set; } = "";
    public string Period { get; set; } = "";
    public RentAlertKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public string TenantName { get; set; } = "";
    public string Address { get; set; } = "";
    public Guid? DistrictId { get; set; }
    public Organisation? District { get; set; }
    public Guid? ResidentId { get; set; }
    public Guid? AssignedToId { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime DueAt { get; set; }
    public bool IsOpen { get; set; } = true;
    public RentAlertOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}

/// <summary>A district's rules for raising alerts. Empty thresholds are off. Districts without their own rules use
/// <see cref="Defaults"/>.</summary>
public sealed class RentAlertRule : Auditable
{
    public Guid DistrictId { get; set; }

    [Range(1, 24)]
    public int? ArrearsMonths { get; set; } = 2;

    [Range(1, 10_000_000)]
    public decimal? ArrearsAmount { get; set; } = 10_000;

    public bool Petition { get; set; } = true;

    /// <summary>A tenancy younger than this many months with any arrears (people who lose a new home quickly, seed 004).</summary>
    [Range(1, 36)]
    public int? NewTenancyMonths { get; set; } = 6;

    [Range(1, 60)]
    public int DeadlineDays { get; set; } = 7;

    [Range(1, 30)]
    public int PetitionDeadlineDays { get; set; } = 3;

    public static RentAlertRule Defaults(Guid districtId) => new() { DistrictId = districtId };

    /// <summary>The alerts this rule raises for a tenancy's latest month, with the reason in words.</summary>
    public IEnumerable<(RentAlertKind Kind, string Reason)> Evaluate(RentLedgerLine line)
    {
        if (Petition && line.PetitionOn is { } petition)
        {
            yield return (RentAlertKind.Petition, $"Begjæring om fravikelse sendt {Format.Date(petition)}.");
        }
        var months = line.ArrearsMonths;
        var byMonths = ArrearsMonths is { } m && months >= m;
        var byAmount = ArrearsAmount is { } a && line.Balance >= a;
        if (byMonths || byAmount)
        {
            yield return (RentAlertKind.Arrears, $"Restanse {Format.Nok((long)line.Balance)} ({months} måneders husleie) for {line.Period}.");
        }
        else if (NewTenancyMonths is { } young && line.Balance > 0 && PeriodEnd(line.Period) < line.TenancyStart.AddMonths(young))
        {
            yield return (RentAlertKind.NewTenancyArrears, $"Restanse {Format.Nok((long)line.Balance)} i et leieforhold som startet {Format.Date(line.TenancyStart)}.");
        }
    }

    private static DateOnly PeriodEnd(string period) =>
        DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1);
}

internal sealed class RentConfiguration : IEntityTypeConfiguration<RentImport>, IEntityTypeConfiguration<RentImportRejection>,
    IEntityTypeConfiguration<RentLedgerLine>, IEntityTypeConfiguration<RentAlert>, IEntityTypeConfiguration<RentAlertRule>
{
    public void Configure(EntityTypeBuilder<RentImport> b)
    {
        b.HasIndex(i => i.FileHash).IsUnique();
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.FileHash).HasMaxLength(64);
        b.Property(i => i.UploadedBy).HasMaxLength(200);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Error).HasMaxLength(1000);
        b.HasMany(i => i.Rejections).WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RentImportRejection> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500);
        b.HasIndex(r => new { r.ImportId, r.Row });
    }

    public void Configure(EntityTypeBuilder<RentLedgerLine> b)
    {
        b.HasIndex(l => new { l.TenancyId, l.Period }).IsUnique();
        b.HasIndex(l => l.IdentityNumberHash);
        b.Property(l => l.TenancyId).HasMaxLength(40);
        b.Property(l => l.Period).HasMaxLength(7);
        b.Property(l => l.IdentityNumberHash).HasMaxLength(64);
        b.Property(l => l.IdentityNumberCipher).HasMaxLength(1000);
        b.Property(l => l.TenantName).HasMaxLength(200);
        b.Property(l => l.Address).HasMaxLength(300);
        b.Property(l => l.Postcode).HasMaxLength(4);
        b.Property(l => l.RentDue).HasPrecision(12, 2);
        b.Property(l => l.Paid).HasPrecision(12, 2);
        b.Property(l => l.Balance).HasPrecision(12, 2);
        b.Ignore(l => l.ArrearsMonths);
    }

    public void Configure(EntityTypeBuilder<RentAlert> b)
    {
        // One alert per tenancy, kind and month; the open ones by who must act.
        b.HasIndex(a => new { a.TenancyId, a.Kind, a.Period }).IsUnique();
        b.HasIndex(a => new { a.DistrictId, a.IsOpen, a.DueAt });
        b.HasIndex(a => new { a.AssignedToId, a.IsOpen });
        b.Property(a => a.TenancyId).HasMaxLength(40);
        b.Property(a => a.Period).HasMaxLength(7);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Reason).HasMaxLength(300);
        b.Property(a => a.TenantName).HasMaxLength(200);
        b.Property(a => a.Address).HasMaxLength(300);
        b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.OutcomeNote).HasMaxLength(2000);
        b.Property(a => a.ClosedBy).HasMaxLength(200);
        b.HasOne(a => a.District).WithMany().HasForeignKey(a => a.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RentAlertRule> b)
    {
        b.HasKey(r => r.DistrictId);
        b.Property(r => r.ArrearsAmount).HasPrecision(12, 2);
    }
}
