using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Bench;

public sealed class BenchOptions
{
    /// <summary>Serves the benchmark's reference page. Off except in bench/run.sh.</summary>
    public bool Enabled { get; set; }
}

/// <summary>The benchmark's yardstick: the least a Razor page reading the same database can do (12 rows, no layout).
/// The project list is measured as a ratio of this page on the same machine and run.</summary>
public sealed class ReferenceModel(HuslyDbContext db, IOptions<BenchOptions> options) : PageModel
{
    public sealed record Row(string Name, string Status);

    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }
        Rows = await db.Projects.AsNoTracking().OrderBy(p => p.Name).Take(12)
            .Select(p => new Row(p.Name, p.Status.ToString())).ToListAsync();
        return Page();
    }
}
