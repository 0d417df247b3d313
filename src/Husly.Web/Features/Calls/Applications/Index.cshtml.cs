using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Applications;

/// <summary>The applications this user works on, those waiting for this director's endorsement, and those submitted to the
/// programmes this user manages.</summary>
public sealed class IndexModel(HuslyDbContext db, CallAccess calls) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Call, string Unit, ApplicationStage Stage, bool AwaitingEndorsement, DateTime ClosesAt, long Applied);

    public List<Row> Mine { get; private set; } = [];
    public List<Row> ToEndorse { get; private set; } = [];
    public List<Row> Endorsed { get; private set; } = [];
    public List<Row> Submitted { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.Id()!.Value;
        Mine = await RowsAsync(db.Applications.Where(a => a.Members.Any(m => m.UserId == me)));
        if (User.IsInRole(Roles.DistrictDirector) && User.OrganisationId() is { } district)
        {
            ToEndorse = await RowsAsync(db.Applications.Where(a => a.LeadUnitId == district && a.EndorsementRequestedAt != null));
            Endorsed = await RowsAsync(db.Applications.Where(a => a.LeadUnitId == district && a.EndorsedAt != null));
        }
        var managed = (await calls.ManagedProgrammesAsync(User)).Select(p => p.Id).ToList();
        if (managed.Count > 0)
        {
            Submitted = await RowsAsync(db.Applications.Where(a => a.Stage != ApplicationStage.Draft && a.Stage != ApplicationStage.Endorsed
                && db.Calls.Any(c => c.Id == a.CallId && managed.Contains(c.ProgrammeId))));
        }
    }

    private Task<List<Row>> RowsAsync(IQueryable<Application> query) =>
        query.AsNoTracking()
            .Join(db.Calls, a => a.CallId, c => c.Id, (a, c) => new { a, c })
            .Join(db.Organisations, x => x.a.LeadUnitId, o => o.Id, (x, o) => new { x.a, x.c, Unit = o.Name })
            .OrderByDescending(x => x.c.ClosesAt).ThenBy(x => x.a.Title).Take(500)
            .Select(x => new Row(x.a.Id, x.a.Title, x.c.Title, x.Unit, x.a.Stage, x.a.EndorsementRequestedAt != null, x.c.ClosesAt, x.a.Budget.Sum(b => b.Amount)))
            .ToListAsync();
}
