using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Portfolio.Programmes;

/// <summary>The goals of the national strategy "Bolig for velferd" a programme can serve.</summary>
[Flags]
public enum NationalGoals
{
    None = 0,
    [Display(Name = "Alle skal ha et godt sted å bo")] GoodPlaceToLive = 1,
    [Display(Name = "Alle med behov for tjenester skal få hjelp til å mestre boforholdet")] MasterTenancy = 2,
    [Display(Name = "Den offentlige innsatsen skal være helhetlig og effektiv")] HolisticEffort = 4,
}

/// <summary>A social-housing programme such as BOSin or BOSO Oslo (not named Program: that is the entry point).</summary>
public sealed class InnovationProgramme : Auditable, IHasChangeHistory
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public int StartYear { get; set; }
    public int? EndYear { get; set; }
    public string? Vision { get; set; }
    public string? Description { get; set; }
    public string? MainGoal { get; set; }
    public Guid OwnerId { get; set; }
    public Organisation? Owner { get; set; }
    public NationalGoals NationalGoals { get; set; }
    public bool IsArchived { get; set; }

    public List<ProgrammeGoal> Goals { get; set; } = [];
    public List<FocusArea> FocusAreas { get; set; } = [];
    public List<ProgrammeGroup> Groups { get; set; } = [];
    public List<ProgrammeManager> Managers { get; set; } = [];

    public IReadOnlyList<RuleError> Validate()
    {
        var errors = new List<RuleError>();
        if (EndYear is { } end && end < StartYear)
        {
            errors.Add(new RuleError(nameof(EndYear), "Sluttår kan ikke være før startår."));
        }
        return errors;
    }
}

public enum GoalKind
{
    [Display(Name = "Arbeidsmål")] WorkingGoal,
    [Display(Name = "Programmets egne mål")] OwnGoal,
}

public sealed class ProgrammeGoal : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }
    public GoalKind Kind { get; set; }
    public const int MaxTextLength = 1000;

    public required string Text { get; set; }
    public int SortOrder { get; set; }

    Guid IHistoryChild.HistoryOwnerId => ProgrammeId;
    string IHistoryChild.HistoryField => nameof(InnovationProgramme.Goals);
    string IHistoryChild.HistoryText => Text;
}

/// <summary>A focus area with its strategies and measures (BOSO Oslo had five).</summary>
public sealed class FocusArea : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public List<FocusAreaItem> Items { get; set; } = [];

    Guid IHistoryChild.HistoryOwnerId => ProgrammeId;
    string IHistoryChild.HistoryField => nameof(InnovationProgramme.FocusAreas);
    string IHistoryChild.HistoryText => $"{Number}. {Title}";
}

public enum FocusAreaItemKind
{
    [Display(Name = "Strategi")] Strategy,
    [Display(Name = "Tiltak")] Measure,
}

/// <summary>Measures are tagged as provision (F, framskaffelse) or training (O, opplæring), as BOSO Oslo did.</summary>
public enum MeasureTag
{
    [Display(Name = "Framskaffelse (F)")] Provision,
    [Display(Name = "Opplæring (O)")] Training,
}

public sealed class FocusAreaItem : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid FocusAreaId { get; set; }
    public FocusArea? FocusArea { get; set; }
    public FocusAreaItemKind Kind { get; set; }
    public MeasureTag? Tag { get; set; }
    public required string Text { get; set; }
    public int SortOrder { get; set; }

    Guid IHistoryChild.HistoryOwnerId => FocusArea!.ProgrammeId;
    string IHistoryChild.HistoryField => nameof(InnovationProgramme.FocusAreas);
    string IHistoryChild.HistoryText => $"{FocusArea!.Number}. {FocusArea.Title}: {Text}";
    Type? IHistoryChild.HistoryOwnerType => typeof(InnovationProgramme);
}

public enum GroupKind
{
    [Display(Name = "Styringsgruppe")] SteeringGroup,
    [Display(Name = "Sentral programgruppe")] CentralProgrammeGroup,
    [Display(Name = "Programgruppe i bydel")] DistrictProgrammeGroup,
    [Display(Name = "Referansegruppe")] ReferenceGroup,
}

/// <summary>A group in the programme's organisation, with named members.</summary>
public sealed class ProgrammeGroup : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }
    public GroupKind Kind { get; set; }
    public required string Name { get; set; }
    public Guid? DistrictId { get; set; }
    public Organisation? District { get; set; }
    public List<ProgrammeGroupMember> Members { get; set; } = [];

    Guid IHistoryChild.HistoryOwnerId => ProgrammeId;
    string IHistoryChild.HistoryField => nameof(InnovationProgramme.Groups);
    string IHistoryChild.HistoryText => Name;
}

public sealed class ProgrammeGroupMember : IHistoryChild
{
    public Guid Id { get; set; }
    public Guid GroupId { get; set; }
    public ProgrammeGroup? Group { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? OrganisationName { get; set; }
    public bool IsLead { get; set; }
    public int SortOrder { get; set; }

    Guid IHistoryChild.HistoryOwnerId => Group!.ProgrammeId;
    string IHistoryChild.HistoryField => nameof(InnovationProgramme.Groups);
    string IHistoryChild.HistoryText => $"{Group!.Name}: {Name}";
    Type? IHistoryChild.HistoryOwnerType => typeof(InnovationProgramme);
}

/// <summary>A program manager (user) responsible for a programme; they may manage all its projects.</summary>
public sealed class ProgrammeManager
{
    public Guid ProgrammeId { get; set; }
    public Guid UserId { get; set; }
}

internal sealed class InnovationProgrammeConfiguration : IEntityTypeConfiguration<InnovationProgramme>
{
    public void Configure(EntityTypeBuilder<InnovationProgramme> b)
    {
        b.ToTable("Programmes");
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.ShortName).HasMaxLength(40);
        b.Property(p => p.Vision).HasMaxLength(2000);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.Property(p => p.MainGoal).HasMaxLength(2000);
        b.Property(p => p.NationalGoals).HasConversion<int>();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Owner).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.ProgrammeId);
        b.HasMany(p => p.FocusAreas).WithOne().HasForeignKey(f => f.ProgrammeId);
        b.HasMany(p => p.Groups).WithOne().HasForeignKey(g => g.ProgrammeId);
        b.HasMany(p => p.Managers).WithOne().HasForeignKey(m => m.ProgrammeId);
    }
}

internal sealed class ProgrammeGoalConfiguration : IEntityTypeConfiguration<ProgrammeGoal>
{
    public void Configure(EntityTypeBuilder<ProgrammeGoal> b) => b.Property(g => g.Text).HasMaxLength(ProgrammeGoal.MaxTextLength);
}

internal sealed class FocusAreaConfiguration : IEntityTypeConfiguration<FocusArea>
{
    public void Configure(EntityTypeBuilder<FocusArea> b)
    {
        b.Property(f => f.Description).HasMaxLength(2000);
        b.HasMany(f => f.Items).WithOne(i => i.FocusArea).HasForeignKey(i => i.FocusAreaId);
    }
}

internal sealed class FocusAreaItemConfiguration : IEntityTypeConfiguration<FocusAreaItem>
{
    public void Configure(EntityTypeBuilder<FocusAreaItem> b) => b.Property(i => i.Text).HasMaxLength(1000);
}

internal sealed class ProgrammeGroupConfiguration : IEntityTypeConfiguration<ProgrammeGroup>
{
    public void Configure(EntityTypeBuilder<ProgrammeGroup> b)
    {
        b.HasOne(g => g.District).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId);
    }
}

internal sealed class ProgrammeManagerConfiguration : IEntityTypeConfiguration<ProgrammeManager>
{
    public void Configure(EntityTypeBuilder<ProgrammeManager> b)
    {
        b.HasKey(m => new { m.ProgrammeId, m.UserId });
        b.HasIndex(m => m.UserId);
        b.HasOne<Husly.Features.Administration.Users.HuslyUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}
