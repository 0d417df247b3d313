using Husly.Features.Administration.Users;
using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Administration.Mail;
using Husly.Features.Calls.Applications;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Assessment;

/// <summary>The programme manager assigns reviewers (at least two are needed for an overview worth the name) to a submitted
/// application; the first assignment moves it into assessment and tells the applicants.</summary>
public sealed class ReviewersModel(HuslyDbContext db, ApplicationAccess access, Outbox outbox, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MinimumReviewers = 2;

    public sealed record Row(Guid ReviewId, string Name, string Status, bool MayRemove, bool IsRecused);

    [BindProperty]
    [Display(Name = "E-postadressen til fagvurdereren")]
    [Required(ErrorMessage = "Skriv e-postadressen til den du vil be om en vurdering.")]
    [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
    [StringLength(320, ErrorMessage = "E-postadressen kan ha høyst 320 tegn.")]
    public string? Email { get; set; }

    public OpenApplication Open { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await OpenAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        var a = Open.Application;
        if (a.Stage is not (ApplicationStage.Submitted or ApplicationStage.InAssessment or ApplicationStage.SecondAssessment))
        {
            ModelState.AddModelError("", l["Søknaden er ikke til vurdering."]);
        }
        var user = ModelState.IsValid ? await People.ActiveByEmailAsync(db, Email) : null;
        if (ModelState.IsValid && user is null)
        {
            ModelState.AddModelError(nameof(Email), l["Ingen aktiv bruker i Husly har denne adressen. Be en administrator opprette brukeren først."]);
        }
        if (user is not null && a.Members.Any(m => m.UserId == user.Id))
        {
            ModelState.AddModelError(nameof(Email), l["Personen er med på søknaden og kan ikke vurdere den."]);
        }
        else if (user is not null && user.OrganisationId == a.LeadUnitId && await People.ActiveDistrictDirectors(db).AnyAsync(u => u.Id == user.Id))
        {
            ModelState.AddModelError(nameof(Email), l["Bydelsdirektøren i bydelen som søker, kan ikke vurdere søknaden."]);
        }
        if (user is not null && await db.Reviews.AnyAsync(r => r.ApplicationId == id && r.ReviewerId == user.Id))
        {
            ModelState.AddModelError(nameof(Email), l["Personen er allerede bedt om en vurdering."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Reviews.Add(new Review { Id = Guid.CreateVersion7(), ApplicationId = id, ReviewerId = user!.Id, AssignedAt = now });
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = now, By = Open.Viewer.Name, What = "Fagvurderer lagt til" });
        outbox.Queue(user.Email!, user.DisplayName, $"Be om vurdering: {a.Title}",
            $"Hei {user.DisplayName},\n\n{Open.Viewer.Name} ber deg vurdere søknaden «{a.Title}» til «{Open.Call.Title}».\n\nEr du inhabil, sier du fra på vurderingssiden før du leser videre.\n\nVurder søknaden: {outbox.Link($"/applications/{id}/review")}",
            "review");
        var tracked = await db.Applications.FirstAsync(x => x.Id == id);
        if (tracked.Stage == ApplicationStage.Submitted)
        {
            tracked.Stage = ApplicationStage.InAssessment;
            db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = now, By = Open.Viewer.Name, What = "Til vurdering" });
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["Noen andre endret søknaden samtidig. Ingenting er lagret. Se over den og prøv igjen."]);
            await OpenAsync(id);
            return Page();
        }
        TempData.Flash(l["{0} er bedt om en vurdering.", user.DisplayName]);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid reviewId)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (await db.Reviews.Where(r => r.Id == reviewId && r.ApplicationId == id && r.SubmittedAt == null).ExecuteDeleteAsync() == 0)
        {
            ModelState.AddModelError("", l["En innlevert vurdering kan ikke fjernes."]);
            await OpenAsync(id);
            return Page();
        }
        TempData.Flash(l["Fagvurdereren er fjernet."]);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null)
        {
            return NotFound();
        }
        if (!open.Viewer.IsManager)
        {
            return Forbid();
        }
        Open = open;
        Rows = [.. (await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.AssignedAt)
            .Join(db.Users, r => r.ReviewerId, u => u.Id, (r, u) => new { r.Id, u.DisplayName, r.ConflictDeclaredAt, r.SubmittedAt }).ToListAsync())
            .Select(r => new Row(r.Id, r.DisplayName,
                r.ConflictDeclaredAt is not null ? l["Inhabil"] : r.SubmittedAt is not null ? l["Levert"] : l["Ikke levert"],
                r.SubmittedAt is null, r.ConflictDeclaredAt is not null))];
        return null;
    }
}
