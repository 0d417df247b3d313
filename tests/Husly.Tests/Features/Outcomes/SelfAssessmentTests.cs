using System.Net;
using Husly.Common;
using Husly.Data.DemoData;
using Husly.Features.Outcomes.SelfAssessment;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Outcomes;

/// <summary>Issue 13 §4: the guide's recommendations at each population threshold and from the answers, the public form
/// (no sign-in, bad input kept with a Norwegian message), and saving a year's answers to compare over the years.</summary>
[Collection(OutcomeTestGroup.Name)]
public sealed class SelfAssessmentTests(Apps apps)
{
    private static readonly Answer[] NoChallenges = [.. Enumerable.Repeat(Answer.No, Guide.Questions.Count)];

    private static Strength? FormAt(int population, OrganisationForm form, IReadOnlyList<Answer>? answers = null) =>
        Guide.Assess(population, answers ?? NoChallenges).Forms.FirstOrDefault(r => r.Form == form)?.Strength;

    private static Strength? CategoryAt(int population, FollowUpCategory category, IReadOnlyList<Answer>? answers = null) =>
        Guide.Assess(population, answers ?? NoChallenges).Categories.FirstOrDefault(r => r.Category == category)?.Strength;

    [Fact]
    public void The_population_thresholds_of_the_guide()
    {
        // Under 10 000: ordinary positions; own positions only worth considering from 10 000, recommended from 15 000.
        Assert.Equal(Strength.Recommended, FormAt(9_999, OrganisationForm.OrdinaryPositions));
        Assert.Null(FormAt(9_999, OrganisationForm.EarmarkedPositions));
        Assert.Null(FormAt(10_000, OrganisationForm.OrdinaryPositions));
        Assert.Equal(Strength.Consider, FormAt(10_000, OrganisationForm.EarmarkedPositions));
        Assert.Equal(Strength.Consider, FormAt(14_999, OrganisationForm.EarmarkedPositions));
        Assert.Equal(Strength.Recommended, FormAt(15_000, OrganisationForm.EarmarkedPositions));
        // Teams from 20 000.
        Assert.Null(FormAt(19_999, OrganisationForm.Team));
        Assert.Equal(Strength.Recommended, FormAt(20_000, OrganisationForm.Team));
        // ACT/FACT from 50 000; below, only as inter-municipal cooperation when the answers point to it.
        Assert.Null(CategoryAt(49_999, FollowUpCategory.OutreachTeam));
        Assert.Equal(Strength.Recommended, CategoryAt(50_000, FollowUpCategory.OutreachTeam));
        var dischargeTrouble = NoChallenges.Select((a, i) => i == 7 ? Answer.Yes : a).ToArray();
        var below = Guide.Assess(49_999, dischargeTrouble).Categories.Single(r => r.Category == FollowUpCategory.OutreachTeam);
        Assert.Equal(Strength.Consider, below.Strength);
        Assert.Contains(below.Reasons, r => r.Contains("interkommunalt", StringComparison.Ordinal));
    }

    [Fact]
    public void Answers_point_to_ways_of_organising_with_the_questions_as_the_reason()
    {
        // Yes to 6 (evictions), 11 (damage and vandalism) and 12 (tenants' rights): several challenges, concrete measures.
        var answers = NoChallenges.Select((a, i) => i is 5 or 10 or 11 ? Answer.Yes : a).ToArray();
        var result = Guide.Assess(8_000, answers);
        Assert.Equal(3, result.Challenges);
        Assert.True(result.ConcreteMeasures);
        var caretaker = result.Forms.Single(r => r.Form == OrganisationForm.EnvironmentalCaretaker);
        Assert.Equal(Strength.Consider, caretaker.Strength);
        Assert.Equal([6, 11], caretaker.YesTo);
        Assert.Equal([12], result.Forms.Single(r => r.Form == OrganisationForm.HousingSchool).YesTo);
        // Size still decides the recommended one, first in the list.
        Assert.Equal(OrganisationForm.OrdinaryPositions, result.Forms[0].Form);
        // Two yes answers are not "several"; "don't know" is not a yes.
        Assert.False(Guide.Assess(8_000, [Answer.Yes, Answer.Yes, Answer.Unknown]).ConcreteMeasures);
    }

    private static string Query(int population, params int[] yes) =>
        $"/selvvurdering?Population={Uri.EscapeDataString(population.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("nb-NO")))}&"
        + string.Join('&', Enumerable.Range(0, Guide.Questions.Count).Select(i => $"svar[{i}]={(yes.Contains(i + 1) ? "Yes" : "No")}"));

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Anyone_assesses_their_municipality_without_signing_in(TestDatabase db)
    {
        var app = apps[db];
        var anonymous = app.ClientFor();
        var empty = await anonymous.GetPageAsync("/selvvurdering");
        Assert.Equal(Guide.Questions.Count, empty.QuerySelectorAll(".question-list > li").Length);
        Assert.Null(empty.QuerySelector("#resultat"));

        // "25 000" as Norwegians write it (a no-break space from the formatter), yes to questions 1, 3 and 5.
        var result = await anonymous.GetPageAsync(Query(25_000, 1, 3, 5) + "&Municipality=3301");
        var text = result.QuerySelector(".assessment-result")!.TextContent;
        Assert.Contains("Drammen", text, StringComparison.Ordinal);
        Assert.Contains("konkrete tiltak", text, StringComparison.Ordinal);
        var team = result.QuerySelectorAll(".recommendation").First(r => r.QuerySelector("h4")!.TextContent.Contains("Team", StringComparison.Ordinal));
        Assert.Contains("Anbefalt", team.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fra 20 000 innbyggere", team.TextContent, StringComparison.Ordinal);
        Assert.Contains("spørsmål 3", team.TextContent, StringComparison.Ordinal);
        // Matching catalogue solutions: a search link filtered on the way of organising, with a count.
        Assert.Contains(result.QuerySelectorAll(".recommendation a"), a => a.GetAttribute("href") == "/losninger?Form=Team" || a.GetAttribute("href")!.StartsWith("/losninger/", StringComparison.Ordinal)
            || a.GetAttribute("href") == "/losninger?Category=SupportedHousing");
        // No save form without signing in; a link to sign in instead.
        Assert.Null(result.QuerySelector("form[action*='handler=Save']"));
        Assert.NotNull(result.QuerySelector("a[href^='/account/login']"));

        // Bad input: a Norwegian message, the typed text kept, the answers still checked.
        var bad = await anonymous.GetAsync("/selvvurdering?Population=mange&svar[0]=Yes");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badPage = await Html.ParseAsync(bad);
        Assert.Contains("helt tall mellom 1 og 1 500 000", badPage.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("mange", badPage.QuerySelector("[name='Population']")!.GetAttribute("value"));
        Assert.NotNull(badPage.QuerySelector("#svar-0-Yes[checked]"));
        var forged = await Html.ParseAsync(await anonymous.GetAsync("/selvvurdering?Population=5000&svar[0]=Kanskje&svar[99]=Yes&Municipality=9999"));
        var messages = forged.QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("Velg en kommune fra listen.", messages, StringComparison.Ordinal);
        Assert.Contains("Svarene kom ikke fram riktig", messages, StringComparison.Ordinal);
        Assert.Single(forged.QuerySelectorAll("#form-errors li"), li => li.TextContent.Contains("kommune", StringComparison.Ordinal));
        // A gap in the numbering loses no answer.
        var gap = await anonymous.GetPageAsync("/selvvurdering?Population=5000&svar[0]=Yes&svar[1]=Yes&svar[2]=Yes&svar[13]=Yes");
        Assert.Contains("ja på 4 av 14", gap.QuerySelector(".assessment-result")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid", messages, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_district_saves_its_answers_for_a_year_and_compares_the_years(TestDatabase db)
    {
        var app = apps[db];
        var director = app.ClientFor(DemoAccounts.DirectorFrogner);
        var organisation = DemoIds.Organisation("Bydel Frogner");
        await app.WithDbAsync(d => d.SavedAssessments.Where(a => a.OrganisationId == organisation).ExecuteDeleteAsync());
        var thisYear = DateTime.UtcNow.Year;

        // Last year: 60 000 inhabitants, yes to 1 and 2.
        var page = await director.GetPageAsync(Query(60_000, 1, 2));
        // A year the form does not offer (tampered) is refused with the ones it does.
        var tampered = await director.SubmitAsync(page, "form[action*='handler=Save']", new Dictionary<string, string?[]?> { ["SaveYear"] = ["2010"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tampered.StatusCode);
        Assert.Contains($"Velg {thisYear} eller {thisYear - 1}.", (await Html.ParseAsync(tampered)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(d => d.SavedAssessments.AnyAsync(a => a.OrganisationId == organisation)));
        var saved = await director.SubmitAsync(page, "form[action*='handler=Save']", new Dictionary<string, string?[]?> { ["SaveYear"] = [(thisYear - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] });
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(saved)).QuerySelector("#form-errors")?.TextContent);
        // This year: yes to 1, 2, 6 and 11.
        page = await director.GetPageAsync(Query(61_000, 1, 2, 6, 11));
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(page, "form[action*='handler=Save']")).StatusCode);

        var history = await director.GetPageAsync("/selvvurdering/historikk");
        var table = history.QuerySelector("#history")!;
        Assert.Equal([(thisYear - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), thisYear.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            table.QuerySelectorAll("thead th a").Select(a => a.TextContent));
        var challenges = table.QuerySelectorAll("tbody tr").First(tr => tr.TextContent.Contains("Ja-svar", StringComparison.Ordinal));
        Assert.Equal(["2", "4"], challenges.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("61", table.TextContent, StringComparison.Ordinal);

        // A form opened before someone else saved the same year is refused, not overwriting theirs.
        var stalePage = await director.GetPageAsync(Query(10_000));
        var colleague = app.ClientFor(DemoAccounts.LeadFrogner);
        var theirs = await colleague.GetPageAsync(Query(62_000, 3));
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.SubmitAsync(theirs, "form[action*='handler=Save']")).StatusCode);
        var stale = await director.SubmitAsync(stalePage, "form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("etter at du åpnet siden", (await Html.ParseAsync(stale)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var stored = await app.QueryAsync(d => d.SavedAssessments.AsNoTracking().SingleAsync(a => a.OrganisationId == organisation && a.Year == thisYear));
        Assert.Equal(62_000, stored.Population);

        // A partner has no municipality to save for; someone not signed in is sent to sign in.
        var partner = app.ClientFor(DemoAccounts.PartnerNav);
        Assert.Null((await partner.GetPageAsync(Query(5_000))).QuerySelector("form[action*='handler=Save']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/selvvurdering/historikk")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.ClientFor().GetAsync("/selvvurdering/historikk")).StatusCode);
    }
}
