using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Programmes;

public sealed class DetailsModel(HuslyDbContext db, IAuthorizationService authorization, ChangeHistory history) : PageModel
{
    public InnovationProgramme Programme { get; private set; } = null!;
    public List<(ProjectStatus Status, int Count)> ProjectsByStatus { get; private set; } = [];
    public List<(string District, int Count)> ProjectsByDistrict { get; private set; } = [];
    public List<string> Managers { get; private set; } = [];
    public List<HistoryRow> History { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking().AsSplitQuery()
            .Include(p => p.Owner).Include(p => p.Goals).Include(p => p.FocusAreas).ThenInclude(f => f.Items)
            .Include(p => p.Groups).ThenInclude(g => g.Members).Include(p => p.Groups).ThenInclude(g => g.District)
            .FirstOrDefaultAsync(p => p.Id == id);
        if (programme is null)
        {
            return NotFound();
        }
        Programme = programme;
        var projects = db.Projects.AsNoTracking().Where(p => p.ProgrammeId == id && !p.IsArchived)
            .Where(ProjectAuthorizationHandler.ReadableBy(User));
        ProjectsByStatus = (await projects.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .OrderBy(x => x.Key).Select(x => (x.Key, x.Count)).ToList();
        ProjectsByDistrict = (await projects.GroupBy(p => p.LeadUnit!.Name).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .OrderBy(x => x.Key, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))
            .Select(x => (x.Key, x.Count)).ToList();
        Managers = await db.ProgrammeManagers.Where(m => m.ProgrammeId == id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.DisplayName).OrderBy(n => n).ToListAsync();
        History = await history.ForAsync(nameof(InnovationProgramme), id, take: 10);
        CanEdit = (await authorization.AuthorizeAsync(User, new ProgrammeScope(id), ProgrammeOperations.Edit)).Succeeded;
        return Page();
    }
}
