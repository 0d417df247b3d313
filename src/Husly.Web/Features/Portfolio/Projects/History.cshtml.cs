using Husly.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Projects;

public sealed class HistoryModel(HuslyDbContext db, IAuthorizationService authorization, ChangeHistory history) : PageModel
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public List<HistoryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Partners).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return NotFound();
        }
        Id = id;
        Name = project.Name;
        Rows = await history.ForAsync(nameof(Project), id);
        return Page();
    }
}
