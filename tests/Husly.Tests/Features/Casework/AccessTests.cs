using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Residents;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Named = Husly.Data.DemoData.DemoCasework.Named;

namespace Husly.Tests.Features.Casework;

/// <summary>Need-to-know: every casework route against every role and district, and the read audit behind it.</summary>
public sealed class AccessTests(Apps apps)
{
    private static readonly Guid Unknown = Guid.Parse("0198f0d0-0000-7000-8000-000000000001");

    /// <summary>Who gets what: 200 where the rule allows, 404 (never 403) where a caseworker may not see the resident,
    /// 403 for roles that do not work with residents at all.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Every_casework_route_answers_every_role_as_the_need_to_know_rule_says(TestDatabase db)
    {
        var app = apps[db];
        var resident = $"/casework/residents/details/";
        var seeing = new Dictionary<string, DemoAccount[]>
        {
            [resident + Named.KariGrorud] = [DemoAccounts.CaseWorkerGrorud, DemoAccounts.CaseWorkerGrorud2, DemoAccounts.TeamLeaderGrorud],
            [resident + Named.ProtectedGrorud] = [DemoAccounts.CaseWorkerGrorud2],
            [resident + Named.FactGrorud] = [DemoAccounts.CaseWorkerGrorudFact, DemoAccounts.TeamLeaderGrorud],
            [resident + Named.OlaStovner] = [DemoAccounts.CaseWorkerStovner],
            [resident + Unknown] = [],
        };
        DemoAccount[] caseworkRoles =
            [DemoAccounts.CaseWorkerGrorud, DemoAccounts.CaseWorkerGrorud2, DemoAccounts.CaseWorkerGrorudFact, DemoAccounts.TeamLeaderGrorud, DemoAccounts.CaseWorkerStovner];
        string[] openToCasework = ["/casework", "/casework?scope=Team", "/casework?scope=District", "/casework/residents/register", "/casework/residents/find", "/casework/emergency"];

        var wrong = new List<string>();
        foreach (var account in DemoAccounts.All)
        {
            var client = app.ClientFor(account);
            var works = caseworkRoles.Contains(account);
            foreach (var url in openToCasework)
            {
                await Expect(client, account, url, works ? HttpStatusCode.OK : HttpStatusCode.Forbidden, wrong);
            }
            // The transfer queue is the team leader's; the privacy desk the privacy officer's.
            await Expect(client, account, "/casework/transfers", account == DemoAccounts.TeamLeaderGrorud ? HttpStatusCode.OK : HttpStatusCode.Forbidden, wrong);
            await Expect(client, account, "/privacy", account == DemoAccounts.PrivacyOfficer ? HttpStatusCode.OK : HttpStatusCode.Forbidden, wrong);
            foreach (var (url, allowed) in seeing)
            {
                var expected = !works ? HttpStatusCode.Forbidden : allowed.Contains(account) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                await Expect(client, account, url, expected, wrong);
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static async Task Expect(HttpClient client, DemoAccount account, string url, HttpStatusCode expected, List<string> wrong)
    {
        var status = (await client.GetAsync(url)).StatusCode;
        if (status != expected)
        {
            wrong.Add($"{account.Email} GET {url}: {(int)status}, expected {(int)expected}");
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Not_yours_looks_exactly_like_does_not_exist(TestDatabase db)
    {
        var client = apps[db].ClientFor(DemoAccounts.CaseWorkerStovner);
        var notYours = await client.GetAsync($"/casework/residents/details/{Named.KariGrorud}");
        var missing = await client.GetAsync($"/casework/residents/details/{Unknown}");

        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(missing.StatusCode, notYours.StatusCode);
        Assert.Equal((await Html.ParseAsync(missing)).QuerySelector("main")!.TextContent, (await Html.ParseAsync(notYours)).QuerySelector("main")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_read_is_logged_with_who_role_unit_and_what_and_a_refusal_as_denied(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetAsync($"/casework/residents/details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.CaseWorkerStovner).GetAsync($"/casework/residents/details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.Manager).GetAsync($"/casework/residents/details/{id}")).StatusCode);

        // Other tests open Eva's caseload at the same time, which lists this resident too; those rows are not this test's.
        var all = (await app.AccessLogAsync(id)).Where(e => e.Action != AccessActions.Caseload).ToList();
        // The programme manager was stopped by the folder policy before anything was read; the attempt is logged as denied.
        var manager = Assert.Single(all, e => e.UserId == DemoIds.User(DemoAccounts.Manager.Email));
        Assert.Equal((AccessOutcome.Denied, "ProgrammeManager", AccessActions.View), (manager.Outcome, manager.Role, manager.Action));
        var log = all.Where(e => e != manager).ToList();
        Assert.Equal(2, log.Count);
        var granted = log[0];
        Assert.Equal((DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email), "Eva Strand", "CaseWorker", DemoCasework.TeamGrorud, AccessActions.View, AccessOutcome.Granted),
            (granted.UserId!.Value, granted.UserName, granted.Role, granted.UnitName, granted.Action, granted.Outcome));
        var denied = log[1];
        Assert.Equal((DemoIds.User(DemoAccounts.CaseWorkerStovner.Email), AccessOutcome.Denied), (denied.UserId!.Value, denied.Outcome));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_caseload_logs_each_resident_it_shows_and_an_empty_one_logs_nothing(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud");
        var page = await app.ClientFor(DemoAccounts.CaseWorkerGrorud2).GetPageAsync("/casework");
        var shown = page.QuerySelectorAll("#caseload tbody a").Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/')[^1])).ToList();
        Assert.Contains(id, shown);
        Assert.Contains(Named.ProtectedGrorud, shown);
        Assert.DoesNotContain(Named.KariGrorud, shown); // Eva's, not Per's

        var per = DemoIds.User(DemoAccounts.CaseWorkerGrorud2.Email);
        var logged = await app.QueryAsync(d => d.AccessLog.Where(e => e.UserId == per && e.Action == AccessActions.Caseload)
            .Select(e => e.ResidentId!.Value).Distinct().ToListAsync());
        Assert.Subset(logged.ToHashSet(), shown.ToHashSet());

        // Pages that reveal nobody write nothing: see A_read_is_logged… (refused role) and Search_finds… (empty search).
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_protected_address_limits_the_resident_to_named_workers(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud",
            ProtectionLevel.StrictlyConfidential, named: DemoAccounts.CaseWorkerGrorud);

        var eva = await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync($"/casework/residents/details/{id}");
        Assert.Contains("Strengt fortrolig", eva.QuerySelector(".pkt-alert--warning")!.TextContent);
        Assert.Contains("Eva Strand", eva.QuerySelector("#person")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud2).GetAsync($"/casework/residents/details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetAsync($"/casework/residents/details/{id}")).StatusCode);
        var teamList = await app.ClientFor(DemoAccounts.CaseWorkerGrorud2).GetPageAsync("/casework?scope=Team");
        Assert.DoesNotContain(id.ToString(), teamList.QuerySelector("main")!.InnerHtml);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Search_finds_only_visible_residents_and_logs_only_what_it_revealed(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var number = await app.IdentityNumberAsync(id);
        var search = Html.Values(("Input.IdentityNumber", number));

        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var none = await Html.ParseAsync(await ola.SubmitAsync(await ola.GetPageAsync("/casework/residents/find"), "main form", search));
        Assert.NotNull(none.GetElementById("no-hits"));

        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        // From the search box on the caseload page.
        var hit = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync("/casework"), "form[action='/casework/residents/find']", search));
        Assert.Contains(number[..6] + "*****", hit.GetElementById("hits")!.TextContent);
        Assert.DoesNotContain(number, hit.GetElementById("hits")!.InnerHtml);

        // Eva's caseload page showed the resident too (and may be open in other tests). Ola's empty search revealed nothing,
        // but he typed the resident's number: the resident's log shows a denied search, as for registration.
        var log = await app.AccessLogAsync(id);
        Assert.Single(log, e => e.Action == AccessActions.Search && e.UserId == DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email));
        var olas = log.Where(e => e.UserId == DemoIds.User(DemoAccounts.CaseWorkerStovner.Email)).ToList();
        Assert.Equal([(AccessActions.Search, AccessOutcome.Denied)], olas.Select(e => (e.Action, e.Outcome)));

        var byName = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync("/casework/residents/find"), "main form",
            Html.Values(("Input.Name", "Test"), ("Input.BirthYear", "1890"))));
        Assert.NotNull(byName.GetElementById("no-hits"));
        var invalid = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync("/casework/residents/find"), "main form",
            Html.Values(("Input.IdentityNumber", "12345678901"))));
        Assert.Equal("Fødselsnummeret er ikke gyldig: kontrollsifrene stemmer ikke.", invalid.FieldError("Input_IdentityNumber"));
        // A search saves nothing, so its error summary does not say "Ikke lagret".
        var nameOnly = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync("/casework/residents/find"), "main form",
            Html.Values(("Input.Name", "Test"))));
        Assert.Equal("Søket må rettes", nameOnly.QuerySelector("#form-errors h2")!.TextContent.Trim());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_log_is_a_hash_chain_and_verify_finds_a_changed_entry(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync($"/casework/residents/details/{id}");
        var log = app.Services.GetRequiredService<AccessLog>();
        // Other classes list Eva's caseload in parallel (caseload rows for this resident too): take the page read.
        var entry = (await app.AccessLogAsync(id)).Single(e => e.Action == AccessActions.View);
        Assert.True((await log.VerifyAsync(TestContext.Current.CancellationToken)).Intact);

        var officer = app.ClientFor(DemoAccounts.PrivacyOfficer);
        var desk = await officer.GetPageAsync("/privacy");
        var original = entry.UserName;
        await SetUserNameAsync(app, entry.Id, "Noen andre");
        try
        {
            Assert.Equal(entry.Sequence, (await log.VerifyAsync(TestContext.Current.CancellationToken)).BrokenAt);
            var broken = await Html.ParseAsync(await officer.SubmitAsync(desk, "form[action*='handler=Verify']"));
            Assert.Contains($"kjeden brytes ved linje {entry.Sequence}", broken.GetElementById("verify-result")!.TextContent);
        }
        finally
        {
            await SetUserNameAsync(app, entry.Id, original);
        }
        Assert.True((await log.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
        var whole = await Html.ParseAsync(await officer.SubmitAsync(desk, "form[action*='handler=Verify']"));
        Assert.StartsWith("Loggen er uendret", whole.GetElementById("verify-result")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    private static Task SetUserNameAsync(HuslyApp app, Guid entryId, string name) => app.WithDbAsync(async d =>
    {
        var row = await d.AccessLog.FindAsync(entryId);
        row!.UserName = name;
        await d.SaveChangesAsync();
    });

    // In this class, not its own: it verifies the whole chain, which the test above breaks for a moment.
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Retention_anonymises_residents_closed_long_ago_and_the_log_still_verifies(TestDatabase db)
    {
        var app = apps[db];
        var old = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud", ended: DateOnly.FromDateTime(DateTime.Now).AddYears(-11));
        var recent = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud", ended: DateOnly.FromDateTime(DateTime.Now).AddYears(-6));
        var number = await app.IdentityNumberAsync(old);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var reason = "Må se kriseplanen, politiet har ringt om personen";
        await eva.SubmitAsync(await eva.GetPageAsync("/casework/emergency"), "main form", Html.Values(("Input.IdentityNumber", number), ("Input.Reason", reason)));
        Assert.Contains(await app.AccessLogAsync(old), e => e.Reason == reason);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(TestContext.Current.CancellationToken) >= 1);
        }

        var resident = await app.QueryAsync(d => d.Residents.AsNoTracking().SingleAsync(r => r.Id == old));
        Assert.Equal(("Anonymisert", "", (string?)null, (string?)null), (resident.FirstName, resident.LastName, resident.IdentityNumber, resident.Phone));
        Assert.NotNull(resident.AnonymisedAt);
        Assert.Equal(1, resident.BirthDate.Day + resident.BirthDate.Month - 1);
        Assert.Equal(1, await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == old))); // structure stays for statistics
        var log = await app.AccessLogAsync(old);
        Assert.NotEmpty(log);
        Assert.All(log, e => Assert.Null(e.Reason));
        Assert.True((await app.Services.GetRequiredService<AccessLog>().VerifyAsync(TestContext.Current.CancellationToken)).Intact);
        Assert.Null(await app.QueryAsync(d => d.Residents.Where(r => r.Id == recent).Select(r => r.AnonymisedAt).SingleAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_benchmark_switch_that_turns_the_log_off_is_ignored_outside_the_benchmark_environment(TestDatabase db)
    {
        var app = apps[db];
        var options = Microsoft.Extensions.Options.Options.Create(new CaseworkOptions { SkipAccessLogInBenchmark = true });
        async Task<bool> WrittenAsync(string environment)
        {
            var resident = Guid.NewGuid();
            await using var log = new AccessLog(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<AccessLogSeal>(), TimeProvider.System, options,
                new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment },
                Microsoft.Extensions.Logging.Abstractions.NullLogger<AccessLog>.Instance);
            await log.AppendAsync([new AccessLogEntry { ResidentId = resident, Action = AccessActions.View, UserName = "Test" }], TestContext.Current.CancellationToken);
            return (await app.AccessLogAsync(resident)).Count == 1;
        }

        Assert.True(await WrittenAsync("Production"));
        Assert.False(await WrittenAsync("Benchmark"));
        // A second writer (as another app instance would be) joined the chain without breaking it.
        await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync($"/casework/residents/details/{Named.KariGrorud}");
        Assert.True((await app.Services.GetRequiredService<AccessLog>().VerifyAsync(TestContext.Current.CancellationToken)).Intact);
    }
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Concurrent_reads_are_logged_in_batches_that_keep_the_chain_and_one_bad_entry_fails_only_its_own_read(TestDatabase db)
    {
        var app = apps[db];
        var ct = TestContext.Current.CancellationToken;
        await using var log = new AccessLog(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<AccessLogSeal>(), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new CaseworkOptions()),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AccessLog>.Instance);
        var residents = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var bad = residents[17];

        var appends = residents.Select(id => Task.Run(() => log.AppendAsync(
            [new AccessLogEntry { ResidentId = id, Action = AccessActions.View, UserName = id == bad ? null! : "Test", Role = "Saksbehandler" }], ct))).ToList();
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => appends[17]);
        await Task.WhenAll(appends.Where((_, i) => i != 17));

        Assert.IsType<DbUpdateException>(failed, exactMatch: false);
        var written = await app.QueryAsync(d => d.AccessLog.Where(e => residents.Contains(e.ResidentId!.Value)).ToListAsync());
        Assert.Equal(residents.Where(r => r != bad).Order(), written.Select(e => e.ResidentId!.Value).Order());
        Assert.Equal(written.Count, written.Select(e => e.Sequence).Distinct().Count());
        Assert.True((await app.Services.GetRequiredService<AccessLog>().VerifyAsync(ct)).Intact);
    }
}
