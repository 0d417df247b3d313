using Husly.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Portfolio.Programmes;

public sealed class IndexModel(HuslyDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string ShortName, string Name, int StartYear, int? EndYear, string Owner, int Projects, int Active);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.Programmes.AsNoTracking().OrderByDescending(p => p.StartYear)
            .Select(p => new Row(p.Id, p.ShortName, p.Name, p.StartYear, p.EndYear, p.Owner!.Name,
                db.Projects.Count(x => x.ProgrammeId == p.Id && !x.IsArchived),
                db.Projects.Count(x => x.ProgrammeId == p.Id && !x.IsArchived && x.Status == Projects.ProjectStatus.Active)))
            .ToListAsync();
}
