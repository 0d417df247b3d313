using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features;

/// <summary>Issue 8 §6: each of these was saved once. Each is now refused with a Norwegian message, on both databases.</summary>
public sealed class NonsenseRulesTests(Apps apps)
{
    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.Now).AddDays(offset).ToString("yyyy-MM-dd");

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Registration_refuses_dates_before_birth_and_a_birth_in_the_future(TestDatabase db)
    {
        var eva = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);
        var form = await eva.GetPageAsync("/casework/residents/register");
        IDictionary<string, string?[]?> Values(string? number, string? birth, string livingSince, string start) => Html.Values(
            ("Input.IdentityNumber", number), ("Input.BirthDate", birth), ("Input.FirstName", "Test"), ("Input.LastName", "Datoer"),
            ("Input.LivingSituation", "Homeless"), ("Input.LivingSince", livingSince), ("Input.Category", "SupportedHousing"),
            ("Input.OrganisationForm", "Team"), ("Input.Start", start));

        var beforeBirth = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Values(null, "1990-05-01", "1985-01-01", "1980-01-01")));
        Assert.Equal("Bosituasjonen kan ikke starte før personen ble født.", beforeBirth.FieldError("Input_LivingSince"));
        Assert.Equal("Oppfølgingen kan ikke starte før personen ble født.", beforeBirth.FieldError("Input_Start"));

        var future = Enumerable.Range(500, 500).Select(i => Husly.Common.IdentityNumber.Synthetic(new DateOnly(2035, 3, 3), i)).First(n => n is not null)!;
        var unborn = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Values(future, null, Day(0), Day(0))));
        Assert.Equal("Fødselsnummeret gir en fødselsdato fram i tid.", unborn.FieldError("Input_IdentityNumber"));

        var farAhead = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Values(null, "1990-05-01", Day(0), "9999-12-31")));
        Assert.StartsWith("Oppfølgingen starter må være mellom", farAhead.FieldError("Input_Start"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_decision_stays_inside_its_follow_up_within_80_hours_and_never_overlaps_another(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud"); // follow-up from 2026-01-01
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        async Task<HttpResponseMessage> DraftAsync(string from, string? to, params (string, string?)[] services)
        {
            var form = await eva.GetPageAsync($"/casework/residents/{id}/decisions/edit");
            var values = new List<(string, string?)> { ("Input.ValidFrom", from), ("Input.ValidTo", to), ("Input.Justification", "Trenger hjelp i hjemmet.") };
            for (var i = 0; i < 6; i++)
            {
                values.Add(($"Input.Services[{i}].Kind", i < services.Length ? services[i].Item1 : ""));
                values.Add(($"Input.Services[{i}].Hours", i < services.Length ? services[i].Item2 : ""));
            }
            return await eva.SubmitAsync(form, "main form", Html.Values([.. values]));
        }
        string Errors(HttpResponseMessage r) => Html.ParseAsync(r).Result.GetElementById("form-errors")?.TextContent ?? "";

        var early = await DraftAsync("2025-06-01", null, ("HousingFollowUp", "2"));
        Assert.Contains("Vedtaket kan ikke gjelde fra før oppfølgingen startet.", Errors(early));
        var forever = await DraftAsync("2026-02-01", "2035-01-01", ("HousingFollowUp", "2"));
        Assert.Contains("Et vedtak kan gjelde i høyst fem år.", Errors(forever));
        var tooMuch = await DraftAsync("2026-02-01", null, ("HousingFollowUp", "80"), ("PracticalAssistance", "80"), ("Training", "80"));
        Assert.Contains("Til sammen kan et vedtak gi høyst 80 timer per uke.", Errors(tooMuch));

        var first = await DraftAsync("2026-02-01", null, ("HousingFollowUp", "3"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var firstUrl = first.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(await eva.GetPageAsync(firstUrl), "form[action*='handler=Decide']")).StatusCode);
        // Revoked today, the first still granted hours until yesterday: a second one from June overlaps it all the same.
        var revoke = await eva.GetPageAsync(firstUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(revoke, "form[action*='handler=Revoke']", Html.Values(("Revoke.Reason", "Ny vurdering"), ("Revoke.On", Day(0))))).StatusCode);
        var second = await DraftAsync("2026-06-01", "2026-12-31", ("HousingFollowUp", "5"));
        var secondUrl = second.Headers.Location!.ToString();
        var overlap = await eva.SubmitAsync(await eva.GetPageAsync(secondUrl), "form[action*='handler=Decide']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overlap.StatusCode);
        Assert.Contains("Et annet vedtak på samme oppfølging gjelder allerede i denne perioden.", Errors(overlap));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Projects_and_plan_goals_take_only_dates_within_reason(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var create = await Html.ParseAsync(await manager.SubmitAsync(await manager.GetPageAsync("/portfolio/projects/create"), "main form", Html.Values(
            ("Input.ProgrammeId", DemoIds.Programme("BOSin").ToString()), ("Input.Name", TestData.Unique("Evig")), ("Input.Summary", "Fra år 1 til år 9999"),
            ("Input.LeadUnitId", DemoIds.District("Alna").ToString()), ("Input.StartDate", "0001-01-01"), ("Input.EndDate", "9999-12-31"), ("Input.Status", "Active"))));
        Assert.StartsWith("Startdato må være mellom", create.FieldError("Input_StartDate"), StringComparison.Ordinal);
        Assert.StartsWith("Sluttdato må være mellom", create.FieldError("Input_EndDate"), StringComparison.Ordinal);

        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/{id}/plans";
        var goal = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddGoal']", Html.Values(
            ("Goal.InOwnWords", "Jeg vil bo her"), ("Goal.Measures", "Ukentlige besøk"), ("Goal.Responsible", "Eva"), ("Goal.EvaluateBy", "9999-12-31"))));
        Assert.StartsWith("Evalueres innen må være mellom", goal.FieldError("Goal_EvaluateBy"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Text_longer_than_its_column_is_refused_with_a_message_on_sqlite_too(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.BosoManager);
        var url = $"/portfolio/programmes/edit/{DemoIds.Programme("BOSO Oslo")}";
        var response = await client.SubmitAsync(await client.GetPageAsync(url), "main form", Html.Values(("Input.WorkingGoals", new string('m', 7000))));
        Assert.Equal("Hvert mål kan ha høyst 1000 tegn. Del det opp i flere linjer.", (await Html.ParseAsync(response)).FieldError("Input_WorkingGoals"));
    }

    /// <summary>The forms allowed 8,000 characters of minutes, but the column held 400: PostgreSQL answered 500.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Long_meeting_minutes_are_kept_whole(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        var minutes = string.Join(" ", Enumerable.Repeat("Avtalt fast trekk av husleie og ukentlige besøk.", 60));
        var saved = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddMeeting"), "form[action*=\'handler=AddMeeting\']",
            Html.Values(("Meeting.HeldOn", Day(0)), ("Meeting.Participants", "Eva Strand"), ("Meeting.Minutes", minutes)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(minutes, await app.QueryAsync(d => d.CooperationMeetings.Where(m => d.Enrolments.Any(e => e.Id == m.EnrolmentId && e.ResidentId == id)).Select(m => m.Minutes).SingleAsync()));
    }
}
