using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features;

/// <summary>Issue 8 §10: rules that had no test failing when the rule was removed, each now tried through its form.</summary>
public sealed class RulesTests(Apps apps)
{
    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.Now).AddDays(offset).ToString("yyyy-MM-dd");

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.OK, $"expected the form again, got {(int)response.StatusCode}");
        return (await Html.ParseAsync(response)).GetElementById("form-errors")?.TextContent ?? "";
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Project_rules_end_date_phase_five_and_one_entry_per_partner(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InDistrict("Grorud").WithPartner(ReferenceData.Nav, "Rådgivning"));
        var director = app.ClientFor(DemoAccounts.DirectorGrorud);
        var edit = $"/portfolio/projects/edit/{project.Id}";

        var stopped = await ErrorsAsync(await director.SubmitAsync(await director.GetPageAsync(edit), "main form", Html.Values(("Input.Status", "Stopped"), ("Input.EndDate", ""))));
        Assert.Contains("Et avsluttet, stoppet eller driftssatt prosjekt må ha sluttdato.", stopped);
        var operation = await ErrorsAsync(await director.SubmitAsync(await director.GetPageAsync(edit), "main form", Html.Values(("Input.Status", "InOrdinaryOperation"), ("Input.EndDate", Day(0)))));
        Assert.Contains("Et prosjekt kan ikke være i ordinær drift før det er i fase 5", operation);

        var details = await director.GetPageAsync($"/portfolio/projects/details/{project.Id}");
        var twice = await director.SubmitAsync(details, "form[action*='handler=AddPartner']", Html.Values(
            ("Partner.OrganisationId", DemoIds.Organisation(ReferenceData.Nav).ToString()), ("Partner.Role", "Igjen")));
        Assert.Contains("Organisasjonen er allerede partner i prosjektet.", (await Html.ParseAsync(twice)).Body!.TextContent);
        Assert.Single((await app.ProjectAsync(project.Id)).Partners);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Follow_up_rules_consent_dates_own_district_and_closing_once(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";

        var consent = await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddConsent']", Html.Values(
            ("NewConsent.Purpose", "Transfer"), ("NewConsent.Scope", "Alt"), ("NewConsent.GivenOn", Day(-5)), ("NewConsent.ExpiresOn", Day(-10))));
        Assert.Contains("Samtykket kan ikke utløpe før det er gitt.", await ErrorsAsync(consent));

        var own = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "ProposeTransfer"), "form[action*=\'handler=ProposeTransfer\']", Html.Values(
            ("NewTransfer.ToDistrictId", DemoIds.District("Grorud").ToString()), ("NewTransfer.Note", "Til egen bydel.")));
        Assert.Contains("Velg en annen bydel enn din egen.", await ErrorsAsync(own));

        var page = await eva.GetActionPageAsync(url, "CloseEnrolment");
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(page, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Day(-1)), ("Close.Reason", "GoalsReached")))).StatusCode);
        var again = await eva.SubmitAsync(page, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Day(-1)), ("Close.Reason", "GoalsReached")));
        Assert.True(again.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity, again.StatusCode.ToString());
        Assert.Equal(1, await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == id && e.End != null)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Decision_rules_hours_range_and_states(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud");
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2);
        async Task<HttpResponseMessage> DraftAsync(string hours) => await per.SubmitAsync(await per.GetPageAsync($"/casework/residents/{id}/decisions/edit"), "main form",
            Html.Values(("Input.ValidFrom", "2026-02-01"), ("Input.Services[0].Kind", "HousingFollowUp"), ("Input.Services[0].Hours", hours), ("Input.Justification", "Behov.")));
        foreach (var hours in new[] { "0,1", "81", "0", "-2" })
        {
            Assert.Contains("Skriv timer per uke som et tall mellom 0,25 og 80.", await ErrorsAsync(await DraftAsync(hours)));
        }
        var url = (await DraftAsync("0,25")).Headers.Location!.ToString();
        var draft = await per.GetPageAsync(url);
        // A draft cannot be revoked or appealed; once decided it cannot be decided again.
        Assert.Null(draft.QuerySelector("form[action*='handler=Revoke']"));
        var token = draft.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var version = draft.QuerySelector("form[action*='handler=Decide'] input[name='version']")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> PostAsync(string handler, params (string, string)[] fields) =>
            await per.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)),
                new("__RequestVerificationToken", token), new("version", version), new("Revoke.Version", version), new("Appeal.Version", version)]));
        Assert.Contains("Bare vedtatte vedtak kan oppheves.", await ErrorsAsync(await PostAsync("Revoke", ("Revoke.Reason", "Feil"), ("Revoke.On", Day(0)))));
        Assert.Contains("Det kan bare klages på et vedtak som er fattet.", await ErrorsAsync(await PostAsync("NoteAppeal", ("Appeal.Received", Day(0)))));
        Assert.Equal(HttpStatusCode.Redirect, (await per.SubmitAsync(draft, "form[action*='handler=Decide']")).StatusCode);
        version = (await per.GetPageAsync(url)).QuerySelector("form[action*='handler=Revoke'] input[name='Revoke.Version']")?.GetAttribute("value") ?? version;
        Assert.Contains("Bare utkast kan vedtas.", await ErrorsAsync(await PostAsync("Decide")));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Households_and_links_refuse_the_same_person_twice_and_themselves(TestDatabase db)
    {
        var app = apps[db];
        var a = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var b = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var c = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        string Number(Guid id) => app.IdentityNumberAsync(id).Result;
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        async Task<string> PostAsync(Guid on, string form, params (string, string?)[] values)
        {
            var response = await eva.SubmitAsync(await eva.GetPageAsync($"/casework/residents/details/{on}"), $"form[action*='handler={form}']", Html.Values(values));
            return response.StatusCode == HttpStatusCode.Redirect ? "ok" : (await Html.ParseAsync(response)).Body!.TextContent;
        }

        Assert.Contains("Brukeren er allerede i husstanden.", await PostAsync(a, "AddHouseholdMember", ("Household.IdentityNumber", Number(a))));
        Assert.Equal("ok", await PostAsync(a, "AddHouseholdMember", ("Household.IdentityNumber", Number(b))));
        Assert.Contains("Personen hører allerede til en annen husstand.", await PostAsync(c, "AddHouseholdMember", ("Household.IdentityNumber", Number(b))));

        Assert.Contains("En bruker kan ikke kobles til seg selv.", await PostAsync(a, "Link", ("Link.IdentityNumber", Number(a)), ("Link.Reason", "Samme")));
        Assert.Equal("ok", await PostAsync(a, "Link", ("Link.IdentityNumber", Number(c)), ("Link.Reason", "Registrert to ganger")));
        Assert.Contains("Brukerne er allerede koblet.", await PostAsync(c, "Link", ("Link.IdentityNumber", Number(a)), ("Link.Reason", "Igjen")));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_crisis_plan_cannot_be_agreed_in_the_future(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var response = await eva.SubmitAsync(await eva.GetPageAsync($"/casework/residents/{id}/plans"), "form[action*='handler=Crisis']", Html.Values(
            ("Crisis.WarningSigns", "Slutter å svare"), ("Crisis.WhatHelps", "Ro"), ("Crisis.WhoToCall", "Søster"), ("Crisis.AgreedOn", Day(3))));
        Assert.Equal("Datoen kan ikke være fram i tid.", (await Html.ParseAsync(response)).FieldError("Crisis_AgreedOn"));
        Assert.Equal(0, await app.QueryAsync(d => d.CrisisPlans.CountAsync(p => p.ResidentId == id)));
    }
}
