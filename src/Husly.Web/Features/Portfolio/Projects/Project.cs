using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Features.Administration.Users;
using Husly.Features.Portfolio.Programmes;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Portfolio.Projects;

/// <summary>An innovation project in a programme, led by one district. Archived, never deleted.</summary>
public sealed class Project : Auditable, IHasChangeHistory
{
    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }
    public InnovationProgramme? Programme { get; set; }
    public required string Name { get; set; }
    public string? Summary { get; set; }

    /// <summary>Why today's solutions are not good enough.</summary>
    public string? Challenge { get; set; }

    /// <summary>How the people the solution is for take part (brukermedvirkning).</summary>
    public string? UserInvolvement { get; set; }

    public Guid LeadUnitId { get; set; }
    public Organisation? LeadUnit { get; set; }
    public Guid? ProjectLeadId { get; set; }
    public HuslyUser? ProjectLead { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public ProjectStatus Status { get; set; }
    public InnovationPhase Phase { get; set; } = InnovationPhase.Exploring;
    public bool IsArchived { get; set; }
    public DateTime? ArchivedAt { get; set; }

    /// <summary>Lower-cased name, summary and challenge: free-text search that folds æøå the same way on SQLite and PostgreSQL.</summary>
    public string SearchText { get; private set; } = "";

    public List<ProjectDistrict> CoDistricts { get; set; } = [];
    public List<ProjectTargetGroup> TargetGroups { get; set; } = [];
    public List<ProjectPartner> Partners { get; set; } = [];
    public List<ProjectFunding> Funding { get; set; } = [];
    public List<ProjectImpact> Impacts { get; set; } = [];
    public List<ProjectPhaseChange> PhaseChanges { get; set; } = [];

    public void RefreshSearchText() =>
        SearchText = string.Join(' ', Name, Summary, Challenge).ToLowerInvariant();

    /// <summary>The rules a project must satisfy whatever form changed it.</summary>
    public IReadOnlyList<RuleError> Validate()
    {
        var errors = new List<RuleError>();
        if (EndDate is { } end && end < StartDate)
        {
            errors.Add(new RuleError(nameof(EndDate), "Sluttdato kan ikke være før startdato."));
        }
        if (Status is ProjectStatus.Completed or ProjectStatus.InOrdinaryOperation or ProjectStatus.Stopped && EndDate is null)
        {
            errors.Add(new RuleError(nameof(EndDate), "Et avsluttet, stoppet eller driftssatt prosjekt må ha sluttdato."));
        }
        if (Status == ProjectStatus.InOrdinaryOperation && Phase < InnovationPhase.DeliveringAndImplementing)
        {
            errors.Add(new RuleError(nameof(Status),
                "Et prosjekt kan ikke være i ordinær drift før det er i fase 5, levere og implementere."));
        }
        if (CoDistricts.Any(d => d.DistrictId == LeadUnitId))
        {
            errors.Add(new RuleError(nameof(CoDistricts), "Ansvarlig enhet kan ikke også være samarbeidsbydel."));
        }
        return errors;
    }

    /// <summary>Moves the project to another innovation phase and records the step.</summary>
    public RuleError? ChangePhase(InnovationPhase to, string? note, string by, DateTime at)
    {
        if (to == Phase)
        {
            return new RuleError("Phase", "Prosjektet er allerede i denne fasen.");
        }
        PhaseChanges.Add(new ProjectPhaseChange
        {
            Id = Guid.NewGuid(),
            ProjectId = Id,
            FromPhase = Phase,
            ToPhase = to,
            Note = note,
            ChangedAt = at,
            ChangedBy = by,
        });
        Phase = to;
        return null;
    }

    public RuleError? Archive(DateTime at)
    {
        if (IsArchived)
        {
            return new RuleError("", "Prosjektet er allerede arkivert.");
        }
        IsArchived = true;
        ArchivedAt = at;
        return null;
    }

    public void Restore()
    {
        IsArchived = false;
        ArchivedAt = null;
    }
}

public sealed class ProjectDistrict : IHistoryChild
{
    public Guid ProjectId { get; set; }
    public Guid DistrictId { get; set; }
    public Organisation? District { get; set; }

    Guid IHistoryChild.HistoryOwnerId => ProjectId;
    string IHistoryChild.HistoryField => nameof(Project.CoDistricts);
    string IHistoryChild.HistoryText => District?.Name ?? DistrictId.ToString();
}

/// <summary>A group of people a project is for (e.g. people with co-occurring substance use and mental illness).</summary>
public sealed class TargetGroup
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

public sealed class ProjectTargetGroup : IHistoryChild
{
    public Guid ProjectId { get; set; }
    public Guid TargetGroupId { get; set; }
    public TargetGroup? TargetGroup { get; set; }

    Guid IHistoryChild.HistoryOwnerId => ProjectId;
    string IHistoryChild.HistoryField => nameof(Project.TargetGroups);
    string IHistoryChild.HistoryText => TargetGroup?.Name ?? TargetGroupId.ToString();
}

public sealed class ProjectPartner : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Role { get; set; }

    Guid IHistoryChild.HistoryOwnerId => ProjectId;
    string IHistoryChild.HistoryField => nameof(Project.Partners);
    string IHistoryChild.HistoryText => $"{Organisation?.Name ?? OrganisationId.ToString()}: {Role}";
}

/// <summary>Money for a project in one year from one source, in whole kroner.</summary>
public sealed class ProjectFunding : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public int Year { get; set; }
    public FundingSource Source { get; set; }
    public required string SourceName { get; set; }
    public long AmountNok { get; set; }

    Guid IHistoryChild.HistoryOwnerId => ProjectId;
    string IHistoryChild.HistoryField => nameof(Project.Funding);
    string IHistoryChild.HistoryText =>
        $"{Year}: {SourceName} {AmountNok.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("nb-NO"))} kr";
}

/// <summary>An impact (virkning) or effect (effekt) of a project, realised or only expected.</summary>
public sealed class ProjectImpact : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public ImpactKind Kind { get; set; }
    public Realisation Realisation { get; set; }
    public required string Description { get; set; }

    Guid IHistoryChild.HistoryOwnerId => ProjectId;
    string IHistoryChild.HistoryField => nameof(Project.Impacts);
    string IHistoryChild.HistoryText => Description;
}

public sealed class ProjectPhaseChange
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public InnovationPhase? FromPhase { get; set; }
    public InnovationPhase ToPhase { get; set; }
    public string? Note { get; set; }
    public DateTime ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Summary).HasMaxLength(4000);
        b.Property(p => p.Challenge).HasMaxLength(4000);
        b.Property(p => p.UserInvolvement).HasMaxLength(4000);
        b.Property(p => p.SearchText).HasMaxLength(12400);
        b.Property(p => p.Version).IsConcurrencyToken();
        // The phase is a step number (1–7): stored as such, it sorts and reports in order.
        b.Property(p => p.Phase).HasConversion<int>();
        b.HasOne(p => p.Programme).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.LeadUnit).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.ProjectLead).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.CoDistricts).WithOne().HasForeignKey(d => d.ProjectId);
        b.HasMany(p => p.TargetGroups).WithOne().HasForeignKey(t => t.ProjectId);
        b.HasMany(p => p.Partners).WithOne().HasForeignKey(t => t.ProjectId);
        b.HasMany(p => p.Funding).WithOne().HasForeignKey(t => t.ProjectId);
        b.HasMany(p => p.Impacts).WithOne().HasForeignKey(t => t.ProjectId);
        b.HasMany(p => p.PhaseChanges).WithOne().HasForeignKey(t => t.ProjectId);
        // The list's common orders (name, start) with and without a status filter read 25 rows from an index
        // instead of sorting every match, and its count reads only the index (see docs/performance.md). IsArchived
        // trails: EF writes the filter as NOT("IsArchived"), which SQLite cannot use as an index key.
        b.HasIndex(p => new { p.Name, p.IsArchived });
        b.HasIndex(p => new { p.StartDate, p.Name, p.IsArchived });
        b.HasIndex(p => new { p.Status, p.Name, p.IsArchived });
        b.HasIndex(p => new { p.Status, p.StartDate, p.Name, p.IsArchived });
        b.HasIndex(p => p.LeadUnitId);
        b.HasIndex(p => p.ProgrammeId);
    }
}

internal sealed class ProjectDistrictConfiguration : IEntityTypeConfiguration<ProjectDistrict>
{
    public void Configure(EntityTypeBuilder<ProjectDistrict> b)
    {
        b.HasKey(d => new { d.ProjectId, d.DistrictId });
        b.HasIndex(d => d.DistrictId);
        b.HasOne(d => d.District).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TargetGroupConfiguration : IEntityTypeConfiguration<TargetGroup>
{
    public void Configure(EntityTypeBuilder<TargetGroup> b) => b.HasIndex(t => t.Name).IsUnique();
}

internal sealed class ProjectTargetGroupConfiguration : IEntityTypeConfiguration<ProjectTargetGroup>
{
    public void Configure(EntityTypeBuilder<ProjectTargetGroup> b)
    {
        b.HasKey(t => new { t.ProjectId, t.TargetGroupId });
        b.HasIndex(t => t.TargetGroupId);
        b.HasOne(t => t.TargetGroup).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectPartnerConfiguration : IEntityTypeConfiguration<ProjectPartner>
{
    public void Configure(EntityTypeBuilder<ProjectPartner> b)
    {
        b.HasOne(p => p.Organisation).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Role).HasMaxLength(400);
    }
}

internal sealed class ProjectImpactConfiguration : IEntityTypeConfiguration<ProjectImpact>
{
    public void Configure(EntityTypeBuilder<ProjectImpact> b) => b.Property(i => i.Description).HasMaxLength(2000);
}

internal sealed class ProjectPhaseChangeConfiguration : IEntityTypeConfiguration<ProjectPhaseChange>
{
    public void Configure(EntityTypeBuilder<ProjectPhaseChange> b)
    {
        b.Property(p => p.Note).HasMaxLength(2000);
        b.Property(p => p.FromPhase).HasConversion<int?>();
        b.Property(p => p.ToPhase).HasConversion<int>();
    }
}

public static class ProjectScopes
{
    /// <summary>The authorization facts of a loaded project (partners must be loaded for a partner's read check).</summary>
    public static ProjectScope Scope(this Project p) =>
        new(p.ProgrammeId, p.LeadUnitId, p.ProjectLeadId, p.Partners.Select(x => x.OrganisationId).ToList());
}
