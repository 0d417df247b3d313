using Husly.Data;
using Husly.Features.Calls.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Awards;

/// <summary>The latest decision letter, printable (and saved as PDF from the browser's print dialogue).</summary>
public sealed class LetterModel(HuslyDbContext db, ApplicationAccess access) : PageModel
{
    public DecisionLetter.Letter Letter { get; private set; } = null!;
    public FundingDecision Decision { get; private set; } = null!;
    public string Programme { get; private set; } = "";
    public Guid ApplicationId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null)
        {
            return NotFound();
        }
        var decision = await db.FundingDecisions.AsNoTracking().Include(d => d.Reports).Where(d => d.ApplicationId == id).OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync();
        if (decision is null || !(open.Viewer.IsMember || open.Viewer.IsManager || open.Viewer.IsEndorser))
        {
            return NotFound();
        }
        Decision = decision;
        ApplicationId = id;
        Programme = await db.Programmes.AsNoTracking().Where(p => p.Id == open.Call.ProgrammeId).Select(p => p.Name).SingleAsync();
        var unit = await db.Organisations.AsNoTracking().Where(o => o.Id == open.Application.LeadUnitId).Select(o => o.Name).SingleAsync();
        Letter = DecisionLetter.Compose(open.Application, open.Call, decision, Programme, unit);
        return Page();
    }
}
