using Husly.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Catalogue;

public sealed record SpreadRanking(
    string Slug, string Title, string Municipality, int Adoptions, int Municipalities, int InOperation, int Stopped, int WithResults);

/// <summary>The programme's view of spread: published solutions ranked by how widely they have been adopted, and by
/// results reported where adopted. Open to everyone signed in: it holds nothing that is not on the public pages.</summary>
public sealed class SpreadModel(HuslyDbContext db) : PageModel
{
    public List<SpreadRanking> Rows { get; private set; } = [];
    public string Sort { get; private set; } = "spread";

    public async Task OnGetAsync(string? sort, CancellationToken ct)
    {
        Sort = sort == "results" ? "results" : "spread";
        var rows = await db.Solutions.AsNoTracking().Where(s => s.State == SolutionState.Published && db.Adoptions.Any(a => a.SolutionId == s.Id))
            .Select(s => new SpreadRanking(s.Slug, s.Title, s.Municipality!.Name,
                db.Adoptions.Count(a => a.SolutionId == s.Id),
                db.Adoptions.Where(a => a.SolutionId == s.Id).Select(a => a.MunicipalityNumber).Distinct().Count(),
                db.Adoptions.Count(a => a.SolutionId == s.Id && a.Status == AdoptionStatus.InOperation),
                db.Adoptions.Count(a => a.SolutionId == s.Id && a.Status == AdoptionStatus.Stopped),
                db.Adoptions.Count(a => a.SolutionId == s.Id && a.Results.Any())))
            .ToListAsync(ct);
        Rows = Sort == "results"
            ? rows.OrderByDescending(r => r.WithResults).ThenByDescending(r => r.InOperation).ThenBy(r => r.Title, StringComparer.Ordinal).ToList()
            : rows.OrderByDescending(r => r.Adoptions).ThenByDescending(r => r.Municipalities).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
    }
}
