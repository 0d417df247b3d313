using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Calls;

/// <summary>A programme's yearly call for applications (utlysning). Times are stored in UTC and shown in Oslo time.</summary>
public sealed class Call : Auditable
{
    public const int MaxTextLength = 20000;

    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }
    public int Year { get; set; }

    [MaxLength(200)]
    public string Title { get; set; } = "";

    /// <summary>Markdown, rendered with raw HTML disabled and sanitised (<see cref="CallText"/>).</summary>
    [MaxLength(MaxTextLength)]
    public string Text { get; set; } = "";

    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }

    /// <summary>The total that may be awarded in this call, whole kroner.</summary>
    public long BudgetFrame { get; set; }

    /// <summary>When the invitation went out; null while the call is a draft that only the programme's editors see.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>The sum of the awards made in this call. Every award changes it (and so the call's version) in the same
    /// save, so two awards at once cannot both pass the frame check.</summary>
    public long AwardedTotal { get; set; }

    /// <summary>How many invitations publishing put in the outbox.</summary>
    public int InvitationsSent { get; set; }

    public List<CallCriterion> Criteria { get; set; } = [];
    public List<EligibilityQuestion> Questions { get; set; } = [];
    public List<CallInvitedUnit> InvitedUnits { get; set; } = [];

    public CallState StateAt(DateTime utcNow) =>
        PublishedAt is null ? CallState.Draft : utcNow < OpensAt ? CallState.Coming : utcNow < ClosesAt ? CallState.Open : CallState.Closed;

    /// <summary>Rules for every save.</summary>
    public IEnumerable<RuleError> Validate()
    {
        if (ClosesAt <= OpensAt)
        {
            yield return new RuleError("ClosesOn", "Fristen må være etter at utlysningen åpner.");
        }
        if (Criteria.GroupBy(c => c.Name.Trim(), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            yield return new RuleError("Criteria", "To kriterier har samme navn.");
        }
    }

    /// <summary>What must be in place before the invitation goes out.</summary>
    public IEnumerable<RuleError> ValidateForPublishing(DateTime utcNow)
    {
        if (Criteria.Count == 0)
        {
            yield return new RuleError("", "Legg til minst ett vurderingskriterium før utlysningen publiseres.");
        }
        else if (Criteria.Sum(c => c.Weight) != 100)
        {
            yield return new RuleError("", "Vektene til vurderingskriteriene må til sammen bli 100 før utlysningen publiseres.");
        }
        if (BudgetFrame <= 0)
        {
            yield return new RuleError("", "Sett en budsjettramme før utlysningen publiseres.");
        }
        if (ClosesAt <= utcNow)
        {
            yield return new RuleError("", "Fristen har gått ut. Flytt fristen før utlysningen publiseres.");
        }
    }
}

public enum CallState
{
    [Display(Name = "Utkast")] Draft,
    [Display(Name = "Kommende")] Coming,
    [Display(Name = "Åpen")] Open,
    [Display(Name = "Avsluttet")] Closed,
}

/// <summary>What applications are assessed on; weights are percentages that add up to 100 by publication.</summary>
public sealed class CallCriterion
{
    public Guid Id { get; set; }
    public Guid CallId { get; set; }

    [MaxLength(200)]
    public string Name { get; set; } = "";

    [MaxLength(1000)]
    public string? Description { get; set; }

    public int Weight { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A yes/no question every applicant answers; the disqualifying answer makes the application ineligible, and the
/// applicant is told why at once (e.g. "Is this part of ordinary operations?" — yes disqualifies).</summary>
public sealed class EligibilityQuestion
{
    public Guid Id { get; set; }
    public Guid CallId { get; set; }

    [MaxLength(300)]
    public string Text { get; set; } = "";

    /// <summary>True when "yes" disqualifies, false when "no" does.</summary>
    public bool YesDisqualifies { get; set; }

    /// <summary>Shown to the applicant who gives the disqualifying answer.</summary>
    [MaxLength(500)]
    public string Explanation { get; set; } = "";

    public int SortOrder { get; set; }
}

/// <summary>A unit besides the district directors that the invitation is e-mailed to (its active users).</summary>
public sealed class CallInvitedUnit
{
    public Guid CallId { get; set; }
    public Guid OrganisationId { get; set; }
}

/// <summary>"Tell me when this programme opens its next call."</summary>
public sealed class CallSubscription
{
    public Guid ProgrammeId { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> b)
    {
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Husly.Features.Portfolio.Programmes.InnovationProgramme>().WithMany().HasForeignKey(c => c.ProgrammeId);
        b.HasIndex(c => new { c.ProgrammeId, c.Year });
        b.HasIndex(c => c.ClosesAt);
        b.HasMany(c => c.Criteria).WithOne().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.InvitedUnits).WithOne().HasForeignKey(u => u.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallInvitedUnitConfiguration : IEntityTypeConfiguration<CallInvitedUnit>
{
    public void Configure(EntityTypeBuilder<CallInvitedUnit> b)
    {
        b.HasKey(u => new { u.CallId, u.OrganisationId });
        b.HasOne<Husly.Features.Administration.Organisations.Organisation>().WithMany().HasForeignKey(u => u.OrganisationId);
    }
}

internal sealed class CallSubscriptionConfiguration : IEntityTypeConfiguration<CallSubscription>
{
    public void Configure(EntityTypeBuilder<CallSubscription> b)
    {
        b.HasKey(s => new { s.ProgrammeId, s.UserId });
        b.HasIndex(s => s.UserId);
        b.HasOne<Husly.Features.Portfolio.Programmes.InnovationProgramme>().WithMany().HasForeignKey(s => s.ProgrammeId);
        b.HasOne<Husly.Features.Administration.Users.HuslyUser>().WithMany().HasForeignKey(s => s.UserId);
    }
}
