using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Casework;

/// <summary>Break the glass, the resident's "who has looked at me" report, and the privacy officer's search.</summary>
public sealed class EmergencyAndReportTests(Apps apps)
{
    private static async Task<string> NumberAsync(HuslyApp app, Guid id) =>
        await app.IdentityNumberAsync(id);

    private const string NotGiven = "Nødtilgang ble ikke gitt for dette fødselsnummeret. Forsøket er logget og blir gjennomgått av teamleder.";

    /// <summary>Issue 8 §3: emergency access cannot open a protected address, is no existence oracle, takes a real reason,
    /// cannot be renewed without end, and the resident's own district reviews it too.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Emergency_access_is_hard_to_misuse(TestDatabase db)
    {
        var app = apps[db];
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var form = await ola.GetPageAsync("/casework/emergency");
        async Task<HttpResponseMessage> BreakAsync(string number, string reason) =>
            await ola.SubmitAsync(form, "main form", Html.Values(("Input.IdentityNumber", number), ("Input.Reason", reason)));
        var reason = "Naboen melder at personen ikke har vært ute på tre dager.";

        // A protected address answers exactly like a number nobody has, and both attempts wait for review.
        var protectedId = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud",
            Husly.Features.Casework.Residents.ProtectionLevel.StrictlyConfidential, named: DemoAccounts.CaseWorkerGrorud2);
        var protectedNumber = await NumberAsync(app, protectedId);
        var onProtected = await BreakAsync(protectedNumber, reason);
        var onNobody = await BreakAsync(CaseworkTestData.NewIdentityNumber(), reason);
        Assert.True(onProtected.StatusCode == HttpStatusCode.UnprocessableEntity, onProtected.Headers.Location?.ToString());
        Assert.Equal(NotGiven, (await Html.ParseAsync(onProtected)).FieldError("Input_IdentityNumber"));
        Assert.Equal(NotGiven, (await Html.ParseAsync(onNobody)).FieldError("Input_IdentityNumber"));
        Assert.Equal(HttpStatusCode.NotFound, (await ola.GetAsync($"/casework/residents/details/{protectedId}")).StatusCode);
        Assert.Contains(await app.AccessLogAsync(protectedId), e => e.Action == AccessActions.Emergency && e.Outcome == AccessOutcome.Denied);
        var ola_ = DemoIds.User(DemoAccounts.CaseWorkerStovner.Email);
        Assert.True(await app.QueryAsync(d => d.EmergencyAccesses.CountAsync(g => g.UserId == ola_ && g.ResidentId == null)) >= 2);

        // Nor through an unprotected duplicate record of the same person: Nina may not see Ola's record of the protected
        // number either, and gets nothing.
        var ola2 = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        await ola2.SubmitAsync(await ola2.GetPageAsync("/casework/residents/register"), "main form", Html.Values(
            ("Input.IdentityNumber", protectedNumber), ("Input.FirstName", "Dublett"), ("Input.LastName", "Uten sperre"), ("Input.LivingSituation", "Homeless"),
            ("Input.LivingSince", "2026-10-01"), ("Input.Category", "SupportedHousing"), ("Input.OrganisationForm", "Team"), ("Input.Start", "2026-10-02")));
        var nina = app.ClientFor(DemoAccounts.CaseWorkerGrorudFact);
        var viaDuplicate = await nina.SubmitAsync(await nina.GetPageAsync("/casework/emergency"), "main form", Html.Values(("Input.IdentityNumber", protectedNumber), ("Input.Reason", reason)));
        Assert.Equal(NotGiven, (await Html.ParseAsync(viaDuplicate)).FieldError("Input_IdentityNumber"));
        var ninaId = DemoIds.User(DemoAccounts.CaseWorkerGrorudFact.Email);
        Assert.False(await app.QueryAsync(d => d.EmergencyAccesses.AnyAsync(g => g.UserId == ninaId && g.ResidentId != null && g.ExpiresAt > DateTime.UtcNow)));

        // A record of one's own with the number (a duplicate Ola registered) does not hide the original in an emergency.
        var original = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var originalNumber = await NumberAsync(app, original);
        await ola2.SubmitAsync(await ola2.GetPageAsync("/casework/residents/register"), "main form", Html.Values(
            ("Input.IdentityNumber", originalNumber), ("Input.FirstName", "Egen"), ("Input.LastName", "Journal"), ("Input.LivingSituation", "Homeless"),
            ("Input.LivingSince", "2026-10-01"), ("Input.Category", "SupportedHousing"), ("Input.OrganisationForm", "Team"), ("Input.Start", "2026-10-02")));
        var opened = await BreakAsync(originalNumber, "Personen ringte fra legevakten, trenger kriseplanen nå.");
        Assert.Equal($"/casework/residents/details/{original}", opened.Headers.Location?.ToString());

        // Padding is no reason: spaces around one letter, or invisible characters.
        var grorud = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var number = await NumberAsync(app, grorud);
        foreach (var padded in new[] { new string(' ', 19) + "x", new string('\u200b', 20), "\u200b\u200b\u200b" + new string(' ', 25) + "nei" })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await BreakAsync(number, padded)).StatusCode);
        }

        // Two grants a day, then ordinary access is needed.
        Assert.Equal(HttpStatusCode.Redirect, (await BreakAsync(number, reason)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await BreakAsync(number, reason + " Igjen.")).StatusCode);
        var third = await Html.ParseAsync(await BreakAsync(number, reason + " En gang til."));
        Assert.StartsWith("Du har brukt nødtilgang til denne brukeren 2 ganger", third.FieldError("Input_IdentityNumber"), StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryAsync(d => d.EmergencyAccesses.CountAsync(g => g.ResidentId == grorud)));

        // Grorud, the resident's district, reviews what Stovner's worker opened; the privacy officer still sees
        // Stovner's side until someone there has reviewed it.
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var review = await leader.GetPageAsync("/casework/emergency");
        var mine = review.QuerySelectorAll("#emergency-reviews article").Where(a => a.TextContent.Contains(reason, StringComparison.Ordinal)).ToList();
        // The attempts on the protected person (theirs too) are Grorud's to review, without a name.
        Assert.Contains(mine, a => a.TextContent.Contains("prøvde nødtilgang uten å få det", StringComparison.Ordinal) && a.TextContent.Contains("Bydel Stovner", StringComparison.Ordinal));
        var articles = mine.Where(a => a.TextContent.Contains(" åpnet ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, articles.Count);
        Assert.All(articles, a => Assert.Contains("Bydel Stovner", a.TextContent));
        var first = articles[0].QuerySelector("input[name=emergencyId]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(review, $"form:has(input[value='{first}'])", Html.Values(("note", "Ringt Ola, i orden.")))).StatusCode);
        Assert.DoesNotContain(first, (await leader.GetPageAsync("/casework/emergency")).GetElementById("emergency-reviews")!.InnerHtml);
        Assert.Contains(first, (await app.ClientFor(DemoAccounts.PrivacyOfficer).GetPageAsync("/privacy")).GetElementById("emergency-reviews")!.InnerHtml);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Emergency_access_needs_a_reason_reads_only_is_logged_and_reviewed_by_a_team_leader(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerStovner, DemoCasework.TeamStovner, "Stovner");
        var number = await NumberAsync(app, id);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        Assert.Equal(HttpStatusCode.NotFound, (await eva.GetAsync($"/casework/residents/details/{id}")).StatusCode);

        var form = await eva.GetPageAsync("/casework/emergency");
        var short_ = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Html.Values(("Input.IdentityNumber", number), ("Input.Reason", "Haster"))));
        Assert.Equal("Skriv en begrunnelse på minst 20 tegn som forklarer hvorfor du trenger tilgang nå.", short_.FieldError("Input_Reason"));
        var unknown = await Html.ParseAsync(await eva.SubmitAsync(form, "main form",
            Html.Values(("Input.IdentityNumber", CaseworkTestData.NewIdentityNumber()), ("Input.Reason", "Personen er funnet bevisstløs i oppgangen."))));
        Assert.Equal(NotGiven, unknown.FieldError("Input_IdentityNumber"));

        var reason = "Personen er funnet bevisstløs i oppgangen, trenger kriseplanen.";
        var granted = await eva.SubmitAsync(form, "main form", Html.Values(("Input.IdentityNumber", number), ("Input.Reason", reason)));
        Assert.True(granted.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(granted)).GetElementById("form-errors")?.TextContent);
        Assert.Equal($"/casework/residents/details/{id}", granted.Headers.Location!.ToString());
        var page = await eva.GetPageAsync($"/casework/residents/details/{id}");
        Assert.NotNull(page.GetElementById("emergency-banner"));
        Assert.Empty(page.QuerySelectorAll("form[action*='handler=']"));
        var log = await app.AccessLogAsync(id);
        Assert.Contains(log, e => e.Action == AccessActions.Emergency && e.Outcome == AccessOutcome.Emergency && e.Reason == reason);
        Assert.Contains(log, e => e.Action == AccessActions.View && e.Outcome == AccessOutcome.Emergency && e.Reason == reason);
        // Emergency access opens the page; it never puts the resident in lists or searches.
        Assert.DoesNotContain(id.ToString(), (await eva.GetPageAsync("/casework?scope=Team")).Body!.InnerHtml);

        // Grorud's team leader reviews it; Stovner's worker's own district has nothing to review.
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var review = await leader.GetPageAsync("/casework/emergency");
        var article = review.QuerySelectorAll("#emergency-reviews article").Single(a => a.TextContent.Contains(reason, StringComparison.Ordinal));
        var emergencyId = article.QuerySelector("input[name=emergencyId]")!.GetAttribute("value")!;
        // Eva cannot mark it reviewed herself, even posting the handler directly with her own antiforgery token.
        var evaToken = (await eva.GetPageAsync("/casework/emergency")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var selfReview = await eva.PostAsync("/casework/emergency?handler=Review",
            new FormUrlEncodedContent([new("emergencyId", emergencyId), new("__RequestVerificationToken", evaToken)]));
        Assert.Equal(HttpStatusCode.NotFound, selfReview.StatusCode);
        var done = await leader.SubmitAsync(review, $"form:has(input[value='{emergencyId}'])", Html.Values(("note", "Snakket med Eva, i orden.")));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        // The review is in the sealed log too, so a review set in the database by hand has nothing behind it.
        Assert.Contains(await app.AccessLogAsync(id), e => e.Action == AccessActions.EmergencyReview && e.Reason == "Snakket med Eva, i orden.");
        Assert.DoesNotContain(reason, (await leader.GetPageAsync("/casework/emergency")).GetElementById("emergency-reviews")!.TextContent);

        // When the hours have passed, the door closes again.
        await app.WithDbAsync(async d =>
        {
            await d.EmergencyAccesses.Where(g => g.ResidentId == id).ExecuteUpdateAsync(u => u.SetProperty(g => g.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        });
        Assert.Equal(HttpStatusCode.NotFound, (await eva.GetAsync($"/casework/residents/details/{id}")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_resident_can_be_given_a_printable_list_of_everyone_who_looked(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        await eva.GetPageAsync($"/casework/residents/details/{id}");
        await app.ClientFor(DemoAccounts.CaseWorkerStovner).GetAsync($"/casework/residents/details/{id}");

        var report = await eva.GetPageAsync($"/casework/residents/{id}/access-log");
        var rows = report.QuerySelectorAll("#access-entries tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Eva Strand", StringComparison.Ordinal) && r.Contains("Åpnet brukerens side", StringComparison.Ordinal) && r.Contains("Innvilget", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Ola Hansen", StringComparison.Ordinal) && r.Contains("Avvist", StringComparison.Ordinal));
        Assert.Null(report.QuerySelector(".site-nav")); // the print layout

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.CaseWorkerStovner).GetAsync($"/casework/residents/{id}/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.Manager).GetAsync($"/privacy/residents/{id}/access-log")).StatusCode);
        var officer = await app.ClientFor(DemoAccounts.PrivacyOfficer).GetPageAsync($"/privacy/residents/{id}/access-log");
        Assert.Contains("Hentet innsynsloggen", officer.GetElementById("access-entries")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_privacy_officer_searches_the_log_by_resident_and_the_search_itself_is_logged(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync($"/casework/residents/details/{id}");
        var officer = app.ClientFor(DemoAccounts.PrivacyOfficer);

        var result = await Html.ParseAsync(await officer.SubmitAsync(await officer.GetPageAsync("/privacy"), "main form:not([action*='handler'])",
            Html.Values(("Input.IdentityNumber", await NumberAsync(app, id)), ("Input.Outcome", "Granted"))));
        var rows = result.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.True(rows.Count > 0, result.QuerySelector("main")!.TextContent);
        Assert.All(rows, r => Assert.Contains("Innvilget", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Eva Strand", StringComparison.Ordinal));
        Assert.Contains(await app.AccessLogAsync(id), e => e.Action == AccessActions.Review && e.Reason == "Personvernkontroll"
            && e.UserId == DemoIds.User(DemoAccounts.PrivacyOfficer.Email));

        var dates = await Html.ParseAsync(await officer.SubmitAsync(await officer.GetPageAsync("/privacy"), "main form:not([action*='handler'])",
            Html.Values(("Input.From", "2026-05-01"), ("Input.To", "2026-04-01"))));
        Assert.Equal("Til-datoen kan ikke være før fra-datoen.", dates.FieldError("Input_To"));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetAsync("/privacy")).StatusCode);
    }

    /// <summary>Issue 8 §5: a search that finds more than a page says so and pages on; a malformed number is refused.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_privacy_search_says_when_there_are_more_and_pages_on(TestDatabase db)
    {
        var app = apps[db];
        var who = TestData.Unique("Søketest");
        var entries = Enumerable.Range(0, AccessReports.AuditPageSize + 10)
            .Select(_ => new AccessLogEntry { UserName = who, Role = "CaseWorker", Action = AccessActions.View, ResidentId = Guid.NewGuid() }).ToList();
        await app.Services.GetRequiredService<AccessLog>().AppendAsync(entries, TestContext.Current.CancellationToken);
        var officer = app.ClientFor(DemoAccounts.PrivacyOfficer);
        var desk = await officer.GetPageAsync("/privacy");

        var first = await Html.ParseAsync(await officer.SubmitAsync(desk, "main form[action='/privacy']", Html.Values(("Input.User", who))));
        Assert.Equal(AccessReports.AuditPageSize, first.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Contains("Det finnes flere treff", first.GetElementById("audit-count")!.TextContent);
        var second = await Html.ParseAsync(await officer.SubmitAsync(first, "nav.pager form"));
        Assert.Equal(10, second.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Contains("Viser linje 201–210", second.GetElementById("audit-count")!.TextContent);

        var malformed = await officer.SubmitAsync(desk, "main form[action='/privacy']", Html.Values(("Input.IdentityNumber", "12345678901")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Equal("Fødselsnummeret er ikke gyldig: kontrollsifrene stemmer ikke.", (await Html.ParseAsync(malformed)).FieldError("Input_IdentityNumber"));
    }
}
