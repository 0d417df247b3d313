using System.ComponentModel.DataAnnotations;
using Husly.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Administration.Organisations;

public enum OrganisationKind
{
    [Display(Name = "Kommune")] Municipality,
    [Display(Name = "Byrådsavdeling")] CityDepartment,
    [Display(Name = "Etat")] Agency,
    [Display(Name = "Bydel")] District,
    [Display(Name = "Samarbeidspartner")] Partner,
    [Display(Name = "Team")] Team,
}

/// <summary>A unit in the organisation register: the municipality, its departments and agencies, the 15 districts,
/// and partner organisations. Every user belongs to one.</summary>
public sealed class Organisation : Auditable
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public Guid? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    public bool IsActive { get; set; } = true;
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasIndex(o => o.Name).IsUnique();
        b.HasIndex(o => o.Kind);
        b.HasOne(o => o.Parent).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
