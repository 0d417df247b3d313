using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Users;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Residents;

/// <summary>Folkeregisteret's address protection. Any level narrows who may see the resident to named workers.</summary>
public enum ProtectionLevel
{
    [Display(Name = "Ingen")] None,
    [Display(Name = "Fortrolig")] Confidential,
    [Display(Name = "Strengt fortrolig")] StrictlyConfidential,
}

public enum LivingSituationKind
{
    [Display(Name = "Institusjon")] Institution,
    [Display(Name = "Fengsel")] Prison,
    [Display(Name = "Midlertidig botilbud (hospits, camping)")] TemporaryAccommodation,
    [Display(Name = "Hos venner eller familie")] WithFriends,
    [Display(Name = "Bostedsløs")] Homeless,
    [Display(Name = "Kommunal utleiebolig")] MunicipalRental,
    [Display(Name = "Privat leid bolig")] PrivateRental,
    [Display(Name = "Eid bolig")] OwnHome,
}

/// <summary>A person receiving housing follow-up (bruker). Special-category personal data: read only through
/// <see cref="Access.CaseFiles"/>, which authorises and audits.</summary>
public sealed class Resident : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }

    /// <summary>Fødselsnummer or D-number; null when the identity is not known (then name and birth date identify). Not a
    /// column: stored encrypted with a keyed hash for search (<see cref="IdentityNumberVault"/>); queries use
    /// <see cref="IdentityNumberHash"/>.</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public string? IdentityNumber { get; set; }

    /// <summary>The number encrypted with the data-protection key ring.</summary>
    public string? IdentityNumberCipher { get; set; }

    /// <summary>HMAC-SHA256 of the number under a key outside the database: what exact search compares.</summary>
    public string? IdentityNumberHash { get; set; }

    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public DateOnly BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public ProtectionLevel Protection { get; set; }

    /// <summary>Set when the retention job removed what identifies the person; structure remains for statistics.</summary>
    public DateTime? AnonymisedAt { get; set; }

    /// <summary>Lower-cased "first last" for the name search.</summary>
    public string SearchName { get; set; } = "";

    public List<LivingSituationPeriod> LivingSituations { get; set; } = [];
    public List<ResidentNamedWorker> NamedWorkers { get; set; } = [];

    public string FullName => FirstName + " " + LastName;

    /// <summary>The identity number shown masked, or "uten fødselsnummer".</summary>
    public string MaskedIdentity => Mask(IdentityNumber);

    /// <summary>An identity number as pages show it: the birth date, the rest hidden.</summary>
    public static string Mask(string? number) => number is { Length: 11 } n ? n[..6] + "*****" : "";

    public LivingSituationPeriod? CurrentLivingSituation =>
        LivingSituations.Where(p => p.End is null).OrderByDescending(p => p.Start).FirstOrDefault();

    public void Normalise() => SearchName = (FirstName.Trim() + " " + LastName.Trim()).ToLowerInvariant();

    /// <summary>Corrects the contact details and returns what changed, field by field, for the resident's own history
    /// (never the shared change log, which is not need-to-know).</summary>
    public IReadOnlyList<(string Field, string? Old, string? New)> Correct(string firstName, string lastName, string? phone, string? email, string? address)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var changes = new List<(string, string?, string?)>();
        void Set(string field, string? old, string? value, Action<string?> apply)
        {
            if (old != value)
            {
                changes.Add((field, old, value));
                apply(value);
            }
        }
        Set(nameof(FirstName), FirstName, firstName.Trim(), v => FirstName = v!);
        Set(nameof(LastName), LastName, lastName.Trim(), v => LastName = v!);
        Set(nameof(Phone), Phone, Clean(phone), v => Phone = v);
        Set(nameof(Email), Email, Clean(email), v => Email = v);
        Set(nameof(Address), Address, Clean(address), v => Address = v);
        Normalise();
        return changes;
    }

    /// <summary>Adds a living situation from a date. The open period before it ends the day before; a period
    /// that starts on or before the current one's start would overlap and is refused.</summary>
    public IEnumerable<RuleError> AddLivingSituation(LivingSituationKind kind, DateOnly start, string? note, Guid id)
    {
        var current = CurrentLivingSituation;
        if (current is not null && start <= current.Start)
        {
            return [new RuleError("LivingSituation.Start", $"Ny bosituasjon må starte etter at dagens startet ({current.Start:dd.MM.yyyy}).")];
        }
        if (LivingSituations.Any(p => p.End is { } end && end >= start))
        {
            return [new RuleError("LivingSituation.Start", "Perioden overlapper en tidligere bosituasjon.")];
        }
        current?.End = start.AddDays(-1);
        LivingSituations.Add(new LivingSituationPeriod { Id = id, ResidentId = Id, Kind = kind, Start = start, Note = note?.Trim() });
        return [];
    }
}

/// <summary>A correction of a resident's contact details: who changed what from what. Personal data like the resident
/// row itself; removed by retention.</summary>
public sealed class ResidentChange : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }

    [MaxLength(40)]
    public string Field { get; set; } = "";

    [MaxLength(300)]
    public string? OldValue { get; set; }

    [MaxLength(300)]
    public string? NewValue { get; set; }

    public DateTime ChangedAt { get; set; }

    [MaxLength(200)]
    public string ChangedBy { get; set; } = "";
}

internal sealed class ResidentChangeConfiguration : IEntityTypeConfiguration<ResidentChange>
{
    public void Configure(EntityTypeBuilder<ResidentChange> b) => b.HasIndex(c => new { c.ResidentId, c.ChangedAt });
}

/// <summary>Where the resident lived in a period; periods never overlap and the open one is the current.</summary>
public sealed class LivingSituationPeriod : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public LivingSituationKind Kind { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly? End { get; set; }

    [MaxLength(1000)]
    public string? Note { get; set; }
}

/// <summary>A worker named to see a resident with a protected address. Only named workers may.</summary>
public sealed class ResidentNamedWorker : Husly.Common.IResidentData
{
    public Guid ResidentId { get; set; }
    public Guid UserId { get; set; }
    public HuslyUser? User { get; set; }
}

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> b)
    {
        b.Property(r => r.IdentityNumberCipher).HasMaxLength(400);
        b.Property(r => r.IdentityNumberHash).HasMaxLength(64);
        // Not unique: a worker who registers a number held by a record they may not see gets a record of their own
        // (see PossibleDuplicate), so that knowing a number never opens or reveals anyone.
        b.HasIndex(r => r.IdentityNumberHash);
        b.Property(r => r.FirstName).HasMaxLength(100);
        b.Property(r => r.LastName).HasMaxLength(100);
        b.Property(r => r.SearchName).HasMaxLength(201);
        b.HasIndex(r => new { r.SearchName, r.BirthDate });
        b.Property(r => r.Phone).HasMaxLength(30);
        b.Property(r => r.Email).HasMaxLength(200);
        b.Property(r => r.Address).HasMaxLength(300);
        b.Ignore(r => r.CurrentLivingSituation);
        b.HasMany(r => r.LivingSituations).WithOne().HasForeignKey(p => p.ResidentId);
        b.HasMany(r => r.NamedWorkers).WithOne().HasForeignKey(n => n.ResidentId);
    }
}

internal sealed class LivingSituationPeriodConfiguration : IEntityTypeConfiguration<LivingSituationPeriod>
{
    public void Configure(EntityTypeBuilder<LivingSituationPeriod> b) => b.HasIndex(p => new { p.ResidentId, p.Start }).IsUnique();
}

internal sealed class ResidentNamedWorkerConfiguration : IEntityTypeConfiguration<ResidentNamedWorker>
{
    public void Configure(EntityTypeBuilder<ResidentNamedWorker> b)
    {
        b.HasKey(n => new { n.ResidentId, n.UserId });
        b.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
