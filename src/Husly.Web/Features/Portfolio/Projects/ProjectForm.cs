using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Projects;

/// <summary>The fields of the project form, shared by Create and Edit.</summary>
public sealed class ProjectInput
{
    [Required(ErrorMessage = "Velg program.")]
    [Display(Name = "Program")]
    public Guid? ProgrammeId { get; set; }

    [Required(ErrorMessage = "Skriv inn navnet på prosjektet.")]
    [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
    [Display(Name = "Navn")]
    public string Name { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    [Display(Name = "Sammendrag")]
    public string? Summary { get; set; }

    [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    [Display(Name = "Utfordringen")]
    public string? Challenge { get; set; }

    [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    [Display(Name = "Brukermedvirkning")]
    public string? UserInvolvement { get; set; }

    [Required(ErrorMessage = "Velg ansvarlig enhet.")]
    [Display(Name = "Ansvarlig enhet")]
    public Guid? LeadUnitId { get; set; }

    [Display(Name = "Samarbeidsbydeler")]
    public List<Guid> CoDistrictIds { get; set; } = [];

    [Display(Name = "Målgrupper")]
    public List<Guid> TargetGroupIds { get; set; } = [];

    [Display(Name = "Prosjektleder")]
    public Guid? ProjectLeadId { get; set; }

    [Required(ErrorMessage = "Skriv inn startdato.")]
    [Display(Name = "Startdato")]
    [Husly.Platform.Forms.PlausibleDate(30, 10)]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Sluttdato")]
    [Husly.Platform.Forms.PlausibleDate(30, 20)]
    public DateOnly? EndDate { get; set; }

    [Required(ErrorMessage = "Velg status.")]
    [Display(Name = "Status")]
    public ProjectStatus? Status { get; set; }

    [Display(Name = "Innovasjonsfase")]
    public InnovationPhase Phase { get; set; } = InnovationPhase.Exploring;

    public Guid Version { get; set; }

    public static ProjectInput From(Project p) => new()
    {
        ProgrammeId = p.ProgrammeId,
        Name = p.Name,
        Summary = p.Summary,
        Challenge = p.Challenge,
        UserInvolvement = p.UserInvolvement,
        LeadUnitId = p.LeadUnitId,
        CoDistrictIds = p.CoDistricts.Select(d => d.DistrictId).ToList(),
        TargetGroupIds = p.TargetGroups.Select(t => t.TargetGroupId).ToList(),
        ProjectLeadId = p.ProjectLeadId,
        StartDate = p.StartDate,
        EndDate = p.EndDate,
        Status = p.Status,
        Phase = p.Phase,
        Version = p.Version,
    };
}

/// <summary>Choices and server-side checks for the project form.</summary>
public sealed class ProjectForm(HuslyDbContext db, PortfolioLookups lookups, IStringLocalizer<SharedResource> l)
{
    public sealed record Choices(
        List<SelectListItem> Programmes, List<SelectListItem> LeadUnits, List<SelectListItem> Districts,
        List<SelectListItem> TargetGroups, List<SelectListItem> ProjectLeads);

    public async Task<Choices> ChoicesAsync() => new(
        await lookups.ProgrammesAsync(), await lookups.LeadUnitsAsync(), await lookups.DistrictsAsync(),
        await lookups.TargetGroupsAsync(), await lookups.ProjectLeadsAsync());

    /// <summary>Checks that every chosen id exists and is of the right kind: a posted form can hold anything.</summary>
    public async Task CheckReferencesAsync(ProjectInput input, ModelStateDictionary modelState, string prefix)
    {
        if (input.ProgrammeId is { } programme && !await db.Programmes.AnyAsync(p => p.Id == programme))
        {
            modelState.AddModelError(prefix + nameof(input.ProgrammeId), l["Programmet finnes ikke."]);
        }
        if (input.LeadUnitId is { } unit && !await db.Organisations.AnyAsync(o => o.Id == unit &&
                (o.Kind == OrganisationKind.District || o.Kind == OrganisationKind.Agency)))
        {
            modelState.AddModelError(prefix + nameof(input.LeadUnitId), l["Velg en bydel eller etat som ansvarlig enhet."]);
        }
        var districts = input.CoDistrictIds.Distinct().ToList();
        if (districts.Count > 0 && await db.Organisations.CountAsync(o => districts.Contains(o.Id) && o.Kind == OrganisationKind.District) != districts.Count)
        {
            modelState.AddModelError(prefix + nameof(input.CoDistrictIds), l["Samarbeidsbydelene må være bydeler."]);
        }
        var groups = input.TargetGroupIds.Distinct().ToList();
        if (groups.Count > 0 && await db.TargetGroups.CountAsync(t => groups.Contains(t.Id)) != groups.Count)
        {
            modelState.AddModelError(prefix + nameof(input.TargetGroupIds), l["En av målgruppene finnes ikke."]);
        }
        if (input.ProjectLeadId is { } lead)
        {
            var roleId = await db.Roles.Where(r => r.Name == Roles.ProjectLead).Select(r => r.Id).FirstAsync();
            if (!await db.Users.AnyAsync(u => u.Id == lead && u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId)))
            {
                modelState.AddModelError(prefix + nameof(input.ProjectLeadId), l["Velg en aktiv bruker med rollen prosjektleder."]);
            }
        }
    }

    /// <summary>Copies the form onto the project, syncing co-districts and target groups row by row (so history sees them).</summary>
    public static void Apply(ProjectInput input, Project project)
    {
        project.ProgrammeId = input.ProgrammeId!.Value;
        project.Name = input.Name.Trim();
        project.Summary = Blank(input.Summary);
        project.Challenge = Blank(input.Challenge);
        project.UserInvolvement = Blank(input.UserInvolvement);
        project.LeadUnitId = input.LeadUnitId!.Value;
        project.ProjectLeadId = input.ProjectLeadId;
        project.StartDate = input.StartDate!.Value;
        project.EndDate = input.EndDate;
        project.Status = input.Status!.Value;

        var districts = input.CoDistrictIds.Distinct().ToHashSet();
        project.CoDistricts.RemoveAll(d => !districts.Contains(d.DistrictId));
        project.CoDistricts.AddRange(districts.Where(d => project.CoDistricts.All(x => x.DistrictId != d))
            .Select(d => new ProjectDistrict { ProjectId = project.Id, DistrictId = d }));

        var groups = input.TargetGroupIds.Distinct().ToHashSet();
        project.TargetGroups.RemoveAll(t => !groups.Contains(t.TargetGroupId));
        project.TargetGroups.AddRange(groups.Where(g => project.TargetGroups.All(x => x.TargetGroupId != g))
            .Select(g => new ProjectTargetGroup { ProjectId = project.Id, TargetGroupId = g }));
        project.RefreshSearchText();
    }

    public void AddRuleErrors(IEnumerable<Common.RuleError> errors, ModelStateDictionary modelState, string prefix)
    {
        foreach (var error in errors)
        {
            var field = error.Field switch
            {
                nameof(Project.CoDistricts) => nameof(ProjectInput.CoDistrictIds),
                _ => error.Field,
            };
            modelState.AddModelError(string.IsNullOrEmpty(field) ? "" : prefix + field, l[error.Message]);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
