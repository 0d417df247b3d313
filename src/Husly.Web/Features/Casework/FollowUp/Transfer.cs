using System.ComponentModel.DataAnnotations;
using Husly.Features.Administration.Organisations;
using Husly.Features.Administration.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework.FollowUp;

public enum TransferStatus
{
    [Display(Name = "Foreslått")] Proposed,
    [Display(Name = "Akseptert")] Accepted,
    [Display(Name = "Avslått")] Declined,
    [Display(Name = "Trukket tilbake")] Withdrawn,
}

/// <summary>Brukerbytte: district A proposes to move a resident's follow-up to district B, inside Husly and with the
/// resident's consent; B accepts (new enrolment, A's ends) or declines with a reason. A proposal lapses (withdrawn, with
/// why) when A withdraws it, when A's follow-up ends, or when the consent to transfer is withdrawn: while it waits it lets
/// B's team leaders read the resident, so it must not outlive its grounds.</summary>
public sealed class Transfer : Husly.Common.IResidentData
{
    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public Guid FromEnrolmentId { get; set; }
    public Guid FromDistrictId { get; set; }
    public Organisation? FromDistrict { get; set; }
    public Guid ToDistrictId { get; set; }
    public Organisation? ToDistrict { get; set; }
    public Guid ProposedById { get; set; }
    public HuslyUser? ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }

    [MaxLength(2000)]
    public string Note { get; set; } = "";

    public TransferStatus Status { get; set; }
    public Guid? DecidedById { get; set; }
    public HuslyUser? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    [MaxLength(1000)]
    public string? DeclineReason { get; set; }

    public Guid? NewEnrolmentId { get; set; }

    // Why a proposal lapsed: stored in Norwegian like every record, shown through the localizer.
    public const string EnrolmentEnded = "Oppfølgingen i bydelen som foreslo brukerbyttet, ble avsluttet.";
    public const string ConsentWithdrawn = "Samtykket til brukerbytte ble trukket tilbake.";
    public const string ConsentLapsed = "Brukeren har ikke lenger gyldig samtykke til brukerbytte.";
    public const string WithdrawnBySender = "Bydelen som foreslo brukerbyttet, trakk forslaget tilbake.";

    /// <summary>Ends a proposal that is still waiting; the reason is shown where a decline's would be.</summary>
    public bool Withdraw(string reason, Guid by, DateTime at)
    {
        if (Status != TransferStatus.Proposed)
        {
            return false;
        }
        Status = TransferStatus.Withdrawn;
        DeclineReason = reason;
        DecidedById = by;
        DecidedAt = at;
        Version = Guid.NewGuid();
        return true;
    }

    /// <summary>Renewed by every decision, so that of two team leaders answering at once exactly one wins.</summary>
    [ConcurrencyCheck]
    public Guid Version { get; set; }
}

internal sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.HasOne(t => t.FromDistrict).WithMany().HasForeignKey(t => t.FromDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ToDistrict).WithMany().HasForeignKey(t => t.ToDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ProposedBy).WithMany().HasForeignKey(t => t.ProposedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.DecidedBy).WithMany().HasForeignKey(t => t.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.ToDistrictId, t.Status });
        b.HasIndex(t => t.ResidentId);
    }
}
