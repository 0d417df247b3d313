using Husly.Common;
using System.ComponentModel.DataAnnotations;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Results;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>Green, yellow or red — always shown with its word and a symbol, never colour alone.</summary>
public enum Rag
{
    [Display(Name = "Grønn – som planlagt")] Green,
    [Display(Name = "Gul – avvik under kontroll")] Yellow,
    [Display(Name = "Rød – alvorlig avvik")] Red,
}

public enum ReportState
{
    [Display(Name = "Ikke påbegynt")] NotStarted,
    [Display(Name = "Utkast")] Draft,
    [Display(Name = "Sendt til godkjenning")] Submitted,
    [Display(Name = "Sendt tilbake")] Returned,
    [Display(Name = "Godkjent")] Approved,
}

public enum LessonKind
{
    [Display(Name = "Suksess")] Success,
    [Display(Name = "Feil eller motgang")] Failure,
}

/// <summary>One status report in a project's reporting schedule: due on a date, written by those who may edit the
/// project, approved or returned by the programme. The report is also the period its indicator values belong to; once
/// approved it is locked, and only a programme manager can reopen it, with a recorded reason.</summary>
public sealed class StatusReport : Auditable
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Project? Project { get; set; }
    public DateOnly DueOn { get; set; }
    public ReportState State { get; set; }

    public Rag? Overall { get; set; }
    public Rag? Time { get; set; }
    public Rag? Budget { get; set; }
    public Rag? Quality { get; set; }

    [MaxLength(4000)]
    public string? Progress { get; set; }

    /// <summary>Money spent since the start, whole kroner.</summary>
    public long? SpentToDate { get; set; }

    [MaxLength(2000)]
    public string? ReturnComment { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>Who sent it, so that someone else approves it.</summary>
    public Guid? SubmittedById { get; set; }

    [MaxLength(200)]
    public string? SubmittedBy { get; set; }

    public DateTime? ApprovedAt { get; set; }

    [MaxLength(200)]
    public string? ApprovedBy { get; set; }

    /// <summary>Set by the reminder job when it claims the reminder, so several instances send it once.</summary>
    public DateTime? ReminderSentAt { get; set; }

    public DateTime? OverdueNoticeSentAt { get; set; }

    public List<ReportRisk> Risks { get; set; } = [];
    public List<ReportLesson> Lessons { get; set; } = [];
    public List<IndicatorValue> Values { get; set; } = [];
    public List<ReportReopening> Reopenings { get; set; } = [];

    /// <summary>States in which the project still owes the report.</summary>
    public static readonly ReportState[] OpenStates = [ReportState.NotStarted, ReportState.Draft, ReportState.Returned];

    /// <summary>States in which the report is the project's word to the programme (drafts are the project's own).</summary>
    public static readonly ReportState[] SentStates = [ReportState.Submitted, ReportState.Approved];

    public bool IsLocked => SentStates.Contains(State);

    public static bool IsOverdue(ReportState state, DateOnly dueOn, DateOnly today) => OpenStates.Contains(state) && dueOn < today;

    // The report's life, one rule each. Callers check completeness (ReportForm) and who may act (ProjectOperations).

    /// <summary>Saves the project's work: a draft, or — when sent — locked until the programme answers.</summary>
    public RuleError? Save(bool send, Guid userId, string by, DateTime at)
    {
        if (IsLocked)
        {
            return new RuleError("", "Rapporten er sendt og kan ikke endres før programmet sender den tilbake.");
        }
        State = send ? ReportState.Submitted : ReportState.Draft;
        if (send)
        {
            (SubmittedAt, SubmittedBy, SubmittedById) = (at, by, userId);
        }
        return null;
    }

    /// <summary>Approves a sent report and locks its period; whoever sent it does not approve it (four eyes).</summary>
    public RuleError? Approve(Guid userId, string by, DateTime at, string? comment)
    {
        if (State != ReportState.Submitted)
        {
            return new RuleError("", "Rapporten er ikke sendt til godkjenning.");
        }
        if (SubmittedById == userId)
        {
            return new RuleError("", "Du sendte rapporten selv. En annen i programmet må godkjenne den.");
        }
        (State, ApprovedAt, ApprovedBy, ReturnComment) = (ReportState.Approved, at, by, Blank(comment));
        return null;
    }

    /// <summary>Sends a report back to the project with what to correct, which is required.</summary>
    public RuleError? Return(string? comment)
    {
        if (State != ReportState.Submitted)
        {
            return new RuleError("", "Rapporten er ikke sendt til godkjenning.");
        }
        if (Blank(comment) is not { } text)
        {
            return new RuleError("Answer.Comment", "Skriv hva prosjektet må rette eller utdype.");
        }
        (State, ReturnComment) = (ReportState.Returned, text);
        return null;
    }

    /// <summary>Opens an approved period again, with a reason that is kept.</summary>
    public RuleError? Reopen(string? reason, string by, DateTime at)
    {
        if (State != ReportState.Approved)
        {
            return new RuleError("", "Bare en godkjent periode kan åpnes igjen.");
        }
        if (Blank(reason) is not { } text)
        {
            return new RuleError("Answer.Comment", "Skriv hvorfor perioden åpnes igjen. Grunnen lagres.");
        }
        (State, ReturnComment, ApprovedAt, ApprovedBy) = (ReportState.Returned, text, null, null);
        Reopenings.Add(new ReportReopening { Id = Guid.CreateVersion7(), ReportId = Id, Reason = text, ReopenedAt = at, ReopenedBy = by });
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public static class RunningReports
{
    /// <summary>Reports that still ask for work: those of projects not archived, not stopped and not closed with a final
    /// report — whatever the project's status otherwise (a project in ordinary operation may still owe its reports).</summary>
    public static IQueryable<StatusReport> Of(Husly.Data.HuslyDbContext db) =>
        db.StatusReports.AsNoTracking().Where(r => !r.Project!.IsArchived && r.Project.Status != ProjectStatus.Stopped
            && !db.ProjectClosings.Any(c => c.ProjectId == r.ProjectId));
}

public sealed class ReportRisk
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }

    [MaxLength(1000)]
    public string Description { get; set; } = "";

    public int Probability { get; set; }
    public int Consequence { get; set; }

    [MaxLength(1000)]
    public string Action { get; set; } = "";

    public int ProbabilityAfter { get; set; }
    public int ConsequenceAfter { get; set; }
    public int SortOrder { get; set; }

    public int Score => Probability * Consequence;
    public int ScoreAfter => ProbabilityAfter * ConsequenceAfter;
}

/// <summary>What the project learnt — a failure as much as a success — and, when it explains a figure, the indicator
/// it belongs beside.</summary>
public sealed class ReportLesson
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public LessonKind Kind { get; set; }

    [MaxLength(2000)]
    public string Text { get; set; } = "";

    [MaxLength(2000)]
    public string? DoDifferently { get; set; }

    public Guid? IndicatorId { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>An indicator's figure for one report period; Category is empty for the whole, or a district or age band.</summary>
public sealed class IndicatorValue
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid IndicatorId { get; set; }

    [MaxLength(100)]
    public string Category { get; set; } = "";

    public decimal? Number { get; set; }

    [MaxLength(2000)]
    public string? Text { get; set; }
}

public sealed class ReportReopening
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }

    [MaxLength(2000)]
    public string Reason { get; set; } = "";

    public DateTime ReopenedAt { get; set; }

    [MaxLength(200)]
    public string ReopenedBy { get; set; } = "";
}

internal sealed class StatusReportConfiguration : IEntityTypeConfiguration<StatusReport>
{
    public void Configure(EntityTypeBuilder<StatusReport> b)
    {
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Overall).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Time).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Budget).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Quality).HasConversion<string>().HasMaxLength(10);
        b.HasOne(r => r.Project).WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.ProjectId, r.DueOn }).IsUnique();
        b.HasIndex(r => new { r.State, r.DueOn });
        b.HasMany(r => r.Risks).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Lessons).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Values).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Reopenings).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportLessonConfiguration : IEntityTypeConfiguration<ReportLesson>
{
    public void Configure(EntityTypeBuilder<ReportLesson> b)
    {
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Indicator>().WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(l => l.IndicatorId);
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.HasIndex(v => new { v.ReportId, v.IndicatorId, v.Category }).IsUnique();
        b.Property(v => v.Number).HasPrecision(18, 2);
        b.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => v.IndicatorId);
    }
}
