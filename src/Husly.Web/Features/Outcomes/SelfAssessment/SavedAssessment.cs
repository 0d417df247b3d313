using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Outcomes.SelfAssessment;

/// <summary>A municipality's (or district's) self-assessment for one year, saved by someone signed in, so the answers
/// can be compared over the years. One per organisation and year; saving again changes it (with the concurrency check).</summary>
public sealed class SavedAssessment : Auditable
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int Year { get; set; }

    [MaxLength(4)]
    public string? MunicipalityNumber { get; set; }

    public int Population { get; set; }

    /// <summary>One letter per question in the guide's order: J (yes), N (no) or V (don't know).</summary>
    [MaxLength(40)]
    public string Answers { get; set; } = "";

    public IReadOnlyList<Answer> AnswerList => [.. Answers.Select(c => c switch { 'J' => Answer.Yes, 'N' => Answer.No, _ => Answer.Unknown })];

    public static string Encode(IEnumerable<Answer> answers) =>
        string.Concat(answers.Select(a => a switch { Answer.Yes => 'J', Answer.No => 'N', _ => 'V' }));
}

internal sealed class SavedAssessmentConfiguration : IEntityTypeConfiguration<SavedAssessment>
{
    public void Configure(EntityTypeBuilder<SavedAssessment> b)
    {
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.OrganisationId, a.Year }).IsUnique();
        b.Ignore(a => a.AnswerList);
    }
}
