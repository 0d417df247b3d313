using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>A project opened for its follow-up pages, with what the signed-in user may do there.</summary>
public sealed record OpenedProject(Project Project, bool CanEdit, bool CanManage);

/// <summary>The one door to a project's follow-up (reports, results, benefits): null when the user may not read the
/// project, so every page answers "not found" the same way; an archived project is read-only for everyone.</summary>
public sealed class ProjectGate(HuslyDbContext db, IAuthorizationService authorization, IHttpContextAccessor accessor)
{
    public async Task<OpenedProject?> OpenAsync(Guid projectId)
    {
        var user = accessor.HttpContext!.User;
        var project = await db.Projects.AsNoTracking().Include(p => p.Partners).Include(p => p.Programme).Include(p => p.LeadUnit)
            .Include(p => p.CoDistricts).ThenInclude(d => d.District).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == projectId);
        if (project is null || !(await authorization.AuthorizeAsync(user, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return null;
        }
        var open = !project.IsArchived;
        return new OpenedProject(project,
            open && (await authorization.AuthorizeAsync(user, project.Scope(), ProjectOperations.Edit)).Succeeded,
            open && (await authorization.AuthorizeAsync(user, project.Scope(), ProjectOperations.Manage)).Succeeded);
    }

    /// <summary>The budget to date: every year's funding up to and including the given year, whatever the source.</summary>
    public Task<long> BudgetUntilAsync(Guid projectId, int year) =>
        db.Set<ProjectFunding>().Where(f => f.ProjectId == projectId && f.Year <= year).SumAsync(f => f.AmountNok);
}
