using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Calls;

/// <summary>The stages an application passes through, in order. Endorsement and a second assessment round are optional.</summary>
public enum ApplicationStage
{
    Draft,
    Endorsed,
    Submitted,
    InAssessment,
    SecondAssessment,
    Decided,
}

public static class ApplicationStages
{
    /// <summary>Stages of an application that has been sent in (whatever happened to it since).</summary>
    public static readonly ApplicationStage[] Sent = [ApplicationStage.Submitted, ApplicationStage.InAssessment, ApplicationStage.SecondAssessment, ApplicationStage.Decided];
}

/// <summary>A programme's own name for a stage, and whether an optional stage is used. No row means the default.</summary>
public sealed class ProgrammeStage : Auditable
{
    public Guid ProgrammeId { get; set; }
    public ApplicationStage Stage { get; set; }

    [MaxLength(60)]
    public string Name { get; set; } = "";

    public bool IsEnabled { get; set; } = true;
}

internal sealed class ProgrammeStageConfiguration : IEntityTypeConfiguration<ProgrammeStage>
{
    public void Configure(EntityTypeBuilder<ProgrammeStage> b)
    {
        b.HasKey(s => new { s.ProgrammeId, s.Stage });
        b.Property(s => s.Stage).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Husly.Features.Portfolio.Programmes.InnovationProgramme>().WithMany().HasForeignKey(s => s.ProgrammeId);
    }
}

public sealed record StageStep(ApplicationStage Stage, string Name, bool IsEnabled, bool IsOptional);

/// <summary>The default flow (draft → endorsed by the district director → submitted → in assessment → decided) with each
/// programme's renamings and switched optional stages laid over it.</summary>
public sealed class CallStages(HuslyDbContext db)
{
    public static readonly IReadOnlyList<StageStep> Defaults =
    [
        new(ApplicationStage.Draft, "Utkast", true, false),
        new(ApplicationStage.Endorsed, "Godkjent av bydelsdirektør", true, true),
        new(ApplicationStage.Submitted, "Sendt inn", true, false),
        new(ApplicationStage.InAssessment, "Til vurdering", true, false),
        new(ApplicationStage.SecondAssessment, "Andre vurderingsrunde", false, true),
        new(ApplicationStage.Decided, "Avgjort", true, false),
    ];

    /// <summary>Every stage, enabled or not, as the programme has set it up.</summary>
    public async Task<List<StageStep>> ForProgrammeAsync(Guid programmeId)
    {
        var own = await db.ProgrammeStages.AsNoTracking().Where(s => s.ProgrammeId == programmeId).ToDictionaryAsync(s => s.Stage);
        return [.. Defaults.Select(d => own.TryGetValue(d.Stage, out var s) ? d with { Name = s.Name, IsEnabled = !d.IsOptional || s.IsEnabled } : d)];
    }
}
