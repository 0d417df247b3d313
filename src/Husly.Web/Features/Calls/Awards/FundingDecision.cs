using System.ComponentModel.DataAnnotations;
using Husly.Features.Calls.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Calls.Awards;

public enum DecisionOutcome
{
    [Display(Name = "Tildelt")] Awarded,
    [Display(Name = "Avslått")] Rejected,
    [Display(Name = "Mer informasjon trengs")] MoreInformation,
}

/// <summary>The programme's decision on an application: awarded (amount, conditions, reporting schedule, and the project
/// it funds), rejected (reason), or more information requested (what, and by when). An application may get more
/// information requested and then a final decision; the latest is the one that stands.</summary>
public sealed class FundingDecision
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public DecisionOutcome Outcome { get; set; }

    /// <summary>Awarded, whole kroner; may be less than applied for.</summary>
    public long? Amount { get; set; }

    [MaxLength(4000)]
    public string? Conditions { get; set; }

    /// <summary>The reason for a rejection, or what more information is needed.</summary>
    [MaxLength(4000)]
    public string? Reason { get; set; }

    /// <summary>The last day (Oslo) to send the information asked for.</summary>
    public DateOnly? InformationDueOn { get; set; }

    /// <summary>The project the award created or funded again.</summary>
    public Guid? ProjectId { get; set; }

    public DateTime DecidedAt { get; set; }

    [MaxLength(200)]
    public string DecidedBy { get; set; } = "";

    public List<ReportDue> Reports { get; set; } = [];
}

/// <summary>A date a status report is due, set with the award.</summary>
public sealed class ReportDue
{
    public Guid Id { get; set; }
    public Guid DecisionId { get; set; }
    public DateOnly DueOn { get; set; }
}

internal sealed class FundingDecisionConfiguration : IEntityTypeConfiguration<FundingDecision>
{
    public void Configure(EntityTypeBuilder<FundingDecision> b)
    {
        b.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Application>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Husly.Features.Portfolio.Projects.Project>().WithMany().HasForeignKey(d => d.ProjectId);
        b.HasIndex(d => new { d.ApplicationId, d.DecidedAt });
        b.HasMany(d => d.Reports).WithOne().HasForeignKey(r => r.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}
