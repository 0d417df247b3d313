using Husly.Data;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Calls.Applications;

/// <summary>
/// Saves a change to an application's members or attachments together with a new version of the application, so the
/// change cannot slip past a lock taken meanwhile (endorsement asked, submitted) and every other open form or step sees
/// that something changed. False: the application was locked or changed by someone else; nothing was saved.
/// </summary>
public static class ApplicationChange
{
    public static async Task<bool> TrySaveAsync(HuslyDbContext db, OpenApplication open)
    {
        var application = await db.Applications.FirstAsync(a => a.Id == open.Application.Id);
        if (!application.IsOpenForChanges || application.Version != open.Application.Version)
        {
            return false;
        }
        db.Entry(application).Property(a => a.Version).OriginalValue = open.Application.Version;
        db.Entry(application).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
