using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Outcomes;

/// <summary>Where a person lived, as statistics group it (casework's living-situation kinds, copied here so Outcomes
/// never depends on casework).</summary>
public enum Housing
{
    [Display(Name = "Institusjon")] Institution,
    [Display(Name = "Fengsel")] Prison,
    [Display(Name = "Midlertidig botilbud")] Temporary,
    [Display(Name = "Hos venner eller familie")] WithFriends,
    [Display(Name = "Bostedsløs")] Homeless,
    [Display(Name = "Kommunal utleiebolig")] MunicipalRental,
    [Display(Name = "Privat leid bolig")] PrivateRental,
    [Display(Name = "Eid bolig")] OwnHome,
}

/// <summary>Age at the end of the period, in the bands the dashboards show (never a birth date).</summary>
public enum AgeBand
{
    [Display(Name = "Under 18 år")] Under18,
    [Display(Name = "18–24 år")] From18To24,
    [Display(Name = "25–34 år")] From25To34,
    [Display(Name = "35–49 år")] From35To49,
    [Display(Name = "50–66 år")] From50To66,
    [Display(Name = "67 år og eldre")] From67,
}

public static class HousingRules
{
    /// <summary>Own or rented home: what "settled" and "stable" count.</summary>
    public static bool IsHome(Housing housing) => housing is Housing.MunicipalRental or Housing.PrivateRental or Housing.OwnHome;

    public static AgeBand BandOf(int age) => age switch
    {
        < 18 => AgeBand.Under18,
        < 25 => AgeBand.From18To24,
        < 35 => AgeBand.From25To34,
        < 50 => AgeBand.From35To49,
        < 67 => AgeBand.From50To66,
        _ => AgeBand.From67,
    };
}

/// <summary>One follow-up (enrolment) in one calendar year, without identity: the de-identified results Outcomes reads.
/// Filled by casework (<c>Casework.Access.OutcomeExtraction</c>); see ADR 15.</summary>
public sealed class OutcomeRecord
{
    public long Id { get; set; }

    /// <summary>The run that wrote it; dashboards read the newest completed run.</summary>
    public Guid RunId { get; set; }

    /// <summary>Random per person; only casework holds what it stands for.</summary>
    public Guid PersonKey { get; set; }

    public int Year { get; set; }
    public Guid DistrictId { get; set; }
    public Guid? ProjectId { get; set; }
    public FollowUpCategory Category { get; set; }
    public OrganisationForm OrganisationForm { get; set; }
    public AgeBand AgeBand { get; set; }

    /// <summary>Where the person lived on the first and the last day of the period (null: not recorded).</summary>
    public Housing? HousingAtStart { get; set; }

    public Housing? HousingAtEnd { get; set; }

    /// <summary>Moved into an own or rented home from somewhere else during the period.</summary>
    public bool Settled { get; set; }

    /// <summary>Whole months in an own or rented home without a break, as of the last day of the period (0 if not).</summary>
    public int HomeMonths { get; set; }

    /// <summary>Evictions carried out in the period (rent alerts closed as evicted).</summary>
    public int Evictions { get; set; }

    public int InstitutionDays { get; set; }
    public int PrisonDays { get; set; }

    /// <summary>Days in temporary accommodation (hostel, camping).</summary>
    public int TemporaryDays { get; set; }

    public int HomelessDays { get; set; }

    /// <summary>Hours a week granted by decisions, spread over the days of the period they covered.</summary>
    public double PlannedHours { get; set; }

    public double DeliveredHours { get; set; }

    /// <summary>Days of the period under follow-up.</summary>
    public int FollowUpDays { get; set; }
}

/// <summary>One concern, without anything about the person or the reporter: its year, district and whether it was
/// taken up within its time limit.</summary>
public sealed class ConcernRecord
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public int Year { get; set; }

    /// <summary>Null: still at the central desk.</summary>
    public Guid? DistrictId { get; set; }

    /// <summary>Taken up (claimed) by its deadline.</summary>
    public bool InTime { get; set; }

    /// <summary>Neither taken up nor past its deadline yet: counted as received, not in the time-limit share.</summary>
    public bool Pending { get; set; }
}

/// <summary>A closed year, published once by the run that first computed it after the year's freeze date; the dashboards
/// show only published years, and their figures never change (ADR 15).</summary>
public sealed class PublishedYear
{
    public int Year { get; set; }
    public Guid RunId { get; set; }
    public DateTime PublishedAt { get; set; }
}

public enum OutcomeRunStatus
{
    [Display(Name = "Kjører")] Running,
    [Display(Name = "Ferdig")] Completed,
    [Display(Name = "Avbrutt")] Cancelled,
}

/// <summary>One computation of the results: a generation of records, resumable from its cursor.</summary>
public sealed class OutcomeRun
{
    public Guid Id { get; set; }
    public OutcomeRunStatus Status { get; set; }
    public DateTime StartedAt { get; set; }

    [MaxLength(200)]
    public string StartedBy { get; set; } = "";

    /// <summary>The day the measures are computed up to.</summary>
    public DateOnly AsOf { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The instance working on it and until when; another instance takes over once this has passed.</summary>
    [MaxLength(100)]
    public string? Owner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    /// <summary>The last resident done (casework's id, never shown); the run resumes after it.</summary>
    public Guid? Cursor { get; set; }

    public int Total { get; set; }
    public int Processed { get; set; }
    public int Records { get; set; }

    /// <summary>Concerns are counted in one step at the end.</summary>
    public int ConcernRecords { get; set; }

    public int Percent => Total == 0 ? (Status == OutcomeRunStatus.Completed ? 100 : 0) : (int)Math.Min(100, 100L * Processed / Total);
}

internal sealed class OutcomeRecordConfiguration : IEntityTypeConfiguration<OutcomeRecord>
{
    public void Configure(EntityTypeBuilder<OutcomeRecord> b)
    {
        // Every dashboard query reads one run's rows, grouped by year and district.
        b.HasIndex(r => new { r.RunId, r.Year, r.DistrictId });
        b.HasIndex(r => new { r.RunId, r.PersonKey });
    }
}

internal sealed class ConcernRecordConfiguration : IEntityTypeConfiguration<ConcernRecord>
{
    public void Configure(EntityTypeBuilder<ConcernRecord> b) => b.HasIndex(r => new { r.RunId, r.Year });
}

internal sealed class PublishedYearConfiguration : IEntityTypeConfiguration<PublishedYear>
{
    public void Configure(EntityTypeBuilder<PublishedYear> b)
    {
        b.HasKey(p => p.Year);
        b.Property(p => p.Year).ValueGeneratedNever();
    }
}

internal sealed class OutcomeRunConfiguration : IEntityTypeConfiguration<OutcomeRun>
{
    public void Configure(EntityTypeBuilder<OutcomeRun> b)
    {
        b.Ignore(r => r.Percent);
        b.HasIndex(r => new { r.Status, r.FinishedAt });
        // At most one run at a time: two instances starting the nightly run at once get one run, not two.
        b.HasIndex(r => r.Status).IsUnique().HasFilter("\"Status\" = 'Running'").HasDatabaseName("IX_OutcomeRuns_OneRunning");
    }
}
