using Husly.Data;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Outcomes.SelfAssessment;

/// <summary>The signed-in user's organisation's saved self-assessments, year against year: population, each answer and
/// what the guide recommended.</summary>
public sealed class HistoryModel(HuslyDbContext db) : PageModel
{
    public IReadOnlyList<SavedAssessment> Saved { get; private set; } = [];
    public string Organisation { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Partner) || User.FindFirst(HuslyClaims.OrganisationId) is not { } claim)
        {
            return Forbid();
        }
        var organisation = Guid.Parse(claim.Value);
        Organisation = User.FindFirst(HuslyClaims.OrganisationName)?.Value ?? "";
        Saved = await db.SavedAssessments.AsNoTracking().Where(a => a.OrganisationId == organisation).OrderBy(a => a.Year).ToListAsync(ct);
        return Page();
    }

    /// <summary>The form filled in as it was saved, to look at or to start next year's from.</summary>
    public static string Link(SavedAssessment a) => "/selvvurdering?" + string.Join('&',
        new[] { "Population=" + a.Population, a.MunicipalityNumber is { } m ? "Municipality=" + m : null }.OfType<string>()
            .Concat(a.AnswerList.Select((answer, i) => $"svar[{i}]={answer}"))) + "#resultat";
}
