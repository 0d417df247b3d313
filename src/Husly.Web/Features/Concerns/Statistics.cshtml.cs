using System.ComponentModel.DataAnnotations;
using Husly.Features.Concerns.Access;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Concerns;

/// <summary>Concerns per district and year, de-identified (no count under five persons is shown): for the follow-up
/// teams' leaders, the district directors, the programme and the privacy officer.</summary>
[Authorize(Roles = Roles.TeamLeader + "," + Roles.DistrictDirector + "," + Roles.ProgrammeManager + "," + Roles.ProgrammeOwner + "," + Roles.PrivacyOfficer)]
public sealed class StatisticsModel(ConcernStatistics statistics, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Range(2020, 2100, ErrorMessage = "Velg et år fra listen.")]
    public int? Year { get; set; }

    public int SelectedYear { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<DistrictConcernStatistics> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var thisYear = Format.ToOslo(clock.GetUtcNow().UtcDateTime).Year;
        Years = Enumerable.Range(thisYear - 4, 5).Reverse().ToList();
        SelectedYear = ModelState.IsValid && Year is { } year && Years.Contains(year) ? year : thisYear;
        Rows = await statistics.ForYearAsync(SelectedYear, ct);
    }
}
