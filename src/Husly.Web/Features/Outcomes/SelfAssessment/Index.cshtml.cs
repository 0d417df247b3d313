using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Catalogue;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Outcomes.SelfAssessment;

/// <summary>The municipal self-assessment (issue 13 §4, seed 004), open to anyone: the population and the guide's
/// fourteen questions give recommended ways of organising housing follow-up and follow-up categories, each with why,
/// and the catalogue's solutions that match. The assessment is a GET form (nothing is stored, a link can be shared);
/// someone signed in for a municipality or district saves it for a year and compares the years.</summary>
[AllowAnonymous]
public sealed class IndexModel(HuslyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxPopulation = 1_500_000;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Kommune")]
    [StringLength(4, ErrorMessage = "Velg en kommune fra listen.")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Antall innbyggere")]
    [StringLength(12, ErrorMessage = "Skriv antall innbyggere som et helt tall, for eksempel 25 000.")]
    public string? Population { get; set; }

    /// <summary>The answers, read from svar[0] … svar[13] (not model-bound: a gap in the numbering must not drop the rest).</summary>
    public List<Answer> Answers { get; private set; } = [];

    /// <summary>The year a signed-in user saves the assessment for.</summary>
    [BindProperty]
    [Display(Name = "År")]
    public int? SaveYear { get; set; }

    /// <summary>The saved assessments' versions the form was shown with, as "year:version" pairs; a year without one was not
    /// saved then.</summary>
    [BindProperty(Name = "Versions")]
    [StringLength(200, ErrorMessage = "Skjemaet kom ikke fram riktig. Last siden på nytt og lagre igjen.")]
    public string? VersionsShown { get; set; }

    public Dictionary<int, Guid> Versions { get; private set; } = [];

    /// <summary>The years a signed-in user can save for: this year and the one before.</summary>
    public IReadOnlyList<int> SaveYears => [ThisYear, ThisYear - 1];

    public List<SelectListItem> Municipalities { get; private set; } = [];
    public Guide.Assessment? Result { get; private set; }
    public string? MunicipalityName { get; private set; }
    public Dictionary<string, (int Count, List<(string Title, string Slug)> Examples)> Matches { get; } = [];
    public string? OrganisationName { get; private set; }
    public bool MaySave => User.Identity?.IsAuthenticated == true && !User.IsInRole(Roles.Partner) && User.FindFirst(HuslyClaims.OrganisationId) is not null;
    public int ThisYear => Platform.Localization.Format.ToOslo(clock.GetUtcNow().UtcDateTime).Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Population is null && !Request.Query.Keys.Any(k => k.StartsWith("svar[", StringComparison.OrdinalIgnoreCase)))
        {
            return Page(); // the empty form
        }
        if (await AssessAsync(ct) is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (!MaySave)
        {
            return Forbid();
        }
        await LoadAsync(ct);
        var assessment = await AssessAsync(ct);
        // Only the years the form offers (and whose saved versions it carries): this year and last.
        if (ModelState.GetFieldValidationState(nameof(SaveYear)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && (SaveYear is not { } year || !SaveYears.Contains(year)))
        {
            ModelState.AddModelError(nameof(SaveYear), l["Velg {0} eller {1}.", SaveYears[0], SaveYears[1]]);
        }
        if (assessment is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var organisation = Guid.Parse(User.FindFirst(HuslyClaims.OrganisationId)!.Value);
        var saved = await db.SavedAssessments.FirstOrDefaultAsync(a => a.OrganisationId == organisation && a.Year == SaveYear, ct);
        var shown = (VersionsShown ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':'))
            .Where(p => p.Length == 2 && int.TryParse(p[0], out _) && Guid.TryParse(p[1], out _))
            .ToDictionary(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => Guid.Parse(p[1]));
        if (saved?.Version != (shown.TryGetValue(SaveYear!.Value, out var version) ? version : null))
        {
            ModelState.AddModelError("", l["Vurderingen for {0} ble lagret av {1} etter at du åpnet siden. Se den i historikken; lagre igjen hvis dine svar skal gjelde.", SaveYear!.Value, saved?.ChangedBy ?? "–"]);
            await VersionsAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        saved ??= db.SavedAssessments.Add(new SavedAssessment { Id = Guid.CreateVersion7(), OrganisationId = organisation, Year = SaveYear!.Value }).Entity;
        saved.MunicipalityNumber = string.IsNullOrEmpty(Municipality) ? null : Municipality;
        saved.Population = assessment.Population;
        saved.Answers = SavedAssessment.Encode(Enumerable.Range(0, Guide.Questions.Count).Select(i => i < Answers.Count ? Answers[i] : Answer.Unknown));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same year at the same moment (the unique index): theirs stands, this one is shown again.
            ModelState.AddModelError("", l["Vurderingen for {0} ble lagret av noen andre samtidig. Se den i historikken; lagre igjen hvis dine svar skal gjelde.", SaveYear!.Value]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData.Flash(l["Vurderingen for {0} er lagret.", SaveYear!.Value]);
        return Redirect("/selvvurdering/historikk");
    }

    /// <summary>svar[i] for each question, in the query (the assessment) or the form (saving). False when an answer is not one
    /// of the choices or names a question that does not exist.</summary>
    private bool ReadAnswers()
    {
        var source = Request.HasFormContentType ? Request.Form.Select(f => (f.Key, Value: f.Value.ToString())) : Request.Query.Select(q => (q.Key, Value: q.Value.ToString()));
        var answers = Enumerable.Repeat(Answer.Unknown, Guide.Questions.Count).ToArray();
        var any = false;
        var ok = true;
        foreach (var (key, value) in source.Where(p => p.Key.StartsWith("svar[", StringComparison.OrdinalIgnoreCase)))
        {
            if (!int.TryParse(key.AsSpan(5, Math.Max(0, key.Length - 6)), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
                || !key.EndsWith(']') || i >= answers.Length || !Enum.TryParse<Answer>(value, ignoreCase: false, out var answer) || !Enum.IsDefined(answer) || int.TryParse(value, out _))
            {
                ok = false;
                continue;
            }
            answers[i] = answer;
            any = true;
        }
        Answers = any ? [.. answers] : [];
        return ok;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Municipalities = [.. (await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Number, m.Name }).ToListAsync(ct))
            .Select(m => new SelectListItem(m.Name, m.Number, m.Number == Municipality))];
        if (User.FindFirst(HuslyClaims.OrganisationName) is { } org)
        {
            OrganisationName = org.Value;
        }
        if (Request.Method == HttpMethods.Get && MaySave)
        {
            await VersionsAsync(ct);
        }
    }

    /// <summary>A refused save shows the form again with the versions as they are now, so the next save compares with those.</summary>
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (Request.Method == HttpMethods.Post && MaySave && executed.Result is PageResult && Response.StatusCode == StatusCodes.Status422UnprocessableEntity)
        {
            await VersionsAsync(HttpContext.RequestAborted);
        }
    }

    private async Task VersionsAsync(CancellationToken ct)
    {
        var organisation = Guid.Parse(User.FindFirst(HuslyClaims.OrganisationId)!.Value);
        var years = SaveYears;
        Versions = await db.SavedAssessments.AsNoTracking().Where(a => a.OrganisationId == organisation && years.Contains(a.Year))
            .ToDictionaryAsync(a => a.Year, a => a.Version, ct);
    }

    /// <summary>Checks the answers and works out the recommendations; null (with the errors in the model state) when the
    /// input cannot be assessed.</summary>
    private async Task<Guide.Assessment?> AssessAsync(CancellationToken ct)
    {
        var digits = new string((Population ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '\u00a0' or '\u202f')).ToArray());
        int? population = int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
        if (ModelState.GetFieldValidationState(nameof(Population)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            // Already told (too long).
        }
        else if (string.IsNullOrWhiteSpace(Population))
        {
            ModelState.AddModelError(nameof(Population), l["Skriv antall innbyggere i kommunen."]);
        }
        else if (population is not { } n || n < 1 || n > MaxPopulation)
        {
            ModelState.AddModelError(nameof(Population), l["Skriv antall innbyggere som et helt tall mellom 1 og 1 500 000, for eksempel 25 000."]);
        }
        if (!ReadAnswers())
        {
            ModelState.AddModelError(nameof(Answers), l["Svarene kom ikke fram riktig. Svar på spørsmålene igjen."]);
        }
        if (!string.IsNullOrEmpty(Municipality) && ModelState.GetFieldValidationState(nameof(Municipality)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            MunicipalityName = Municipalities.FirstOrDefault(m => m.Value == Municipality)?.Text;
            if (MunicipalityName is null)
            {
                ModelState.AddModelError(nameof(Municipality), l["Velg en kommune fra listen."]);
            }
        }
        if (!ModelState.IsValid)
        {
            return null;
        }
        Result = Guide.Assess(population!.Value, Answers);
        // Published catalogue solutions that use each recommended way of organising or category.
        var published = db.Solutions.AsNoTracking().Where(s => s.State == SolutionState.Published);
        foreach (var r in Result.Forms)
        {
            var form = r.Form!.Value;
            Matches["f:" + form] = (await published.CountAsync(s => s.OrganisationForm == form, ct),
                [.. (await published.Where(s => s.OrganisationForm == form).OrderByDescending(s => s.PublishedAt).Take(3)
                    .Select(s => new { s.Title, s.Slug }).ToListAsync(ct)).Select(s => (s.Title, s.Slug))]);
        }
        foreach (var r in Result.Categories)
        {
            var category = r.Category!.Value;
            Matches["c:" + category] = (await published.CountAsync(s => s.Category == category, ct),
                [.. (await published.Where(s => s.Category == category).OrderByDescending(s => s.PublishedAt).Take(3)
                    .Select(s => new { s.Title, s.Slug }).ToListAsync(ct)).Select(s => (s.Title, s.Slug))]);
        }
        return Result;
    }
}
