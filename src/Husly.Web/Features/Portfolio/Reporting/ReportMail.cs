using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Administration.Users;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>Who hears about a status report, and what they are told. Mail joins the outbox on the caller's context, so it
/// is sent only if the change it tells of is saved.</summary>
public sealed class ReportMail(HuslyDbContext db, Outbox outbox)
{
    /// <summary>The project's side: its project lead, or — when it has none — the lead unit's district directors.</summary>
    public async Task<List<HuslyUser>> ProjectSideAsync(Project project)
    {
        var lead = project.ProjectLeadId is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.IsActive) : null;
        return lead is not null ? [lead]
            : await People.ActiveDistrictDirectors(db).AsNoTracking().Where(u => u.OrganisationId == project.LeadUnitId).ToListAsync();
    }

    public async Task ToProjectAsync(Project project, StatusReport report, string subject, string body)
    {
        foreach (var user in await ProjectSideAsync(project))
        {
            Queue(user, project, report, subject, body);
        }
    }

    public async Task ToManagersAsync(Project project, StatusReport report, string subject, string body)
    {
        foreach (var user in await People.ActiveProgrammeManagers(db, project.ProgrammeId).AsNoTracking().ToListAsync())
        {
            Queue(user, project, report, subject, body);
        }
    }

    private void Queue(HuslyUser user, Project project, StatusReport report, string subject, string body)
    {
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return;
        }
        outbox.Queue(user.Email, user.DisplayName, $"{subject}: {project.Name}",
            $"Hei {user.DisplayName}.\n\n{body}\n\nProsjekt: {project.Name}\nRapport med frist {Format.Date(report.DueOn)}\n"
            + outbox.Link($"/portfolio/projects/{project.Id}/reports/{report.Id}"), "StatusReport");
    }
}
