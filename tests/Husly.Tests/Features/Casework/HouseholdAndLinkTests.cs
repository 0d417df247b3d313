using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Residents;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Casework;

/// <summary>Households (each member's follow-up is their own) and linked duplicate records (linked, never merged).</summary>
public sealed class HouseholdAndLinkTests(Apps apps)
{
    private static async Task<string> NumberAsync(HuslyApp app, Guid id) =>
        await app.IdentityNumberAsync(id);

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Household_members_are_shown_only_when_visible_and_ending_one_follow_up_leaves_the_others(TestDatabase db)
    {
        var app = apps[db];
        var a = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var b = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{a}";

        var unknown = await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddHouseholdMember']",
            Html.Values(("Household.IdentityNumber", CaseworkTestData.NewIdentityNumber())));
        Assert.Equal("Fant ingen bruker med dette fødselsnummeret blant brukerne du har tilgang til.", (await Html.ParseAsync(unknown)).FieldError("Household_IdentityNumber"));
        var mistyped = await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddHouseholdMember']",
            Html.Values(("Household.IdentityNumber", "12345678901")));
        Assert.Equal("Fødselsnummeret er ikke gyldig: kontrollsifrene stemmer ikke.", (await Html.ParseAsync(mistyped)).FieldError("Household_IdentityNumber"));
        var added = await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=AddHouseholdMember']",
            Html.Values(("Household.IdentityNumber", await NumberAsync(app, b)), ("Household.IsMainTenant", "true")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var logged = (await app.AccessLogAsync(a)).Count;
        Assert.Contains("hovedleietaker", (await eva.GetPageAsync(url)).GetElementById("household-members")!.TextContent);
        // A read of A's page is a view of A, not also a "related" read of A as a member of A's own household. (Other tests'
        // caseload pages may list A meanwhile, so only these two actions are counted.)
        Assert.Equal([AccessActions.View], (await app.AccessLogAsync(a)).Skip(logged)
            .Where(e => e.Action is AccessActions.View or AccessActions.Related).Select(e => e.Action));
        Assert.Contains(await app.AccessLogAsync(b), e => e.Action == AccessActions.Related);
        Assert.Contains($"/casework/residents/details/{a}", (await eva.GetPageAsync($"/casework/residents/details/{b}")).GetElementById("household-members")!.InnerHtml);

        // A member in another district is counted, not named.
        var c = await app.AddResidentAsync(DemoAccounts.CaseWorkerStovner, DemoCasework.TeamStovner, "Stovner");
        await app.WithDbAsync(async d =>
        {
            var household = await d.HouseholdMembers.Where(m => m.ResidentId == a).Select(m => m.HouseholdId).SingleAsync();
            d.HouseholdMembers.Add(new HouseholdMember { HouseholdId = household, ResidentId = c });
            await d.SaveChangesAsync();
        });
        var members = (await eva.GetPageAsync(url)).GetElementById("household-members")!;
        Assert.Contains("1 til som du ikke har tilgang til", members.TextContent);
        Assert.DoesNotContain(c.ToString(), members.InnerHtml);
        Assert.DoesNotContain(await app.AccessLogAsync(c), e => e.UserId == DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email));

        // Ending A's follow-up leaves B's open.
        var page = await eva.GetActionPageAsync(url, "CloseEnrolment");
        await eva.SubmitAsync(page, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd")), ("Close.Reason", "GoalsReached")));
        Assert.Equal(1, await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == a && e.End != null)));
        Assert.Equal(0, await app.QueryAsync(d => d.Enrolments.CountAsync(e => (e.ResidentId == b || e.ResidentId == c) && e.End != null)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Duplicate_records_are_linked_with_a_reason_each_keeps_its_own_log_and_the_link_can_be_undone(TestDatabase db)
    {
        var app = apps[db];
        var a = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var b = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{a}";

        var noReason = await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=Link']", Html.Values(("Link.IdentityNumber", await NumberAsync(app, b))));
        Assert.Equal("Skriv hvorfor dette er samme person.", (await Html.ParseAsync(noReason)).FieldError("Link_Reason"));
        var self = await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=Link']",
            Html.Values(("Link.IdentityNumber", await NumberAsync(app, a)), ("Link.Reason", "Samme")));
        Assert.Equal("En bruker kan ikke kobles til seg selv.", (await Html.ParseAsync(self)).FieldError("Link_IdentityNumber"));

        var reason = "Registrert uten fødselsnummer ved første kontakt på hospitset";
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(await eva.GetPageAsync(url), "form[action*='handler=Link']",
            Html.Values(("Link.IdentityNumber", await NumberAsync(app, b)), ("Link.Reason", reason)))).StatusCode);
        Assert.Contains($"/casework/residents/details/{b}", (await eva.GetPageAsync(url)).GetElementById("links")!.InnerHtml);
        var other = await eva.GetPageAsync($"/casework/residents/details/{b}");
        Assert.Contains($"/casework/residents/details/{a}", other.GetElementById("links")!.InnerHtml);
        Assert.Equal(2, await app.QueryAsync(d => d.Residents.CountAsync(r => r.Id == a || r.Id == b)));
        Assert.Contains(await app.AccessLogAsync(b), e => e.Action == AccessActions.Change && e.Reason == reason);
        Assert.Contains(await app.AccessLogAsync(b), e => e.Action == AccessActions.Related);

        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(other, "form[action*='handler=Unlink']")).StatusCode);
        Assert.Null((await eva.GetPageAsync(url)).GetElementById("links"));
        Assert.NotNull(await app.QueryAsync(d => d.ResidentLinks.Where(l => l.ResidentId == a).Select(l => l.UnlinkedAt).SingleAsync()));
    }
}
