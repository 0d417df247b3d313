using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Casework;

/// <summary>Issue 8 §7: parallel and repeated posts, as an impatient user or an attacker sends them. Exactly one outcome,
/// no 500, no duplicate rows.</summary>
public sealed class ConcurrencyTests(Apps apps)
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd");

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Twenty_parallel_answers_to_one_transfer_give_exactly_one_outcome(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerStovner, DemoCasework.TeamStovner, "Stovner");
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var url = $"/casework/residents/details/{id}";
        await ola.SubmitAsync(await ola.GetPageAsync(url), "form[action*='handler=AddConsent']", Html.Values(
            ("NewConsent.Purpose", "Transfer"), ("NewConsent.PartnerKind", ""), ("NewConsent.Scope", "Brukerbytte"), ("NewConsent.GivenOn", "2026-01-02"), ("NewConsent.ExpiresOn", "")));
        Assert.Equal(HttpStatusCode.Redirect, (await ola.SubmitAsync(await ola.GetActionPageAsync(url, "ProposeTransfer"), "form[action*=\'handler=ProposeTransfer\']",
            Html.Values(("NewTransfer.ToDistrictId", DemoIds.District("Grorud").ToString()), ("NewTransfer.Note", "Flytter til Grorud.")))).StatusCode);

        var lars = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var queue = await lars.GetPageAsync("/casework/transfers");
        var card = $"article[data-resident='{id}']";
        var eva = DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email).ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 4 == 3
            ? lars.SubmitAsync(queue, $"{card} form[action*='handler=Decline']", Html.Values(("reason", "Adressen ligger i Alna.")))
            : lars.SubmitAsync(queue, $"{card} form[action*='handler=Accept']", Html.Values(("contactPersonId", eva)))));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var status = await app.QueryAsync(d => d.Transfers.Where(t => t.ResidentId == id).Select(t => t.Status).SingleAsync());
        var open = await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == id && e.End == null));
        Assert.Equal(1, open); // Stovner's if declined, Grorud's if accepted: never both, never two
        Assert.Equal(status == Husly.Features.Casework.FollowUp.TransferStatus.Accepted ? 2 : 1,
            await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == id)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Twenty_parallel_household_additions_add_once_and_never_fail(TestDatabase db)
    {
        var app = apps[db];
        var a = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var b = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var number = await app.IdentityNumberAsync(b);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var page = await eva.GetPageAsync($"/casework/residents/details/{a}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            eva.SubmitAsync(page, "form[action*='handler=AddHouseholdMember']", Html.Values(("Household.IdentityNumber", number)))));

        Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        Assert.Equal(1, await app.QueryAsync(d => d.HouseholdMembers.CountAsync(m => m.ResidentId == b)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_same_hours_form_posted_three_times_is_saved_once(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud");
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2);
        var page = await per.GetActionPageAsync($"/casework/residents/details/{id}", "LogHours");
        var values = Html.Values(("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", Today), ("LoggedHours.Hours", "1,5"));

        foreach (var response in await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => per.SubmitAsync(page, "form[action*='handler=LogHours']", values))))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        Assert.Equal(1, await app.QueryAsync(d => d.DeliveredHours.CountAsync(h => d.Enrolments.Any(e => e.Id == h.EnrolmentId && e.ResidentId == id))));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Nobody_delivers_more_than_24_hours_in_a_day(TestDatabase db)
    {
        var app = apps[db];
        var worker = DemoAccounts.CaseWorkerGrorudFact;
        var id = await app.AddResidentAsync(worker, DemoCasework.FactTeamGrorud, "Grorud");
        var nina = app.ClientFor(worker);
        var url = $"/casework/residents/details/{id}";
        // A day in the last 90 on which the demo data has no hours for her (tests log on today).
        var ninaId = DemoIds.User(worker.Email);
        var busy = await app.QueryAsync(d => d.DeliveredHours.Where(h => h.WorkerId == ninaId).Select(h => h.Date).Distinct().ToListAsync());
        var day = Enumerable.Range(2, 85).Select(n => DateOnly.FromDateTime(DateTime.Now).AddDays(-n)).First(x => !busy.Contains(x)).ToString("yyyy-MM-dd");
        async Task<HttpResponseMessage> LogAsync(string hours) => await nina.SubmitAsync(await nina.GetActionPageAsync(url, "LogHours"), "form[action*=\'handler=LogHours\']",
            Html.Values(("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", day), ("LoggedHours.Hours", hours)));

        var first = await LogAsync("20");
        Assert.True(first.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(first)).GetElementById("form-errors")?.TextContent);
        var over = await LogAsync("4,5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal("Du har allerede ført 20 timer denne dagen. Ingen kan levere mer enn 24 timer på et døgn.", (await Html.ParseAsync(over)).FieldError("LoggedHours_Hours"));
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync("4")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Parallel_posts_of_different_forms_never_add_up_to_more_than_24_hours_a_day(TestDatabase db)
    {
        var app = apps[db];
        var worker = DemoAccounts.CaseWorkerGrorudFact;
        var id = await app.AddResidentAsync(worker, DemoCasework.FactTeamGrorud, "Grorud");
        var nina = app.ClientFor(worker);
        var ninaId = DemoIds.User(worker.Email);
        var busy = await app.QueryAsync(d => d.DeliveredHours.Where(h => h.WorkerId == ninaId).Select(h => h.Date).Distinct().ToListAsync());
        var day = Enumerable.Range(2, 85).Select(n => DateOnly.FromDateTime(DateTime.Now).AddDays(-n)).Last(x => !busy.Contains(x));
        var form = await nina.GetActionPageAsync($"/casework/residents/details/{id}", "LogHours");
        // Six forms (each its own submission id), ten hours each, sent at once: each sees room for its ten hours.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => nina.SubmitAsync(form, "form[action*='handler=LogHours']",
            Html.Values(("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", day.ToString("yyyy-MM-dd")), ("LoggedHours.Hours", "10"),
                ("LoggedHours.SubmissionId", Guid.NewGuid().ToString())))));
        var total = (await app.QueryAsync(d => d.DeliveredHours.Where(h => h.WorkerId == ninaId && h.Date == day).Select(h => h.Hours).ToListAsync())).Sum();
        Assert.InRange(total, 0, 24);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        Assert.Equal(total / 10, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_form_used_before_on_another_follow_up_is_refused_not_dropped(TestDatabase db)
    {
        var app = apps[db];
        var first = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var second = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var submission = Guid.NewGuid().ToString();
        var values = Html.Values(("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", Today), ("LoggedHours.Hours", "0,5"), ("LoggedHours.SubmissionId", submission));
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(await eva.GetActionPageAsync($"/casework/residents/details/{first}", "LogHours"),
            "form[action*='handler=LogHours']", values)).StatusCode);
        var reused = await eva.SubmitAsync(await eva.GetActionPageAsync($"/casework/residents/details/{second}", "LogHours"), "form[action*='handler=LogHours']", values);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("Skjemaet er allerede brukt", (await Html.ParseAsync(reused)).GetElementById("form-errors")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_same_registration_posted_five_times_at_once_registers_one_person(TestDatabase db)
    {
        var app = apps[db];
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var form = await eva.GetPageAsync("/casework/residents/register");
        var name = TestData.Unique("Dobbeltklikk");
        var values = Html.Values(("Input.IdentityNumber", CaseworkTestData.NewIdentityNumber()), ("Input.FirstName", "Test"), ("Input.LastName", name),
            ("Input.LivingSituation", "Homeless"), ("Input.LivingSince", Today), ("Input.Category", "SupportedHousing"), ("Input.OrganisationForm", "Team"), ("Input.Start", Today));

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => eva.SubmitAsync(form, "main form", values)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location!.ToString()).Distinct());
        Assert.Equal(1, await app.QueryAsync(d => d.Residents.CountAsync(r => r.LastName == name)));
    }
}
