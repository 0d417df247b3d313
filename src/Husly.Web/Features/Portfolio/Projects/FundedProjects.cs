using Husly.Data;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Projects;

/// <summary>What another module (Calls: an award) tells Portfolio about a project it funds.</summary>
public sealed record FundedProject(
    Guid ProgrammeId,
    Guid LeadUnitId,
    string Name,
    string? Challenge,
    string? UserInvolvement,
    DateOnly Start,
    DateOnly? End,
    IReadOnlyList<Guid> CoDistricts,
    IReadOnlyList<Guid> TargetGroups,
    IReadOnlyList<Guid> Partners,
    int Year,
    long Grant,
    string GrantSource,
    long OwnContribution,
    Guid? ProjectLeadId,
    IReadOnlyList<DateOnly> ReportsDue);

/// <summary>
/// The one way into the portfolio for funding decided elsewhere: a new active project, or this year's funding added to
/// an existing one. Portfolio keeps the project's single owner and change history; it knows nothing of calls (ADR 11).
/// The project is added to the caller's context, so it is saved together with the decision that funds it.
/// </summary>
public sealed class FundedProjects(HuslyDbContext db)
{
    public async Task<Project> FundAsync(FundedProject f, Guid? existingProjectId)
    {
        var project = existingProjectId is { } id
            ? await db.Projects.Include(p => p.Funding).FirstOrDefaultAsync(p => p.Id == id && p.ProgrammeId == f.ProgrammeId)
            : null;
        if (project is null)
        {
            project = new Project
            {
                Id = Guid.CreateVersion7(),
                ProgrammeId = f.ProgrammeId,
                LeadUnitId = f.LeadUnitId,
                Name = f.Name,
                Challenge = f.Challenge,
                UserInvolvement = f.UserInvolvement,
                StartDate = f.Start,
                EndDate = f.End,
                Status = ProjectStatus.Active,
                ProjectLeadId = f.ProjectLeadId,
            };
            project.CoDistricts.AddRange(f.CoDistricts.Where(d => d != f.LeadUnitId).Distinct().Select(d => new ProjectDistrict { ProjectId = project.Id, DistrictId = d }));
            project.TargetGroups.AddRange(f.TargetGroups.Distinct().Select(t => new ProjectTargetGroup { ProjectId = project.Id, TargetGroupId = t }));
            project.Partners.AddRange(f.Partners.Distinct().Select(p => new ProjectPartner { Id = Guid.CreateVersion7(), ProjectId = project.Id, OrganisationId = p, Role = "Samarbeidspartner" }));
            project.RefreshSearchText();
            db.Projects.Add(project);
        }
        else
        {
            project.Status = ProjectStatus.Active;
            if (f.End is { } end && (project.EndDate is null || project.EndDate < end))
            {
                project.EndDate = end;
            }
        }
        project.Funding.Add(new ProjectFunding { Id = Guid.CreateVersion7(), ProjectId = project.Id, Year = f.Year, Source = FundingSource.ProgrammeGrant, SourceName = f.GrantSource, AmountNok = f.Grant });
        if (f.OwnContribution > 0)
        {
            project.Funding.Add(new ProjectFunding { Id = Guid.CreateVersion7(), ProjectId = project.Id, Year = f.Year, Source = FundingSource.OwnContribution, SourceName = "Egeninnsats", AmountNok = f.OwnContribution });
        }
        await ScheduleReportsAsync(project.Id, f.ReportsDue);
        return project;
    }

    /// <summary>Adds the award's report dates to the project's reporting schedule (a date already there is kept once).</summary>
    private async Task ScheduleReportsAsync(Guid projectId, IReadOnlyList<DateOnly> dates)
    {
        var existing = await db.StatusReports.Where(r => r.ProjectId == projectId).Select(r => r.DueOn).ToListAsync();
        foreach (var due in dates.Distinct().Except(existing))
        {
            db.StatusReports.Add(new Reporting.StatusReport { Id = Guid.CreateVersion7(), ProjectId = projectId, DueOn = due, State = Reporting.ReportState.NotStarted });
        }
    }
}
