using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.Plans;

/// <summary>The individual plan (IP): the resident's goals in their own words, the measures, who is responsible and
/// when each goal is evaluated. One per resident, kept across enrolments and districts.</summary>
public sealed class IndividualPlan : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public List<PlanGoal> Goals { get; set; } = [];
}

public sealed class PlanGoal : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }

    /// <summary>The goal as the resident says it.</summary>
    [MaxLength(1000)]
    public string InOwnWords { get; set; } = "";

    [MaxLength(2000)]
    public string Measures { get; set; } = "";

    [MaxLength(200)]
    public string Responsible { get; set; } = "";

    public DateOnly EvaluateBy { get; set; }
    public DateOnly? EvaluatedOn { get; set; }

    [MaxLength(2000)]
    public string? Evaluation { get; set; }

    public DateOnly CreatedOn { get; set; }

    public IEnumerable<RuleError> Evaluate(DateOnly on, string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [new RuleError("Evaluate.Text", "Skriv hva evalueringen viste.")];
        }
        if (on > today || on < CreatedOn)
        {
            return [new RuleError("Evaluate.On", "Evalueringsdatoen må være mellom da målet ble satt og i dag.")];
        }
        EvaluatedOn = on;
        Evaluation = text.Trim();
        return [];
    }
}

/// <summary>The crisis plan: the warning signs, what helps, and who to call. Written with the resident; the one
/// part of the file someone under emergency access most often needs.</summary>
public sealed class CrisisPlan : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }

    [MaxLength(2000)]
    public string WarningSigns { get; set; } = "";

    [MaxLength(2000)]
    public string WhatHelps { get; set; } = "";

    [MaxLength(2000)]
    public string WhoToCall { get; set; } = "";

    public DateOnly AgreedOn { get; set; }
}

internal sealed class IndividualPlanConfiguration : IEntityTypeConfiguration<IndividualPlan>
{
    public void Configure(EntityTypeBuilder<IndividualPlan> b)
    {
        b.HasIndex(p => p.ResidentId).IsUnique();
        b.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId);
    }
}

internal sealed class CrisisPlanConfiguration : IEntityTypeConfiguration<CrisisPlan>
{
    public void Configure(EntityTypeBuilder<CrisisPlan> b) => b.HasIndex(p => p.ResidentId).IsUnique();
}
