using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Catalogue;

public enum SolutionState
{
    [Display(Name = "Utkast")] Draft,
    [Display(Name = "Til gjennomgang")] InReview,
    [Display(Name = "Publisert")] Published,
    [Display(Name = "Trukket tilbake")] Withdrawn,
}

public enum SolutionAction
{
    [Display(Name = "Opprettet")] Created,
    [Display(Name = "Endret")] Edited,
    [Display(Name = "Sendt til gjennomgang")] SentToReview,
    [Display(Name = "Sendt tilbake til utkast")] ReturnedToDraft,
    [Display(Name = "Publisert")] Published,
    [Display(Name = "Trukket tilbake")] Withdrawn,
}

/// <summary>A solution (or a lesson learnt) shared in the public catalogue: what it solves, what it takes, how to
/// start, where it came from and what it achieved — failures too. Only published solutions are public; the rest of the
/// workflow (draft, in review, withdrawn) is seen by its editors alone.</summary>
public sealed class Solution : Auditable, IHasChangeHistory
{
    public Guid Id { get; set; }

    /// <summary>The programme whose catalogue it is in; its managers publish it.</summary>
    public Guid ProgrammeId { get; set; }

    /// <summary>The readable address; kept when the title changes. Earlier ones redirect (<see cref="SolutionSlug"/>).</summary>
    [MaxLength(100)]
    public string Slug { get; set; } = "";

    [MaxLength(200)]
    public string Title { get; set; } = "";

    [MaxLength(1000)]
    public string Summary { get; set; } = "";

    [MaxLength(4000)]
    public string? Problem { get; set; }

    [MaxLength(2000)]
    public string? StaffNeeds { get; set; }

    [MaxLength(2000)]
    public string? CostNeeds { get; set; }

    [MaxLength(2000)]
    public string? PartnerNeeds { get; set; }

    [MaxLength(4000)]
    public string? HowToStart { get; set; }

    public OrganisationForm? OrganisationForm { get; set; }
    public FollowUpCategory? Category { get; set; }
    public InnovationPhase? Phase { get; set; }

    [MaxLength(4)]
    public string MunicipalityNumber { get; set; } = "";

    public Municipality? Municipality { get; set; }

    /// <summary>An Oslo district, when the solution comes from one.</summary>
    public Guid? DistrictId { get; set; }

    public Organisation? District { get; set; }
    public int? FromYear { get; set; }
    public int? ToYear { get; set; }

    /// <summary>A role or a unit ("Boligkontoret, Bydel Grorud"), not a private person unless they agreed.</summary>
    [MaxLength(200)]
    public string? Contact { get; set; }

    [MaxLength(200)]
    public string? ContactEmail { get; set; }

    [MaxLength(40)]
    public string? ContactPhone { get; set; }

    /// <summary>The contact names a person who has agreed to be named in public.</summary>
    public bool ContactPersonConsented { get; set; }

    /// <summary>The programme project it came from; empty for another municipality's solution.</summary>
    public Guid? ProjectId { get; set; }

    public SolutionState State { get; set; }
    public DateTime? FirstPublishedAt { get; set; }

    /// <summary>When the public text last changed: published, or edited while published.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Counts each publication and each change to a published solution; the feed and history name it.</summary>
    public int PublishedVersion { get; set; }

    [MaxLength(1000)]
    public string? WithdrawnReason { get; set; }

    /// <summary>Lower-cased title, and everything else worth finding, for full-text search. PostgreSQL indexes these
    /// with its <c>norwegian</c> configuration; SQLite's FTS5 table is fed the Snowball stems in <see cref="StemsTitle"/>
    /// and <see cref="StemsBody"/> (see <see cref="NorwegianText"/>).</summary>
    [MaxLength(200)]
    public string SearchTitle { get; private set; } = "";

    [MaxLength(30000)]
    public string SearchBody { get; private set; } = "";

    [MaxLength(200)]
    public string StemsTitle { get; private set; } = "";

    /// <summary>The row's key in SQLite's FTS5 index (an integer, which FTS5 needs); unused on PostgreSQL.</summary>
    public long SearchKey { get; private set; } = Random.Shared.NextInt64(1, long.MaxValue);

    [MaxLength(30000)]
    public string StemsBody { get; private set; } = "";

    public List<SolutionTargetGroup> TargetGroups { get; set; } = [];
    public List<SolutionIndicator> Indicators { get; set; } = [];
    public List<SolutionLesson> Lessons { get; set; } = [];
    public List<SolutionEvent> Events { get; set; } = [];

    public void RefreshSearchText(IEnumerable<string> targetGroupNames, string? municipalityName)
    {
        SearchTitle = Title.ToLowerInvariant();
        // The labels people search by ("boskole", "Housing First", "ACT") are found too.
        var labels = new[]
        {
            OrganisationForm is { } form ? Husly.Platform.Localization.Format.EnumName(form) : null,
            Category is { } category ? Husly.Platform.Localization.Format.EnumName(category) : null,
        };
        var body = string.Join('\n', new[] { Summary, Problem, StaffNeeds, CostNeeds, PartnerNeeds, HowToStart, municipalityName }
            .Concat(labels)
            .Concat(targetGroupNames)
            .Concat(Indicators.Select(i => i.Name + " " + i.ResultText))
            .Concat(Lessons.Select(l => l.Text))
            .Where(t => !string.IsNullOrWhiteSpace(t)))
            .ToLowerInvariant();
        SearchBody = body.Length > 30000 ? body[..30000] : body;
        StemsTitle = Cut(NorwegianText.Stems(SearchTitle), 200);
        StemsBody = Cut(NorwegianText.Stems(SearchBody), 30000);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..text.LastIndexOf(' ', length - 1)];

    public IReadOnlyList<RuleError> Validate()
    {
        var errors = new List<RuleError>();
        if (FromYear is { } from && ToYear is { } to && to < from)
        {
            errors.Add(new RuleError(nameof(ToYear), "Sluttår kan ikke være før startår."));
        }
        if (DistrictId is not null && MunicipalityNumber != MunicipalityRegister.Oslo)
        {
            errors.Add(new RuleError(nameof(DistrictId), "Bydel kan bare velges for løsninger fra Oslo."));
        }
        return errors;
    }

    /// <summary>What must be in place before the public sees it.</summary>
    public IReadOnlyList<RuleError> ReadyToPublish()
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(Problem))
        {
            errors.Add(new RuleError(nameof(Problem), "Beskriv problemet løsningen løser før den publiseres."));
        }
        if (string.IsNullOrWhiteSpace(HowToStart))
        {
            errors.Add(new RuleError(nameof(HowToStart), "Beskriv hvordan man kommer i gang før løsningen publiseres."));
        }
        if (string.IsNullOrWhiteSpace(Contact) && string.IsNullOrWhiteSpace(ContactEmail))
        {
            errors.Add(new RuleError(nameof(Contact), "Oppgi en kontakt (rolle eller enhet) før løsningen publiseres."));
        }
        return errors;
    }

    public RuleError? SendToReview(string by, DateTime at)
    {
        if (State != SolutionState.Draft)
        {
            return new RuleError("", "Bare et utkast kan sendes til gjennomgang.");
        }
        State = SolutionState.InReview;
        Record(SolutionAction.SentToReview, by, at, null);
        return null;
    }

    public RuleError? ReturnToDraft(string comment, string by, DateTime at)
    {
        if (State != SolutionState.InReview)
        {
            return new RuleError("", "Bare en løsning til gjennomgang kan sendes tilbake.");
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            return new RuleError("Comment", "Skriv hva som må endres.");
        }
        State = SolutionState.Draft;
        Record(SolutionAction.ReturnedToDraft, by, at, comment.Trim());
        return null;
    }

    public IReadOnlyList<RuleError> Publish(string by, DateTime at)
    {
        if (State is not (SolutionState.InReview or SolutionState.Withdrawn))
        {
            return [new RuleError("", "Løsningen må være til gjennomgang (eller trukket tilbake) for å publiseres.")];
        }
        var errors = ReadyToPublish();
        if (errors.Count > 0)
        {
            return errors;
        }
        State = SolutionState.Published;
        FirstPublishedAt ??= at;
        PublishedAt = at;
        PublishedVersion++;
        WithdrawnReason = null;
        Record(SolutionAction.Published, by, at, null);
        return [];
    }

    public RuleError? Withdraw(string reason, string by, DateTime at)
    {
        if (State != SolutionState.Published)
        {
            return new RuleError("", "Bare en publisert løsning kan trekkes tilbake.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new RuleError("Reason", "Skriv hvorfor løsningen trekkes tilbake. Begrunnelsen vises offentlig.");
        }
        State = SolutionState.Withdrawn;
        WithdrawnReason = reason.Trim();
        PublishedAt = at;
        Record(SolutionAction.Withdrawn, by, at, WithdrawnReason);
        return null;
    }

    /// <summary>Records an edit; an edit to a published solution is a new public version.</summary>
    public void Edited(string by, DateTime at)
    {
        if (State == SolutionState.Published)
        {
            PublishedAt = at;
            PublishedVersion++;
        }
        Record(SolutionAction.Edited, by, at, null);
    }

    public void Record(SolutionAction action, string by, DateTime at, string? comment) =>
        Events.Add(new SolutionEvent
        {
            Id = Guid.NewGuid(),
            SolutionId = Id,
            Action = action,
            At = at,
            By = by,
            Comment = comment,
            State = State,
            Version = PublishedVersion,
        });
}

public sealed class SolutionTargetGroup : IHistoryChild
{
    public Guid SolutionId { get; set; }
    public Guid TargetGroupId { get; set; }
    public TargetGroup? TargetGroup { get; set; }

    Guid IHistoryChild.HistoryOwnerId => SolutionId;
    string IHistoryChild.HistoryField => nameof(Solution.TargetGroups);
    string IHistoryChild.HistoryText => TargetGroup?.Name ?? TargetGroupId.ToString();
}

/// <summary>One of the solution's indicators and what it achieved where it was made, as the public sees it.</summary>
public sealed class SolutionIndicator
{
    public Guid Id { get; set; }
    public Guid SolutionId { get; set; }

    [MaxLength(300)]
    public string Name { get; set; } = "";

    /// <summary>The result in words and figures, e.g. "9 av 10 bor fortsatt i egen bolig etter ett år".</summary>
    [MaxLength(500)]
    public string? ResultText { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>A lesson — success or failure — optionally next to the indicator whose numbers it explains.</summary>
public sealed class SolutionLesson
{
    public Guid Id { get; set; }
    public Guid SolutionId { get; set; }
    public Husly.Features.Portfolio.Reporting.LessonKind Kind { get; set; }

    [MaxLength(4000)]
    public string Text { get; set; } = "";

    public Guid? IndicatorId { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>An address the solution had before its slug changed; it redirects for good.</summary>
public sealed class SolutionSlug
{
    [MaxLength(100)]
    public string Slug { get; set; } = "";

    public Guid SolutionId { get; set; }
}

/// <summary>The editorial history: who did what, when, with the state and public version it left.</summary>
public sealed class SolutionEvent
{
    public Guid Id { get; set; }
    public Guid SolutionId { get; set; }
    public SolutionAction Action { get; set; }
    public SolutionState State { get; set; }
    public int Version { get; set; }
    public DateTime At { get; set; }

    [MaxLength(200)]
    public string By { get; set; } = "";

    [MaxLength(1000)]
    public string? Comment { get; set; }
}

internal sealed class SolutionConfiguration : IEntityTypeConfiguration<Solution>
{
    public void Configure(EntityTypeBuilder<Solution> b)
    {
        b.HasIndex(s => s.Slug).IsUnique();
        // With the id, so a full-text hit finds its solution's id in the index without reading the row.
        b.HasIndex(s => new { s.SearchKey, s.Id }).IsUnique();
        b.HasIndex(s => new { s.State, s.PublishedAt });
        // Two narrow copies of what facets group by, so counting reads an index instead of the wide rows (the texts and
        // their stems): one in filter order for searches without words, one by id for the ids a full-text match gives.
        b.HasIndex(s => new { s.State, s.MunicipalityNumber, s.OrganisationForm, s.Category, s.Phase }).HasDatabaseName("IX_Solutions_Facets");
        b.HasIndex(s => new { s.Id, s.State, s.MunicipalityNumber, s.OrganisationForm, s.Category, s.Phase, s.PublishedAt }).HasDatabaseName("IX_Solutions_IdFacets");
        b.HasIndex(s => s.ProjectId);
        b.HasOne<Husly.Features.Portfolio.Programmes.InnovationProgramme>().WithMany().HasForeignKey(s => s.ProgrammeId);
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
        b.HasOne(s => s.Municipality).WithMany().HasForeignKey(s => s.MunicipalityNumber);
        b.HasOne(s => s.District).WithMany().HasForeignKey(s => s.DistrictId);
        b.HasMany(s => s.TargetGroups).WithOne().HasForeignKey(t => t.SolutionId);
        b.HasMany(s => s.Indicators).WithOne().HasForeignKey(t => t.SolutionId);
        b.HasMany(s => s.Lessons).WithOne().HasForeignKey(t => t.SolutionId);
        b.HasMany(s => s.Events).WithOne().HasForeignKey(t => t.SolutionId);
    }
}

internal sealed class SolutionTargetGroupConfiguration : IEntityTypeConfiguration<SolutionTargetGroup>
{
    public void Configure(EntityTypeBuilder<SolutionTargetGroup> b)
    {
        b.HasKey(t => new { t.SolutionId, t.TargetGroupId });
        b.HasIndex(t => t.TargetGroupId);
    }
}

internal sealed class SolutionLessonConfiguration : IEntityTypeConfiguration<SolutionLesson>
{
    public void Configure(EntityTypeBuilder<SolutionLesson> b) =>
        b.HasOne<SolutionIndicator>().WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.SetNull);
}

internal sealed class SolutionSlugConfiguration : IEntityTypeConfiguration<SolutionSlug>
{
    public void Configure(EntityTypeBuilder<SolutionSlug> b)
    {
        b.HasKey(s => s.Slug);
        b.HasOne<Solution>().WithMany().HasForeignKey(s => s.SolutionId);
    }
}

internal sealed class SolutionEventConfiguration : IEntityTypeConfiguration<SolutionEvent>
{
    public void Configure(EntityTypeBuilder<SolutionEvent> b) => b.HasIndex(e => new { e.SolutionId, e.At });
}
