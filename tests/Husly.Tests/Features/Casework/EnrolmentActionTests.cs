using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Husly.Tests.Features.Casework;

/// <summary>The enrolment actions live on pages of their own; the resident's page loads only what it shows; a refused
/// change opens the case file once.</summary>
public sealed class EnrolmentActionTests(Apps apps)
{
    private static readonly string[] Actions = ["LogHours", "AddMeeting", "AddPartner", "ProposeTransfer", "CloseEnrolment"];

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Each_enrolment_action_has_its_own_page_and_answers_only_for_the_residents_own_open_enrolment(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var other = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";

        var resident = await eva.GetPageAsync(url);
        Assert.Empty(resident.QuerySelectorAll(string.Join(", ", Actions.Select(a => $"form[action*='handler={a}']"))));
        foreach (var action in Actions)
        {
            var page = await eva.GetActionPageAsync(url, action);
            Assert.NotNull(page.QuerySelector($"form[action*='handler={action}']"));
            // Where am I, and the way back: the breadcrumb names the resident and links to their page; so does the title.
            Assert.Contains(url, page.QuerySelector("nav.pkt-breadcrumbs")!.InnerHtml);
            Assert.Contains(await NameAsync(app, id), page.Title);
            Assert.Contains(await NameAsync(app, id), page.GetElementById("enrolment")!.TextContent);
        }

        // Another resident's enrolment under this resident's id: not found, as an unknown id is.
        var otherEnrolment = await app.QueryAsync(d => d.Enrolments.Where(e => e.ResidentId == other).Select(e => e.Id).SingleAsync());
        var hours = resident.QuerySelector("a[data-action='LogHours']")!.GetAttribute("href")!;
        var ownEnrolment = Guid.Parse(hours.Split('/')[^2]);
        Assert.Equal(HttpStatusCode.NotFound, (await eva.GetAsync(hours.Replace(ownEnrolment.ToString(), otherEnrolment.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eva.GetAsync(hours.Replace(ownEnrolment.ToString(), Guid.NewGuid().ToString()))).StatusCode);
        var foreign = await eva.PostWithTokenAsync($"/casework/residents/{id}/enrolments/{otherEnrolment}/hours?handler=LogHours",
            ("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", Today), ("LoggedHours.Hours", "1"));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(0, await app.QueryAsync(d => d.DeliveredHours.CountAsync(h => h.EnrolmentId == otherEnrolment)));

        // A tampered or stale hidden field is explained as a stale form, not by its code name.
        var close = await eva.GetActionPageAsync(url, "CloseEnrolment");
        var tampered = await eva.SubmitAsync(close, "form[action*='handler=CloseEnrolment']",
            Html.Values(("Close.End", Today), ("Close.Reason", "GoalsReached"), ("Close.Version", "abc")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tampered.StatusCode);
        var summary = (await Html.ParseAsync(tampered)).GetElementById("form-errors")!.TextContent;
        Assert.Contains("Skjemaet er utdatert eller ødelagt. Last siden på nytt og prøv igjen.", summary);
        Assert.DoesNotContain("Version", summary);

        // A closed enrolment's page says why nothing can be done, and a post is refused with that reason.
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(close, "form[action*='handler=CloseEnrolment']",
            Html.Values(("Close.End", Today), ("Close.Reason", "GoalsReached")))).StatusCode);
        // Read-only access now: the page says the follow-up has ended; a post is refused as on the resident's page.
        Assert.Equal("Oppfølgingen er avsluttet og kan ikke endres.", (await eva.GetPageAsync(hours)).GetElementById("not-changeable")!.TextContent.Trim());
        var again = await eva.SubmitAsync(close, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Today), ("Close.Reason", "GoalsReached")));
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        // The refused attempt is on record as refused, not as a change.
        Assert.Equal((AccessActions.Change, AccessOutcome.Denied), (await app.AccessLogAsync(id)).Where(e => e.Action != AccessActions.Caseload)
            .Select(e => (e.Action, e.Outcome)).Last());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_follow_up_closes_no_later_than_today_and_a_meeting_is_not_held_before_it_started(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud"); // started 2026-01-01
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        var future = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "CloseEnrolment"), "form[action*='handler=CloseEnrolment']",
            Html.Values(("Close.End", DateOnly.FromDateTime(DateTime.Now).AddMonths(6).ToString("yyyy-MM-dd")), ("Close.Reason", "GoalsReached")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal("Sluttdatoen kan ikke være fram i tid. Avslutt oppfølgingen den dagen den slutter.", (await Html.ParseAsync(future)).FieldError("Close_End"));
        var early = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddMeeting"), "form[action*='handler=AddMeeting']",
            Html.Values(("Meeting.HeldOn", "2025-06-01"), ("Meeting.Participants", "Eva"), ("Meeting.Minutes", "Før oppfølgingen.")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal("Møtet kan ikke være holdt før oppfølgingen startet (01.01.2026).", (await Html.ParseAsync(early)).FieldError("Meeting_HeldOn"));
        Assert.Null(await app.QueryAsync(d => d.Enrolments.Where(e => e.ResidentId == id).Select(e => e.End).SingleAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_date_is_read_as_a_norwegian_writes_it_and_otherwise_the_user_is_told_how(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        var day = DateOnly.FromDateTime(DateTime.Now).AddDays(-3);
        var written = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "LogHours"), "form[action*='handler=LogHours']",
            Html.Values(("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", day.ToString("d.M.yy", System.Globalization.CultureInfo.InvariantCulture)), ("LoggedHours.Hours", "0,5")));
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        Assert.Equal(day, await app.QueryAsync(d => d.DeliveredHours.Where(h => d.Enrolments.Any(e => e.Id == h.EnrolmentId && e.ResidentId == id)).Select(h => h.Date).SingleAsync()));
        var wrong = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "LogHours"), "form[action*='handler=LogHours']",
            Html.Values(("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", "31/13/2026"), ("LoggedHours.Hours", "0,5")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var page = await Html.ParseAsync(wrong);
        Assert.Equal("Dato: skriv datoen som dd.mm.åååå, for eksempel 30.11.2026.", page.FieldError("LoggedHours_Date"));
        Assert.Equal("31/13/2026", page.QuerySelector("input[name='LoggedHours.Date']")!.GetAttribute("value"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_closed_enrolment_beside_an_open_one_shows_why_it_cannot_be_changed(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var ended = await app.AddEnrolmentAsync(id, DemoCasework.TeamGrorud, DemoAccounts.CaseWorkerGrorud, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 1));
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var page = await eva.GetPageAsync($"/casework/residents/{id}/enrolments/{ended}/meeting");
        Assert.NotNull(page.GetElementById("not-changeable"));
        Assert.Null(page.QuerySelector("form[action*='handler=AddMeeting']"));
        var refused = await eva.PostWithTokenAsync($"/casework/residents/{id}/enrolments/{ended}/meeting?handler=AddMeeting",
            ("Meeting.HeldOn", Today), ("Meeting.Participants", "Eva"), ("Meeting.Minutes", "Referat."));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Contains("Ingenting er lagret.", shown.GetElementById("form-errors")!.TextContent);
        Assert.Equal("Oppfølgingen er avsluttet og kan ikke endres.", shown.GetElementById("not-changeable")!.TextContent.Trim());
        Assert.Equal(0, await app.QueryAsync(d => d.CooperationMeetings.CountAsync(m => m.EnrolmentId == ended)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_refused_change_opens_the_case_file_once_and_each_page_asks_only_for_what_it_shows(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        var page = await eva.GetPageAsync(url);

        var before = (await app.AccessLogAsync(id)).Count;
        var refused = await eva.SubmitAsync(page, "form[action*='handler=AddConsent']", Html.Values(("NewConsent.Purpose", "Transfer"), ("NewConsent.Scope", "")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        // Other tests' caseload pages may list this resident meanwhile: those entries are not this test's.
        var entries = (await app.AccessLogAsync(id)).Skip(before).Where(e => e.Action != AccessActions.Caseload).ToList();
        Assert.Equal([AccessActions.Change], entries.Select(e => e.Action));

        // Reads that name the resident: the resident page asks once per part it shows (12), the hours page for the resident,
        // the enrolments and the hours (it lists the worker's own); each view appends one log entry (written in batches).
        var hours = (await eva.GetPageAsync(url)).QuerySelector("a[data-action='LogHours']")!.GetAttribute("href")!;
        before = (await app.AccessLogAsync(id)).Count;
        var view = await CountReadsAsync(id, () => eva.GetAsync(url));
        var action = await CountReadsAsync(id, () => eva.GetAsync(hours));
        Assert.InRange(view, 3, 12);
        Assert.Equal(3, action);
        Assert.Equal(2, (await app.AccessLogAsync(id)).Skip(before).Count(e => e.Action != AccessActions.Caseload));
    }

    private static string Today => DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd");

    private static Task<string> NameAsync(HuslyApp app, Guid id) =>
        app.QueryAsync(d => d.Residents.Where(r => r.Id == id).Select(r => r.FirstName + " " + r.LastName).SingleAsync());

    /// <summary>Counts the queries (SELECT), from any context in this process, that carry the resident's id as a
    /// parameter while the request runs. Another test's resident has another id, so parallel tests do not count.</summary>
    private static async Task<int> CountReadsAsync(Guid residentId, Func<Task<HttpResponseMessage>> request)
    {
        var seen = new ConcurrentBag<string>();
        var inner = new ConcurrentBag<IDisposable>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                inner.Add(listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
                        && data.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                        && data.Command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, residentId) || Equals(p.Value, residentId.ToString())
                            || (p.Value is string s && s.Contains(residentId.ToString(), StringComparison.OrdinalIgnoreCase))))
                    {
                        seen.Add(data.Command.CommandText);
                    }
                })));
            }
        }));
        try
        {
            // EF checks whether anyone listens for commands about once a second, not per command.
            await Task.Delay(1500);
            var response = await request();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return seen.Count;
        }
        finally
        {
            foreach (var s in inner)
            {
                s.Dispose();
            }
        }
    }

    private sealed class Observer(Action<DiagnosticListener> next) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value) => next(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
