using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Casework;

/// <summary>The need-to-know rule exists twice: as a query (lists, opening a case file) and in memory (which enrolment on
/// an opened case file the worker may change). They must never disagree.</summary>
public sealed class NeedToKnowTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_change_rule_in_memory_agrees_with_the_query_for_every_demo_actor_and_enrolment(TestDatabase db)
    {
        var app = apps[db];
        // A resident with two open follow-ups in Grorud, in two teams: a worker of one team may change only that one.
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var other = await app.AddEnrolmentAsync(id, DemoCasework.FactTeamGrorud, DemoAccounts.CaseWorkerGrorudFact, new DateOnly(2026, 2, 1));

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HuslyUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<HuslyUser>>();
        var access = scope.ServiceProvider.GetRequiredService<ResidentAccess>();
        var context = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
        var enrolments = await context.Enrolments.AsNoTracking().ToListAsync();
        var actors = new List<(string Email, CaseActor Actor, HashSet<Guid> Changeable)>();
        foreach (var account in DemoAccounts.All)
        {
            var actor = CaseActor.From(await principals.CreateAsync((await users.FindByEmailAsync(account.Email))!));
            actors.Add((account.Email, actor, (await access.ChangeableEnrolments(actor).Select(e => e.Id).ToListAsync()).ToHashSet()));
        }
        // Other tests in this app change follow-ups meanwhile (transfers, closings): only those unchanged while the
        // queries ran are compared, so both sides judge the same row.
        var after = (await context.Enrolments.AsNoTracking().Select(e => new { e.Id, e.Version }).ToListAsync()).ToDictionary(e => e.Id, e => e.Version);
        var stable = enrolments.Where(e => after.TryGetValue(e.Id, out var version) && version == e.Version).ToList();
        var compared = 0;
        foreach (var (email, actor, changeable) in actors)
        {
            foreach (var e in stable)
            {
                Assert.True(changeable.Contains(e.Id) == ResidentAccess.MayChange(actor, e), $"{email} and enrolment {e.Id}");
                compared++;
            }
        }
        Assert.True(compared > 100, $"only {compared} pairs compared");

        var eva = CaseActor.From(await principals.CreateAsync((await users.FindByEmailAsync(DemoAccounts.CaseWorkerGrorud.Email))!));
        Assert.False(ResidentAccess.MayChange(eva, enrolments.Single(e => e.Id == other)));
        Assert.True(ResidentAccess.MayChange(eva, enrolments.Single(e => e.ResidentId == id && e.Id != other)));

        // The pages follow: Eva sees both follow-ups but is offered, and may use, the actions on her team's only.
        var client = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var page = await client.GetPageAsync($"/casework/residents/details/{id}");
        Assert.Single(page.QuerySelectorAll("a[data-action='LogHours']"));
        var hours = await client.GetPageAsync($"/casework/residents/{id}/enrolments/{other}/hours");
        Assert.Equal("Oppfølgingen hører til et annet team. Bare teamet, kontaktpersonen og teamlederen kan endre den.", hours.GetElementById("not-changeable")!.TextContent.Trim());
        var refused = await client.PostWithTokenAsync($"/casework/residents/{id}/enrolments/{other}/hours?handler=LogHours",
            ("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd")), ("LoggedHours.Hours", "1"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(0, await app.QueryAsync(d => d.DeliveredHours.CountAsync(h => h.EnrolmentId == other)));
    }
}
