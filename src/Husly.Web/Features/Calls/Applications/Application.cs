using System.ComponentModel.DataAnnotations;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Calls.Applications;

/// <summary>An application (søknad) to a call from a municipal unit: drafted by its members, endorsed by the district
/// director when the programme uses endorsement, submitted before the deadline, then locked.</summary>
public sealed class Application : Auditable
{
    public const int MaxSectionLength = 4000;

    public Guid Id { get; set; }
    public Guid CallId { get; set; }

    [MaxLength(200)]
    public string Title { get; set; } = "";

    /// <summary>The district or agency that applies and would lead the project.</summary>
    public Guid LeadUnitId { get; set; }

    public ApplicationStage Stage { get; set; } = ApplicationStage.Draft;

    /// <summary>The social-housing challenge, and why today's solutions fall short.</summary>
    [MaxLength(MaxSectionLength)]
    public string? Challenge { get; set; }

    [MaxLength(MaxSectionLength)]
    public string? UserInvolvement { get; set; }

    [MaxLength(MaxSectionLength)]
    public string? WhatIsNew { get; set; }

    /// <summary>The portfolio project this application continues, if any; an award then funds that project again.</summary>
    public Guid? ContinuesProjectId { get; set; }

    /// <summary>What the unit puts in itself, whole kroner.</summary>
    public long OwnContribution { get; set; }

    /// <summary>Set while the district director is asked to endorse; the application is locked meanwhile.</summary>
    public DateTime? EndorsementRequestedAt { get; set; }

    public DateTime? EndorsedAt { get; set; }

    [MaxLength(200)]
    public string? EndorsedBy { get; set; }

    /// <summary>The director's comment when the application was sent back.</summary>
    [MaxLength(2000)]
    public string? ReturnComment { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>When the programme asked for more information: the application is a draft again until this moment (UTC),
    /// and may be submitted until then even after the call has closed.</summary>
    public DateTime? InformationDueAt { get; set; }

    public List<ApplicationMember> Members { get; set; } = [];
    public List<ApplicationTargetGroup> TargetGroups { get; set; } = [];
    public List<ApplicationUnit> Units { get; set; } = [];
    public List<ApplicationMilestone> Milestones { get; set; } = [];
    public List<ApplicationBudgetLine> Budget { get; set; } = [];
    public List<ApplicationRisk> Risks { get; set; } = [];
    public List<ApplicationAnswer> Answers { get; set; } = [];

    /// <summary>Members change the text only while it is a draft that nobody is asked to endorse.</summary>
    public bool IsOpenForChanges => Stage == ApplicationStage.Draft && EndorsementRequestedAt is null;

    public long AmountApplied => Budget.Sum(b => b.Amount);
}

public enum MemberRole
{
    [Display(Name = "Søknadsansvarlig")] Owner,
    [Display(Name = "Medsøker")] CoApplicant,
    [Display(Name = "Økonomikontakt")] FinanceContact,
}

/// <summary>A person working on the application with their own account. Every member edits the draft; the owner also
/// manages members and sends the application on.</summary>
public sealed class ApplicationMember
{
    public Guid ApplicationId { get; set; }
    public Guid UserId { get; set; }
    public MemberRole Role { get; set; }
}

public sealed class ApplicationTargetGroup
{
    public Guid ApplicationId { get; set; }
    public Guid TargetGroupId { get; set; }
}

public enum ApplicationUnitKind
{
    CoDistrict,
    Partner,
}

/// <summary>A co-applicant district or a partner organisation, from the organisation register.</summary>
public sealed class ApplicationUnit
{
    public Guid ApplicationId { get; set; }
    public Guid OrganisationId { get; set; }
    public ApplicationUnitKind Kind { get; set; }
}

public sealed class ApplicationMilestone
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }

    [MaxLength(300)]
    public string Title { get; set; } = "";

    public DateOnly DueOn { get; set; }
    public int SortOrder { get; set; }
}

public enum BudgetCategory
{
    [Display(Name = "Lønn")] Salaries,
    [Display(Name = "Kjøp av tjenester")] Services,
    [Display(Name = "Utstyr og materiell")] Equipment,
    [Display(Name = "Brukermedvirkning")] UserParticipation,
    [Display(Name = "Annet")] Other,
}

/// <summary>Money applied for, per year and category, whole kroner.</summary>
public sealed class ApplicationBudgetLine
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int Year { get; set; }
    public BudgetCategory Category { get; set; }
    public long Amount { get; set; }
}

/// <summary>A risk with probability and consequence 1–5 and what the project will do about it.</summary>
public sealed class ApplicationRisk
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }

    [MaxLength(500)]
    public string Description { get; set; } = "";

    public int Probability { get; set; }
    public int Consequence { get; set; }

    [MaxLength(500)]
    public string Mitigation { get; set; } = "";

    public int SortOrder { get; set; }
}

public sealed class ApplicationAnswer
{
    public Guid ApplicationId { get; set; }
    public Guid QuestionId { get; set; }
    public bool Yes { get; set; }
}

/// <summary>A PDF, Word or Excel file; its type is read from its content, and it is always served as a download.</summary>
public sealed class ApplicationAttachment
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }

    [MaxLength(200)]
    public string FileName { get; set; } = "";

    [MaxLength(100)]
    public string ContentType { get; set; } = "";

    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAt { get; set; }

    [MaxLength(200)]
    public string UploadedBy { get; set; } = "";
}

/// <summary>What happened to the application and when: the applicant sees its stage at every step.</summary>
public sealed class ApplicationEvent
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime At { get; set; }

    [MaxLength(200)]
    public string By { get; set; } = "";

    [MaxLength(200)]
    public string What { get; set; } = "";

    [MaxLength(2000)]
    public string? Comment { get; set; }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.Stage).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Call>().WithMany().HasForeignKey(a => a.CallId);
        b.HasOne<Husly.Features.Administration.Organisations.Organisation>().WithMany().HasForeignKey(a => a.LeadUnitId);
        b.HasOne<Husly.Features.Portfolio.Projects.Project>().WithMany().HasForeignKey(a => a.ContinuesProjectId);
        b.HasIndex(a => new { a.CallId, a.Stage });
        b.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.TargetGroups).WithOne().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Units).WithOne().HasForeignKey(u => u.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Milestones).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Budget).WithOne().HasForeignKey(l => l.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Risks).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Answers).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationMemberConfiguration : IEntityTypeConfiguration<ApplicationMember>
{
    public void Configure(EntityTypeBuilder<ApplicationMember> b)
    {
        b.HasKey(m => new { m.ApplicationId, m.UserId });
        b.HasIndex(m => m.UserId);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Husly.Features.Administration.Users.HuslyUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}

internal sealed class ApplicationTargetGroupConfiguration : IEntityTypeConfiguration<ApplicationTargetGroup>
{
    public void Configure(EntityTypeBuilder<ApplicationTargetGroup> b)
    {
        b.HasKey(t => new { t.ApplicationId, t.TargetGroupId });
        b.HasOne<Husly.Features.Portfolio.Projects.TargetGroup>().WithMany().HasForeignKey(t => t.TargetGroupId);
    }
}

internal sealed class ApplicationUnitConfiguration : IEntityTypeConfiguration<ApplicationUnit>
{
    public void Configure(EntityTypeBuilder<ApplicationUnit> b)
    {
        b.HasKey(u => new { u.ApplicationId, u.OrganisationId, u.Kind });
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Husly.Features.Administration.Organisations.Organisation>().WithMany().HasForeignKey(u => u.OrganisationId);
    }
}

internal sealed class ApplicationBudgetLineConfiguration : IEntityTypeConfiguration<ApplicationBudgetLine>
{
    public void Configure(EntityTypeBuilder<ApplicationBudgetLine> b) => b.Property(l => l.Category).HasConversion<string>().HasMaxLength(30);
}

internal sealed class ApplicationAnswerConfiguration : IEntityTypeConfiguration<ApplicationAnswer>
{
    public void Configure(EntityTypeBuilder<ApplicationAnswer> b)
    {
        b.HasKey(a => new { a.ApplicationId, a.QuestionId });
        b.HasOne<EligibilityQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> b)
    {
        b.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.ApplicationId);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> b)
    {
        b.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.ApplicationId, e.At });
    }
}
