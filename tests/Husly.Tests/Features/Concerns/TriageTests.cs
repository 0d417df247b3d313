using System.Net;
using AngleSharp.Html.Dom;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Features.Concerns;
using Husly.Features.Concerns.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Husly.Tests.Features.Concerns;

/// <summary>Issue 12 §2: the district's queue and a concern's handling — need to know (another district's worker sees
/// nothing, every read in the access log), claim, assess, link to a resident through the audited search, contact,
/// meetings with the consent rule, decide, close, route, and escalation of what waits past its deadline (fake clock).</summary>
public sealed class TriageTests(Apps apps)
{
    private const string Form = "main form[method=post]";

    public static async Task<Concern> AddConcernAsync(HuslyApp app, string? district, string about, ConcernUrgency urgency = ConcernUrgency.Soon, DateTime? reportedAt = null)
    {
        var at = reportedAt ?? DateTime.UtcNow;
        var concern = new Concern
        {
            Id = Guid.CreateVersion7(),
            SubmissionId = Guid.NewGuid(),
            ReceiptHash = Guid.NewGuid().ToString("N"),
            ReportedAt = at,
            PersonName = about,
            Address = "Testveien 1",
            WhatSeen = "Bekymret for " + about,
            Urgency = urgency,
            Relation = ReporterRelation.Neighbour,
            DistrictId = district is null ? null : DemoIds.District(district),
            DueAt = at + new ConcernOptions().TimeLimit(urgency),
        };
        concern.Record(ConcernEventKind.Received, null, "Melder uten innlogging", at, null);
        await app.WithDbAsync(async d =>
        {
            d.Concerns.Add(concern);
            await d.SaveChangesAsync();
        });
        return concern;
    }

    private static Task<Concern> LoadAsync(HuslyApp app, Guid id) =>
        app.QueryAsync(d => d.Concerns.AsNoTracking().Include(c => c.Events).Include(c => c.Meetings).FirstAsync(c => c.Id == id));

    private static Task<List<(string Action, Husly.Features.Casework.Access.AccessOutcome Outcome)>> LogAsync(HuslyApp app, Guid concernId, DemoAccount account) =>
        app.QueryAsync(async d => (await d.AccessLog.AsNoTracking().Where(e => e.ConcernId == concernId && e.UserId == DemoIds.User(account.Email))
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Outcome }).ToListAsync()).Select(e => (e.Action, e.Outcome)).ToList());

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Only_the_districts_follow_up_team_sees_a_concern_and_every_read_is_logged(TestDatabase db)
    {
        var app = apps[db];
        var about = TestData.Unique("Ola i Grorud");
        var concern = await AddConcernAsync(app, "Grorud", about);

        var worker = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var queue = await worker.GetPageAsync("/concerns");
        Assert.Contains(about, queue.QuerySelector("table.concern-queue")!.TextContent, StringComparison.Ordinal);
        var page = await worker.GetPageAsync("/concerns/" + concern.Id);
        Assert.Contains("Bekymret for " + about, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([(AccessActions.ConcernQueue, AccessOutcome.Granted), (AccessActions.ConcernView, AccessOutcome.Granted)],
            await LogAsync(app, concern.Id, DemoAccounts.CaseWorkerGrorud));
        Assert.Contains(about, (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetPageAsync("/concerns")).Body!.TextContent, StringComparison.Ordinal);

        // Another district's worker: not in the queue, and the id answers exactly like one that does not exist.
        var stovner = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        Assert.DoesNotContain(about, (await stovner.GetPageAsync("/concerns?view=Open")).Body!.TextContent, StringComparison.Ordinal);
        var refused = await stovner.GetAsync("/concerns/" + concern.Id);
        var missing = await stovner.GetAsync("/concerns/" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await missing.Content.ReadAsStringAsync()).Length, (await refused.Content.ReadAsStringAsync()).Length);
        Assert.Equal([(AccessActions.ConcernView, AccessOutcome.Denied)], await LogAsync(app, concern.Id, DemoAccounts.CaseWorkerStovner));
        var posted = await stovner.PostWithTokenAsync($"/concerns/{concern.Id}?handler=Claim", ("version", concern.Version.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(ConcernStatus.Received, (await LoadAsync(app, concern.Id)).Status);

        // Roles that do not follow people up never reach the pages.
        foreach (var other in new[] { DemoAccounts.DirectorGrorud, DemoAccounts.PartnerNav, DemoAccounts.Manager, DemoAccounts.PrivacyOfficer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(other).GetAsync("/concerns/" + concern.Id)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(other).GetAsync("/concerns")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await app.ClientFor().GetAsync("/concerns")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_worker_claims_assesses_links_records_contact_decides_and_closes(TestDatabase db)
    {
        var app = apps[db];
        var concern = await AddConcernAsync(app, "Grorud", TestData.Unique("Kari i Grorud"));
        var url = "/concerns/" + concern.Id;
        var worker = app.ClientFor(DemoAccounts.CaseWorkerGrorud);

        // A post without the version it was made from (a tampered form) is refused like a stale one, in words.
        var noVersion = await worker.PostWithTokenAsync(url + "?handler=Claim");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noVersion.StatusCode);
        Assert.Contains(ConcernCases.Conflict, (await Html.ParseAsync(noVersion)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Claim']")).StatusCode);
        var claimed = await LoadAsync(app, concern.Id);
        Assert.Equal(ConcernStatus.InAssessment, claimed.Status);
        Assert.Equal(DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email), claimed.ClaimedById);

        // Deciding before assessing is refused with why; what was typed stays.
        var early = await Html.ParseAsync(await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Decide']",
            Html.Values(("Decide.Outcome", "NoAction"), ("Decide.Reason", "Ser ikke grunn til tiltak."))));
        Assert.Contains("Vurder meldingen (alvorlighet og type bekymring) før dere bestemmer.", early.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ser ikke grunn til tiltak.", early.QuerySelector("#Decide_Reason")!.TextContent);
        var missing = await Html.ParseAsync(await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Assess']", Html.Values(("Assess.Severity", ""))));
        Assert.Equal("Velg hvor alvorlig situasjonen er.", missing.FieldError("Assess_Severity"));

        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Assess']", Html.Values(
            ("Assess.Severity", "High"), ("Assess.Kind", "SelfNeglect"), ("Assess.Urgency", "Urgent"), ("Assess.Note", "Trenger hjemmebesøk.")))).StatusCode);
        var assessed = await LoadAsync(app, concern.Id);
        Assert.Equal(ConcernSeverity.High, assessed.Severity);
        // A higher urgency gives a nearer deadline, counted from when the report came.
        Assert.Equal(assessed.ReportedAt.AddHours(24), assessed.DueAt, TimeSpan.FromSeconds(1));

        // "Follow up" needs the person linked; the search is the audited one and only shows the worker's own residents.
        var follow = await Html.ParseAsync(await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Decide']",
            Html.Values(("Decide.Outcome", "FollowUp"), ("Decide.Reason", "Trenger oppfølging."))));
        Assert.Equal("Koble meldingen til en bruker (finn eller registrer personen) før bydelen følger opp.", follow.FieldError("Decide_Outcome"));
        var resident = await app.QueryAsync(d => d.Enrolments.Where(e => e.ContactPersonId == DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email) && e.End == null)
            .Select(e => new { e.ResidentId, e.Resident!.FirstName, e.Resident.BirthDate }).FirstAsync());
        var hits = await Html.ParseAsync(await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Find']",
            Html.Values(("Find.Name", resident.FirstName), ("Find.BirthYear", resident.BirthDate.Year.ToString()))));
        var link = hits.QuerySelectorAll("form[action*='handler=Link']").Cast<IHtmlFormElement>()
            .First(f => f.QuerySelector("input[name=residentId]")!.GetAttribute("value") == resident.ResidentId.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync(url + "?handler=Link", new FormUrlEncodedContent(link.Elements.OfType<IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))))).StatusCode);
        Assert.Equal(resident.ResidentId, (await LoadAsync(app, concern.Id)).ResidentId);
        // A resident the worker may not see cannot be linked by posting their id.
        var strangerId = await app.QueryAsync(d => d.Enrolments.Where(e => e.DistrictId == DemoIds.District("Stovner")).Select(e => e.ResidentId).FirstAsync());
        var strange = await worker.PostWithTokenAsync(url + "?handler=Link", ("version", (await LoadAsync(app, concern.Id)).Version.ToString()), ("residentId", strangerId.ToString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, strange.StatusCode);
        Assert.Equal(resident.ResidentId, (await LoadAsync(app, concern.Id)).ResidentId);

        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Contact']", Html.Values(
            ("Contact.Kind", "HomeVisit"), ("Contact.On", DateTime.Now.ToString("dd.MM.yyyy")), ("Contact.Note", "Han slapp oss inn.")))).StatusCode);
        Assert.NotNull((await LoadAsync(app, concern.Id)).FirstContactAt);

        // A stale form is refused, never saved over the newer state.
        var stale = await worker.GetPageAsync(url);
        await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Decide']",
            Html.Values(("Decide.Outcome", "Referred"), ("Decide.ReferredTo", "Fastlegen"), ("Decide.Reason", "Helse først.")));
        var conflict = await Html.ParseAsync(await worker.SubmitAsync(stale, "form[action*='handler=Decide']",
            Html.Values(("Decide.Outcome", "NoAction"), ("Decide.Reason", "Overskriver."))));
        Assert.Contains(ConcernCases.Conflict, conflict.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ConcernOutcome.Referred, (await LoadAsync(app, concern.Id)).Outcome);

        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Decide']",
            Html.Values(("Decide.Outcome", "FollowUp"), ("Decide.Reason", "Bydelen tilbyr bo-oppfølging.")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Close']")).StatusCode);
        var closed = await LoadAsync(app, concern.Id);
        Assert.Equal(ConcernStatus.Closed, closed.Status);
        Assert.Equal([ConcernEventKind.Received, ConcernEventKind.Claimed, ConcernEventKind.Assessed, ConcernEventKind.Linked, ConcernEventKind.Contact,
            ConcernEventKind.Decided, ConcernEventKind.Decided, ConcernEventKind.Closed], closed.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind));

        // Closed: a colleague who did not handle it no longer sees it; the handler and the team leader do, and only the
        // team leader reopens.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud2).GetAsync(url)).StatusCode);
        Assert.Null((await worker.GetPageAsync(url)).QuerySelector("form[action*='handler=Reopen']"));
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(await leader.GetPageAsync(url), "form[action*='handler=Reopen']",
            Html.Values(("reason", "Ny melding fra naboen.")))).StatusCode);
        Assert.Equal(ConcernStatus.InAssessment, (await LoadAsync(app, concern.Id)).Status);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_meeting_with_partners_from_outside_needs_consent_or_is_anonymous(TestDatabase db)
    {
        var app = apps[db];
        var concern = await AddConcernAsync(app, "Grorud", TestData.Unique("Møte i Grorud"));
        var url = "/concerns/" + concern.Id;
        var worker = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Claim']");
        var meeting = Html.Values(("Meeting.HeldOn", DateTime.Now.ToString("dd.MM.yyyy")), ("Meeting.Participants", "Hjemmetjenesten, NAV, politiet"),
            ("Meeting.ExternalPartners", "true"), ("Meeting.Basis", "OwnServices"), ("Meeting.Summary", "Drøftet hvordan vi når ham."));
        var refused = await Html.ParseAsync(await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Meeting']", meeting));
        Assert.Equal("Når samarbeidspartnere utenfor kommunen deltar, må personen ha samtykket, eller saken drøftes anonymt.", refused.FieldError("Meeting_Basis"));
        Assert.Equal("Hjemmetjenesten, NAV, politiet", refused.QuerySelector("#Meeting_Participants")!.TextContent);
        meeting["Meeting.Basis"] = ["Consent"];
        var noNote = await Html.ParseAsync(await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Meeting']", meeting));
        Assert.Equal("Skriv hvordan og når personen samtykket, og til hva.", noNote.FieldError("Meeting_ConsentNote"));
        meeting["Meeting.ConsentNote"] = ["Muntlig samtykke ved hjemmebesøk, til å drøfte boligen med NAV og politiet."];
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync(await worker.GetPageAsync(url), "form[action*='handler=Meeting']", meeting)).StatusCode);
        var saved = Assert.Single((await LoadAsync(app, concern.Id)).Meetings);
        Assert.Equal(MeetingBasis.Consent, saved.Basis);
        Assert.True(saved.ExternalPartners);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_concern_from_another_district_is_sent_on_and_leaves_the_senders_queue(TestDatabase db)
    {
        var app = apps[db];
        var about = TestData.Unique("Feil bydel");
        var concern = await AddConcernAsync(app, "Grorud", about);
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var noReason = await Html.ParseAsync(await leader.SubmitAsync(await leader.GetPageAsync("/concerns/" + concern.Id), "form[action*='handler=Route']",
            Html.Values(("districtId", DemoIds.District("Stovner").ToString()), ("reason", ""))));
        Assert.Equal("Skriv hvorfor meldingen hører til en annen bydel.", noReason.GetElementById("route-reason-error")!.TextContent.Trim());
        var sent = await leader.SubmitAsync(await leader.GetPageAsync("/concerns/" + concern.Id), "form[action*='handler=Route']",
            Html.Values(("districtId", DemoIds.District("Stovner").ToString()), ("reason", "Adressen ligger på Vestli.")));
        Assert.Equal("/concerns", sent.Headers.Location!.OriginalString);
        Assert.Equal(DemoIds.District("Stovner"), (await LoadAsync(app, concern.Id)).DistrictId);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/concerns/" + concern.Id)).StatusCode);
        Assert.Contains(about, (await app.ClientFor(DemoAccounts.CaseWorkerStovner).GetPageAsync("/concerns")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_central_desk_sees_only_concerns_without_a_district_and_sends_them_on(TestDatabase db)
    {
        var app = apps[db];
        var email = $"mottak-{Guid.NewGuid():N}@husly.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Husly.Features.Administration.Users.HuslyUser>>();
            var user = new Husly.Features.Administration.Users.HuslyUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                DisplayName = "Mona Mottak",
                OrganisationId = ConcernCases.CentralDesk,
            };
            Assert.True((await users.CreateAsync(user, "Et langt passord for mottaket")).Succeeded);
            await users.AddToRoleAsync(user, Husly.Platform.Auth.Roles.CaseWorker);
        }
        var desk = app.ClientFor(new DemoAccount(email, "Mona Mottak", "Saksbehandler", Husly.Platform.Auth.Roles.CaseWorker, ReferenceData.CentralDesk));
        var about = TestData.Unique("Uten bydel");
        var unrouted = await AddConcernAsync(app, null, about);
        var inGrorud = TestData.Unique("Grorud-sak");
        var grorud = await AddConcernAsync(app, "Grorud", inGrorud);

        var queue = await desk.GetPageAsync("/concerns?view=Open");
        Assert.Contains(about, queue.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(inGrorud, queue.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/concerns/" + grorud.Id)).StatusCode);
        // The desk works with no district's residents.
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/casework")).StatusCode);
        Assert.DoesNotContain(about, (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetPageAsync("/concerns?view=Open")).Body!.TextContent, StringComparison.Ordinal);

        var sent = await desk.SubmitAsync(await desk.GetPageAsync("/concerns/" + unrouted.Id), "form[action*='handler=Route']",
            Html.Values(("districtId", DemoIds.District("Grorud").ToString()), ("reason", "Melderen ringte og oppga adresse på Romsås.")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/concerns/" + unrouted.Id)).StatusCode);
        Assert.Contains(about, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync("/concerns")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task What_waits_past_its_deadline_goes_to_the_team_leader_once_with_a_mail_that_names_no_one(TestDatabase db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = new HuslyApp(db, clock: clock);
        await using var second = new HuslyApp(app);
        var about = TestData.Unique("Fristløs");
        var urgent = await AddConcernAsync(app, "Grorud", about, ConcernUrgency.Urgent, clock.GetUtcNow().UtcDateTime);
        var normal = await AddConcernAsync(app, "Grorud", about + " b", ConcernUrgency.Normal, clock.GetUtcNow().UtcDateTime);
        async Task<int> RunAsync(HuslyApp instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ConcernEscalation>().RunAsync(CancellationToken.None);
        }

        // The demo's own concerns are escalated along the way too; only ours is looked at here.
        async Task<int> WaitingPastDeadlineAsync() => int.Parse(System.Text.RegularExpressions.Regex.Match(
            (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetPageAsync("/")).GetElementById("concerns")!.TextContent, @"Fristen er passert for (\d+)") is { Success: true } m
            ? m.Groups[1].Value : "0", System.Globalization.CultureInfo.InvariantCulture);
        clock.Advance(TimeSpan.FromHours(23));
        await RunAsync(app);
        Assert.Null((await LoadAsync(app, urgent.Id)).EscalatedAt);
        var before = await WaitingPastDeadlineAsync();
        clock.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(RunAsync(app), RunAsync(second));
        Assert.NotNull((await LoadAsync(app, urgent.Id)).EscalatedAt);
        Assert.Null((await LoadAsync(app, normal.Id)).EscalatedAt);
        Assert.Single((await LoadAsync(app, urgent.Id)).Events, e => e.Kind == ConcernEventKind.Escalated);
        var mails = await app.QueryAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Kind == "concern-escalated" && m.Body.Contains("/concerns/" + urgent.Id)).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal(DemoAccounts.TeamLeaderGrorud.Email, mail.To);
        Assert.DoesNotContain(about, mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Testveien", mail.Body, StringComparison.Ordinal);
        await RunAsync(app);
        Assert.Single(await app.QueryAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Body.Contains("/concerns/" + urgent.Id)).ToListAsync()));

        var queue = await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetPageAsync("/concerns");
        var row = queue.QuerySelectorAll("table.concern-queue tbody tr").Single(r => r.TextContent.Contains(about, StringComparison.Ordinal) && !r.TextContent.Contains(about + " b", StringComparison.Ordinal));
        Assert.Contains("Eskalert til teamleder", row.TextContent, StringComparison.Ordinal);
        // The start page counts what waits past its deadline: ours is one more than before.
        Assert.Equal(before + 1, await WaitingPastDeadlineAsync());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Statistics_show_no_count_under_five_and_only_to_leaders(TestDatabase db)
    {
        var app = apps[db];
        for (var i = 0; i < 6; i++)
        {
            await AddConcernAsync(app, "Nordstrand", TestData.Unique("Statistikk"));
        }
        var page = await app.ClientFor(DemoAccounts.DirectorGrorud).GetPageAsync("/concerns/statistics");
        var cells = page.QuerySelectorAll("table tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, c => c is "1" or "2" or "3" or "4");
        var nordstrand = page.QuerySelectorAll("table tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Bydel Nordstrand");
        Assert.True(int.Parse(nordstrand.QuerySelectorAll("td")[0].TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 6);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.PartnerNav).GetAsync("/concerns/statistics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetAsync("/concerns/statistics")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_queue_is_paged_and_only_the_rows_shown_are_logged(TestDatabase db)
    {
        await using var app = new HuslyApp(db);
        var before = await app.QueryAsync(d => d.Concerns.CountAsync(c => c.DistrictId == DemoIds.District("Grorud") && c.Status != ConcernStatus.Closed));
        for (var i = 0; i < ConcernCases.PageSize + 5 - before; i++)
        {
            await AddConcernAsync(app, "Grorud", TestData.Unique("Side"));
        }
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var first = await leader.GetPageAsync("/concerns?view=Open");
        Assert.Equal(ConcernCases.PageSize, first.QuerySelectorAll("table.concern-queue tbody tr").Length);
        Assert.Contains("Side 1 av 2", first.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var second = await leader.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(5, second.QuerySelectorAll("table.concern-queue tbody tr").Length);
        Assert.Equal(ConcernCases.PageSize + 5, await app.QueryAsync(d => d.AccessLog.CountAsync(e => e.Action == AccessActions.ConcernQueue
            && e.UserId == DemoIds.User(DemoAccounts.TeamLeaderGrorud.Email))));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Who_read_a_concern_cannot_be_changed_in_the_database_unnoticed(TestDatabase db)
    {
        // An app of its own: the log is broken on purpose for a moment, which other tests must not see.
        await using var app = new HuslyApp(db);
        var concern = await AddConcernAsync(app, "Grorud", TestData.Unique("Bevis"));
        await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync("/concerns/" + concern.Id);
        var log = app.Services.GetRequiredService<AccessLog>();
        var entry = await app.QueryAsync(d => d.AccessLog.AsNoTracking().SingleAsync(e => e.ConcernId == concern.Id && e.Action == AccessActions.ConcernView));
        Assert.True((await log.VerifyAsync(CancellationToken.None)).Intact);

        // Pointing the read at another concern, or wiping which concern it was, breaks the chain at that entry.
        foreach (Guid? forged in new Guid?[] { Guid.NewGuid(), null })
        {
            await app.WithDbAsync(d => d.AccessLog.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ConcernId, forged)));
            Assert.Equal(entry.Sequence, (await log.VerifyAsync(CancellationToken.None)).BrokenAt);
        }
        await app.WithDbAsync(d => d.AccessLog.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ConcernId, concern.Id)));
        Assert.True((await log.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public void A_small_outcome_hides_every_outcome_in_its_row()
    {
        var cells = ConcernStatistics.Suppress(new Dictionary<ConcernOutcome, int>
        {
            [ConcernOutcome.NoAction] = 12,
            [ConcernOutcome.FollowUp] = 7,
            [ConcernOutcome.Referred] = 2,
        });
        Assert.All(cells.Values, c => Assert.True(c.Suppressed));
        var none = ConcernStatistics.Suppress(new Dictionary<ConcernOutcome, int> { [ConcernOutcome.NoAction] = 0, [ConcernOutcome.FollowUp] = 5, [ConcernOutcome.Referred] = 6 });
        Assert.Equal([0, 5, 6], none.Values.Select(c => c.Value!.Value));
    }
}
