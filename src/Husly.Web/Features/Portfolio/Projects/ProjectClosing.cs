using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Portfolio.Projects;

public enum ClosingOutcome
{
    [Display(Name = "Tatt inn i ordinær drift")] OrdinaryOperation,
    [Display(Name = "Stoppet")] Stopped,
    [Display(Name = "Videreført et annet sted")] ContinuedElsewhere,
}

/// <summary>The final report that closes a project: what became of it, and the lessons — successes and failures alike,
/// which are required, because the programme shares what did not work as well as what did.</summary>
public sealed class ProjectClosing
{
    public Guid ProjectId { get; set; }
    public ClosingOutcome Outcome { get; set; }

    /// <summary>Ordinary operation: the unit that took it over, and from when.</summary>
    public Guid? TakenOverById { get; set; }

    public DateOnly? OperationFrom { get; set; }

    /// <summary>Stopped: why. Continued elsewhere: where and how.</summary>
    [MaxLength(2000)]
    public string? Explanation { get; set; }

    [MaxLength(4000)]
    public string WhatWorked { get; set; } = "";

    [MaxLength(4000)]
    public string WhatDidNotWork { get; set; } = "";

    [MaxLength(4000)]
    public string DoDifferently { get; set; } = "";

    public DateOnly EndDate { get; set; }
    public DateTime ClosedAt { get; set; }

    [MaxLength(200)]
    public string ClosedBy { get; set; } = "";
}

internal sealed class ProjectClosingConfiguration : IEntityTypeConfiguration<ProjectClosing>
{
    public void Configure(EntityTypeBuilder<ProjectClosing> b)
    {
        b.HasKey(c => c.ProjectId);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Project>().WithOne().HasForeignKey<ProjectClosing>(c => c.ProjectId);
        b.HasOne<Husly.Features.Administration.Organisations.Organisation>().WithMany().HasForeignKey(c => c.TakenOverById);
    }
}
