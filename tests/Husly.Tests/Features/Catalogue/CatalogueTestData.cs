using Husly.Common;
using Husly.Data.DemoData;
using Husly.Features.Catalogue;
using Husly.Features.Portfolio.Reporting;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Catalogue;

/// <summary>Solutions made straight in the database, for tests about reading and searching them.</summary>
internal static class CatalogueTestData
{
    /// <summary>A word no demo text has, so a test's search finds only its own solutions.</summary>
    public static string Marker() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8).ToArray()) + "x";

    public static async Task<Solution> AddSolutionAsync(this HuslyApp app, string title, string summary,
        string municipality = "0301", OrganisationForm? form = null, FollowUpCategory? category = null,
        SolutionState state = SolutionState.Published, string? problem = null, string? targetGroup = null, Guid? programme = null,
        string lesson = "Det tok lang tid å komme i gang.")
    {
        var now = DateTime.UtcNow;
        var solution = new Solution
        {
            Id = Guid.CreateVersion7(),
            ProgrammeId = programme ?? DemoIds.Programme("BOSin"),
            Slug = Slugs.From(title) + "-" + Guid.NewGuid().ToString("N")[..6],
            Title = title,
            Summary = summary,
            Problem = problem ?? "Et problem som trenger en løsning.",
            HowToStart = "Ta kontakt.",
            Contact = "Boligkontoret",
            MunicipalityNumber = municipality,
            OrganisationForm = form,
            Category = category,
            State = state,
            FirstPublishedAt = state == SolutionState.Published ? now : null,
            PublishedAt = state == SolutionState.Published ? now : null,
            PublishedVersion = state == SolutionState.Published ? 1 : 0,
        };
        if (targetGroup is not null)
        {
            solution.TargetGroups.Add(new SolutionTargetGroup { SolutionId = solution.Id, TargetGroupId = DemoIds.TargetGroup(targetGroup) });
        }
        var indicator = new SolutionIndicator { Id = Guid.CreateVersion7(), SolutionId = solution.Id, Name = "Personer bosatt", ResultText = "12 personer" };
        solution.Indicators.Add(indicator);
        solution.Lessons.Add(new SolutionLesson { Id = Guid.CreateVersion7(), SolutionId = solution.Id, Kind = LessonKind.Failure, Text = lesson, IndicatorId = indicator.Id });
        solution.RefreshSearchText(targetGroup is null ? [] : [targetGroup], MunicipalityRegister.Find(municipality)!.Name);
        await app.WithDbAsync(async db =>
        {
            db.Solutions.Add(solution);
            await db.SaveChangesAsync();
        });
        return solution;
    }
}
