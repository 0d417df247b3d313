using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Casework;

/// <summary>Decisions with hours per week, delivered hours, and the 14-day task, through the real forms.</summary>
public sealed class DecisionTests(Apps apps)
{
    private static async Task<string> DraftAsync(HttpClient client, Guid residentId, params (string, string?)[] values)
    {
        var form = await client.GetPageAsync($"/casework/residents/{residentId}/decisions/edit");
        var response = await client.SubmitAsync(form, "main form", Html.Values(values));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(response)).GetElementById("form-errors")?.TextContent);
        return response.Headers.Location!.ToString();
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_decision_is_drafted_with_hours_per_week_decided_and_printed_as_a_letter(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);

        var url = await DraftAsync(eva, id, ("Input.ValidFrom", "2026-02-01"),
            ("Input.Services[0].Kind", "HousingFollowUp"), ("Input.Services[0].Hours", "3,5"),
            ("Input.Services[1].Kind", "PracticalAssistance"), ("Input.Services[1].Hours", "2"),
            ("Input.Justification", "Trenger hjelp til å holde orden på økonomi og bolig."));
        var draft = await eva.GetPageAsync(url);
        Assert.Equal("Utkast", draft.GetElementById("decision-status")!.TextContent);
        Assert.Equal("5,5", draft.QuerySelector("#services tfoot td")!.TextContent);
        Assert.Null(draft.QuerySelector("a[href$='/print']"));

        var decided = await eva.SubmitAsync(draft, "form[action*='handler=Decide']");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var page = await eva.GetPageAsync(url);
        Assert.Equal("Vedtatt", page.GetElementById("decision-status")!.TextContent);
        Assert.Contains("Eva Strand", page.QuerySelector("dl.facts")!.TextContent);

        var letter = await eva.GetPageAsync(url + "/print");
        Assert.True((await eva.GetAsync(url + "/print")).Headers.CacheControl?.NoStore, "the letter shows the full identity number");
        var text = letter.GetElementById("letter")!.TextContent;
        var number = await app.IdentityNumberAsync(id);
        Assert.Contains("Fødselsnummer: " + number, text);
        Assert.Contains("Vedtak om helse- og omsorgstjenester i hjemmet", text);
        Assert.Contains("Bo-oppfølging (miljøarbeid i hjemmet)", text);
        Assert.Contains("3,5", text);
        Assert.Contains("Du kan klage", text);
        Assert.Contains(await app.AccessLogAsync(id), e => e.Action == AccessActions.Print);

        // Another district's worker: the decision, its letter and its form do not exist for them.
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        foreach (var other in new[] { url, url + "/print", $"/casework/residents/{id}/decisions/edit" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ola.GetAsync(other)).StatusCode);
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_decision_without_services_hours_or_reasons_is_not_saved_and_the_input_stays(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var form = await eva.GetPageAsync($"/casework/residents/{id}/decisions/edit");

        var empty = await eva.SubmitAsync(form, "main form", Html.Values(("Input.ValidFrom", "2026-02-01")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        var page = await Html.ParseAsync(empty);
        Assert.Contains("Et vedtak må ha minst én tjeneste med timer per uke.", page.GetElementById("Input_Services-error")!.TextContent);
        Assert.Equal("Skriv en begrunnelse for vedtaket.", page.FieldError("Input_Justification"));

        var bad = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Html.Values(
            ("Input.ValidFrom", "2026-02-01"), ("Input.ValidTo", "2026-01-01"), ("Input.Justification", "Begrunnet"),
            ("Input.Services[0].Kind", "Training"), ("Input.Services[0].Hours", "mange"),
            ("Input.Services[1].Hours", "2"))));
        Assert.Equal("Skriv timer per uke som et tall mellom 0,25 og 80.", bad.FieldError("Input_Services_0__Hours"));
        Assert.Equal("Velg tjeneste for timene.", bad.FieldError("Input_Services_1__Kind"));
        Assert.Equal("mange", bad.QuerySelector("input[name='Input.Services[0].Hours']")!.GetAttribute("value"));
        Assert.Equal("Begrunnet", bad.QuerySelector("textarea[name='Input.Justification']")!.TextContent.Trim());

        var period = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Html.Values(
            ("Input.ValidFrom", "2026-02-01"), ("Input.ValidTo", "2026-01-01"), ("Input.Justification", "Begrunnet"),
            ("Input.Services[0].Kind", "Training"), ("Input.Services[0].Hours", "2"))));
        Assert.Equal("Vedtaket kan ikke gjelde til en dato før det gjelder fra.", period.FieldError("Input_ValidTo"));
        Assert.Equal(0, await app.QueryAsync(d => d.Decisions.CountAsync(x => x.Enrolment!.ResidentId == id)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Follow_up_past_14_days_without_a_decision_is_a_task_until_one_is_decided(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud"); // started 1 January
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2);

        var caseload = await per.GetPageAsync("/casework");
        Assert.Contains($"/casework/residents/details/{id}", caseload.GetElementById("tasks")!.InnerHtml);
        var start = await per.GetPageAsync("/");
        Assert.Contains("uten vedtak", start.GetElementById("casework")!.TextContent);
        Assert.NotNull((await per.GetPageAsync($"/casework/residents/details/{id}")).QuerySelector(".task"));

        var url = await DraftAsync(per, id, ("Input.ValidFrom", "2026-01-10"), ("Input.Justification", "Trenger støtte."),
            ("Input.Services[0].Kind", "SupportContact"), ("Input.Services[0].Hours", "2"));
        // A draft is not enough.
        Assert.Contains($"/casework/residents/details/{id}", (await per.GetPageAsync("/casework")).GetElementById("tasks")!.InnerHtml);
        await per.SubmitAsync(await per.GetPageAsync(url), "form[action*='handler=Decide']");

        var after = await per.GetPageAsync("/casework");
        Assert.DoesNotContain($"/casework/residents/details/{id}", after.GetElementById("tasks")?.InnerHtml ?? "");
        Assert.Null((await per.GetPageAsync($"/casework/residents/details/{id}")).QuerySelector(".task"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Delivered_hours_are_logged_and_set_against_the_planned_hours_per_week(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = await DraftAsync(eva, id, ("Input.ValidFrom", "2026-01-05"), ("Input.Justification", "Trenger opplæring."),
            ("Input.Services[0].Kind", "Training"), ("Input.Services[0].Hours", "4"));
        await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=Decide']");

        var today = DateOnly.FromDateTime(DateTime.Now);
        var page = await eva.GetActionPageAsync($"/casework/residents/details/{id}", "LogHours");
        var invalid = await eva.SubmitAsync(page, "form[action*='handler=LogHours']",
            Html.Values(("LoggedHours.Kind", "Training"), ("LoggedHours.Date", today.ToString("yyyy-MM-dd")), ("LoggedHours.Hours", "30")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("Skriv timer som et tall mellom 0,25 og 24.", (await Html.ParseAsync(invalid)).FieldError("LoggedHours_Hours"));

        var logged = await eva.SubmitAsync(page, "form[action*='handler=LogHours']",
            Html.Values(("LoggedHours.Kind", "Training"), ("LoggedHours.Date", today.ToString("yyyy-MM-dd")), ("LoggedHours.Hours", "1,5"), ("LoggedHours.Note", "Handlet sammen")));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);

        // A mistake can be taken back on the same page: the worker's own entry, listed there.
        var hoursPage = await eva.GetActionPageAsync($"/casework/residents/details/{id}", "LogHours");
        var wrong = await eva.SubmitAsync(hoursPage, "form[action*='handler=LogHours']",
            Html.Values(("LoggedHours.Kind", "Training"), ("LoggedHours.Date", today.ToString("yyyy-MM-dd")), ("LoggedHours.Hours", "20")));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        var listed = await eva.GetActionPageAsync($"/casework/residents/details/{id}", "LogHours");
        var row = listed.QuerySelectorAll("#my-hours tbody tr").Single(r => r.QuerySelectorAll("td")[2].TextContent.Trim() == "20");
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(listed, $"form:has(input[value='{row.QuerySelector("input[name='hoursId']")!.GetAttribute("value")}'])")).StatusCode);
        var removedId = row.QuerySelector("input[name='hoursId']")!.GetAttribute("value")!;
        Assert.Equal(0, await app.QueryAsync(d => d.DeliveredHours.CountAsync(h => h.Id == Guid.Parse(removedId))));

        var after = await eva.GetPageAsync($"/casework/residents/details/{id}");
        // The row of the week the hours were logged in (not "the first row": midnight on a Sunday would move it).
        var week = $"Uke {System.Globalization.ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue))} ";
        var thisWeek = after.QuerySelectorAll("#weekly-hours tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith(week, StringComparison.Ordinal))
            .QuerySelectorAll("td").Select(c => c.TextContent.Trim().Replace('\u00a0', ' ')).ToList();
        Assert.Equal(["4", "1,5", "38 %"], thisWeek);
        Assert.Contains("Handlet sammen", after.GetElementById("logged-hours")!.TextContent);

        // The worker's own weekly sums include it, without naming anyone.
        var mine = await eva.GetPageAsync("/casework");
        var delivered = double.Parse(mine.QuerySelectorAll("#weekly-hours tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith(week, StringComparison.Ordinal))
            .QuerySelectorAll("td")[1].TextContent.Replace(',', '.'),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(delivered >= 1.5);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_decided_decision_can_be_appealed_and_revoked_with_a_reason(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = await DraftAsync(eva, id, ("Input.ValidFrom", "2026-01-05"), ("Input.Justification", "Trenger dagaktivitet."),
            ("Input.Services[0].Kind", "DayActivity"), ("Input.Services[0].Hours", "6"));
        await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=Decide']");
        var page = await eva.GetPageAsync(url);

        var early = await eva.SubmitAsync(page, "form[action*='handler=NoteAppeal']", Html.Values(("Appeal.Received", "2026-01-01")));
        Assert.Equal("Klagen kan ikke være mottatt før vedtaket ble fattet.", (await Html.ParseAsync(early)).FieldError("Appeal_Received"));
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd");
        var appeal = await eva.SubmitAsync(page, "form[action*='handler=NoteAppeal']", Html.Values(("Appeal.Received", today), ("Appeal.Note", "Ønsker flere timer")));
        Assert.Equal(HttpStatusCode.Redirect, appeal.StatusCode);
        page = await eva.GetPageAsync(url);
        Assert.Contains("Ønsker flere timer", page.QuerySelector("dl.facts")!.TextContent);

        var noReason = await eva.SubmitAsync(page, "form[action*='handler=Revoke']", Html.Values(("Revoke.On", "2026-03-01")));
        Assert.Equal("Skriv hvorfor vedtaket oppheves.", (await Html.ParseAsync(noReason)).FieldError("Revoke_Reason"));
        var revoked = await eva.SubmitAsync(page, "form[action*='handler=Revoke']", Html.Values(("Revoke.On", "2026-03-01"), ("Revoke.Reason", "Flyttet i institusjon")));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("Opphevet", (await eva.GetPageAsync(url)).GetElementById("decision-status")!.TextContent);

        // The page read before the revocation carries an old version: a second action on it is refused.
        var stale = await eva.SubmitAsync(page, "form[action*='handler=NoteAppeal']", Html.Values(("Appeal.Received", today)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
    }
}
