using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Administration.Organisations;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.Residents;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.FollowUp;

public enum EnrolmentEndReason
{
    [Display(Name = "Målene er nådd")] GoalsReached,
    [Display(Name = "Brukeren ønsker ikke lenger oppfølging")] ResidentDeclined,
    [Display(Name = "Flyttet til annen bydel (brukerbytte)")] Transferred,
    [Display(Name = "Flyttet fra kommunen")] MovedAway,
    [Display(Name = "Innlagt eller i institusjon over tid")] Institution,
    [Display(Name = "Død")] Died,
    [Display(Name = "Annet")] Other,
}

/// <summary>A resident's enrolment in housing follow-up (bo-oppfølging) with one district and team. Follow-up has
/// no set end date; an end needs a reason.</summary>
public sealed class Enrolment : Auditable, Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public Resident? Resident { get; set; }
    public Guid DistrictId { get; set; }
    public Organisation? District { get; set; }
    public Guid? TeamId { get; set; }
    public Organisation? Team { get; set; }
    public FollowUpCategory Category { get; set; }
    public OrganisationForm OrganisationForm { get; set; }

    /// <summary>The contact person: "one door in" for the resident.</summary>
    public Guid ContactPersonId { get; set; }
    public HuslyUser? ContactPerson { get; set; }

    public Guid? ProjectId { get; set; }
    public Project? Project { get; set; }
    public DateOnly Start { get; set; }

    /// <summary>The registration form that created it (unique): a double click or a resent post registers once.</summary>
    public Guid? SubmissionId { get; set; }
    public DateOnly? End { get; set; }
    public EnrolmentEndReason? EndReason { get; set; }

    [MaxLength(1000)]
    public string? EndNote { get; set; }

    public bool IsOpen => End is null;

    public IEnumerable<RuleError> Close(DateOnly end, EnrolmentEndReason? reason, string? note)
    {
        if (End is not null)
        {
            return [new RuleError("", "Oppfølgingen er allerede avsluttet.")];
        }
        var errors = new List<RuleError>();
        if (reason is null)
        {
            errors.Add(new RuleError("Close.Reason", "Velg hvorfor oppfølgingen avsluttes."));
        }
        if (end < Start)
        {
            errors.Add(new RuleError("Close.End", "Sluttdato kan ikke være før startdato."));
        }
        if (reason == EnrolmentEndReason.Other && string.IsNullOrWhiteSpace(note))
        {
            errors.Add(new RuleError("Close.Note", "Beskriv årsaken når du velger «Annet»."));
        }
        if (errors.Count == 0)
        {
            End = end;
            EndReason = reason;
            EndNote = note?.Trim();
        }
        return errors;
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.HasOne(e => e.Resident).WithMany().HasForeignKey(e => e.ResidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.District).WithMany().HasForeignKey(e => e.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Team).WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ContactPerson).WithMany().HasForeignKey(e => e.ContactPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Project).WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(e => e.IsOpen);
        // The access rule looks enrolments up by contact person, team and district.
        b.HasIndex(e => new { e.ContactPersonId, e.End });
        b.HasIndex(e => new { e.TeamId, e.End });
        b.HasIndex(e => new { e.DistrictId, e.End });
        b.HasIndex(e => e.ResidentId);
        b.HasIndex(e => e.SubmissionId).IsUnique();
    }
}
