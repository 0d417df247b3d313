using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Calls.Applications;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Assessment;

/// <summary>A reviewer's own page for one application: declare a conflict of interest (and leave), or score every criterion
/// 0–5 with a comment, recommend, save as they go and hand in. Reviewers never see each other's scores here.</summary>
public sealed class ReviewPageModel(HuslyDbContext db, ApplicationAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ScoreRow
    {
        public Guid CriterionId { get; set; }

        [Display(Name = "Poeng")]
        [Range(0, 5, ErrorMessage = "Velg en poengsum fra 0 til 5.")]
        public int? Score { get; set; }

        [Display(Name = "Kommentar")]
        [StringLength(2000, ErrorMessage = "Kommentaren kan ha høyst 2000 tegn.")]
        public string? Comment { get; set; }
    }

    public sealed class InputModel
    {
        public Guid Version { get; set; }
        public List<ScoreRow> Scores { get; set; } = [];

        [Display(Name = "Anbefaling")]
        public Recommendation? Recommendation { get; set; }

        [Display(Name = "Samlet vurdering")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
        public string? Comment { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    [StringLength(1000, ErrorMessage = "Teksten kan ha høyst 1000 tegn.")]
    public string? ConflictNote { get; set; }

    public OpenApplication Open { get; private set; } = null!;
    public Review Review { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        Input = new InputModel
        {
            Version = Review.Version,
            Recommendation = Review.Recommendation,
            Comment = Review.Comment,
            Scores = [.. Open.Call.Criteria.OrderBy(c => c.SortOrder).Select(c => Review.Scores.FirstOrDefault(s => s.CriterionId == c.Id) is { } s
                ? new ScoreRow { CriterionId = c.Id, Score = s.Score, Comment = s.Comment }
                : new ScoreRow { CriterionId = c.Id })],
        };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id) => SaveAsync(id, handIn: false);

    public Task<IActionResult> OnPostSubmitAsync(Guid id) => SaveAsync(id, handIn: true);

    /// <summary>Declaring a conflict of interest ends the reviewer's part: they no longer see the application or any score.</summary>
    public async Task<IActionResult> OnPostRecuseAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (Review.IsDone)
        {
            ModelState.AddModelError("", l["Vurderingen er levert og kan ikke endres."]);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var review = await db.Reviews.Include(r => r.Scores).FirstAsync(r => r.Id == Review.Id);
        review.ConflictDeclaredAt = clock.GetUtcNow().UtcDateTime;
        review.ConflictNote = string.IsNullOrWhiteSpace(ConflictNote) ? null : ConflictNote.Trim();
        review.Scores.Clear();
        review.Recommendation = null;
        review.Comment = null;
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = review.ConflictDeclaredAt.Value, By = User.DisplayName(), What = "Fagvurderer meldte seg inhabil" });
        await db.SaveChangesAsync();
        TempData.Flash(l["Du er registrert som inhabil og har ikke lenger tilgang til søknaden."]);
        return Redirect("/reviews");
    }

    private async Task<IActionResult> SaveAsync(Guid id, bool handIn)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (Review.IsDone)
        {
            ModelState.AddModelError("", l["Vurderingen er levert og kan ikke endres."]);
            return Page();
        }
        var criteria = Open.Call.Criteria;
        if (Input.Scores.Count != criteria.Count || Input.Scores.Select(s => s.CriterionId).Distinct().Count() != criteria.Count
            || Input.Scores.Any(s => !criteria.Any(c => c.Id == s.CriterionId)) || Input.Recommendation is { } r && !Enum.IsDefined(r))
        {
            ModelState.AddModelError("", l["Skjemaet var utdatert. Last siden på nytt og prøv igjen."]);
        }
        if (handIn && ModelState.IsValid)
        {
            for (var i = 0; i < Input.Scores.Count; i++)
            {
                if (Input.Scores[i].Score is null)
                {
                    ModelState.AddModelError($"Input.Scores[{i}].Score", l["Gi en poengsum før du leverer."]);
                }
            }
            if (Input.Recommendation is null)
            {
                ModelState.AddModelError("Input.Recommendation", l["Velg en anbefaling før du leverer."]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var review = await db.Reviews.Include(x => x.Scores).FirstAsync(x => x.Id == Review.Id);
        db.Entry(review).Property(x => x.Version).OriginalValue = Input.Version;
        review.Recommendation = Input.Recommendation;
        review.Comment = string.IsNullOrWhiteSpace(Input.Comment) ? null : Input.Comment.Trim();
        foreach (var row in Input.Scores)
        {
            var score = review.Scores.FirstOrDefault(s => s.CriterionId == row.CriterionId);
            if (row.Score is null)
            {
                if (score is not null)
                {
                    review.Scores.Remove(score);
                }
                continue;
            }
            if (score is null)
            {
                review.Scores.Add(score = new CriterionScore { ReviewId = review.Id, CriterionId = row.CriterionId });
            }
            score.Score = row.Score.Value;
            score.Comment = string.IsNullOrWhiteSpace(row.Comment) ? null : row.Comment.Trim();
        }
        if (handIn)
        {
            review.SubmittedAt = clock.GetUtcNow().UtcDateTime;
            db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = review.SubmittedAt.Value, By = User.DisplayName(), What = "Vurdering levert" });
        }
        db.Entry(review).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["Vurderingen er lagret fra et annet vindu mens du skrev. Ingenting er overskrevet. Last siden på nytt og før inn endringene dine."]);
            await OpenAsync(id);
            return Page();
        }
        TempData.Flash(handIn ? l["Vurderingen er levert. Takk!"] : l["Vurderingen er lagret. Du kan fortsette senere."]);
        return handIn ? Redirect("/reviews") : RedirectToPage(new { id });
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null || !open.Viewer.IsReviewer)
        {
            return NotFound();
        }
        Open = open;
        var me = User.Id()!.Value;
        Review = await db.Reviews.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.ApplicationId == id && r.ReviewerId == me);
        return null;
    }
}
