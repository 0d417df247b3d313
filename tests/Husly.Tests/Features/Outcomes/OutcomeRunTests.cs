using Husly.Common;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;
using Husly.Features.Concerns;
using Husly.Features.Concerns.Rent;
using Husly.Features.Outcomes;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Outcomes;

/// <summary>Issue 13 §1: each measure worked out from small hand-made histories (the expected values are worked out in the
/// comments), stored without identity; the run resumes from its cursor, runs on one instance at a time, and replaces
/// the generation before it.</summary>
[Collection(OutcomeTestGroup.Name)]
public sealed class OutcomeRunTests(Apps apps)
{
    private static readonly Guid Worker = DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email);
    private static readonly Guid Alna = DemoIds.District("Alna");

    internal static async Task<OutcomeRun> RunAsync(HuslyApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<OutcomeRuns>().StartAsync("Test");
        Assert.True(await scope.ServiceProvider.GetRequiredService<OutcomeExtraction>().WorkAsync(CancellationToken.None));
        return await app.QueryAsync(d => d.OutcomeRuns.AsNoTracking().FirstAsync(r => r.Id == run.Id));
    }

    /// <summary>Publishes a made-up run's years (and only those): the tests of this group run one at a time.</summary>
    internal static async Task PublishOnlyAsync(HuslyApp app, OutcomeRun run, IEnumerable<OutcomeRecord> records)
    {
        var list = records.ToList();
        await app.WithDbAsync(async d =>
        {
            await d.PublishedYears.ExecuteDeleteAsync();
            d.OutcomeRuns.Add(run);
            d.OutcomeRecords.AddRange(list);
            d.PublishedYears.AddRange(list.Select(r => r.Year).Distinct().Select(y => new PublishedYear { Year = y, RunId = run.Id, PublishedAt = DateTime.UtcNow }));
            await d.SaveChangesAsync();
        });
    }

    private static Resident Person(DateOnly birth, params (LivingSituationKind Kind, DateOnly Start, DateOnly? End)[] living)
    {
        var id = Guid.CreateVersion7();
        var resident = new Resident { Id = id, FirstName = "Test", LastName = TestData.Unique("Effekt"), BirthDate = birth };
        resident.Normalise();
        resident.LivingSituations.AddRange(living.Select(l => new LivingSituationPeriod { Id = Guid.NewGuid(), ResidentId = id, Kind = l.Kind, Start = l.Start, End = l.End }));
        return resident;
    }

    private static Enrolment Enrol(Resident r, DateOnly start, DateOnly? end, Guid? project = null) => new()
    {
        Id = Guid.CreateVersion7(),
        ResidentId = r.Id,
        DistrictId = Alna,
        ContactPersonId = Worker,
        Category = FollowUpCategory.SupportedHousing,
        OrganisationForm = OrganisationForm.Team,
        ProjectId = project,
        Start = start,
        End = end,
        EndReason = end is null ? null : EnrolmentEndReason.GoalsReached,
    };

    private static Task<List<OutcomeRecord>> RecordsOfAsync(HuslyApp app, Guid runId, Guid residentId) =>
        app.QueryAsync(async d =>
        {
            var key = await d.OutcomeSubjects.Where(s => s.ResidentId == residentId).Select(s => s.PersonKey).SingleAsync();
            return await d.OutcomeRecords.AsNoTracking().Where(r => r.RunId == runId && r.PersonKey == key).OrderBy(r => r.Year).ToListAsync();
        });

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Each_measure_is_worked_out_from_hand_made_histories(TestDatabase db)
    {
        var app = apps[db];
        var project = DemoIds.Project("BoTrygt");
        // Settled: from institution into a municipal flat on 15.02.2024, followed up 01.11.2023–31.12.2025 with 7 hours a week.
        var settled = Person(new DateOnly(1990, 6, 15),
            (LivingSituationKind.Institution, new DateOnly(2023, 3, 1), new DateOnly(2024, 2, 14)),
            (LivingSituationKind.MunicipalRental, new DateOnly(2024, 2, 15), null));
        var settledEnrolment = Enrol(settled, new DateOnly(2023, 11, 1), new DateOnly(2025, 12, 31), project);
        var decision = new Decision
        {
            Id = Guid.NewGuid(),
            EnrolmentId = settledEnrolment.Id,
            Status = DecisionStatus.Decided,
            ValidFrom = new DateOnly(2023, 11, 1),
            DecidedAt = new DateTime(2023, 11, 1, 10, 0, 0, DateTimeKind.Utc),
            DecidedById = Worker,
            Justification = "Test",
        };
        decision.Services.Add(new DecisionService { Id = Guid.NewGuid(), DecisionId = decision.Id, Kind = ServiceKind.HousingFollowUp, HoursPerWeek = 7 });
        var hours = new[] { (new DateOnly(2023, 12, 1), 10.0), (new DateOnly(2024, 6, 1), 20.0), (new DateOnly(2025, 1, 10), 5.0) }
            .Select(h => new DeliveredHours { Id = Guid.NewGuid(), EnrolmentId = settledEnrolment.Id, Kind = ServiceKind.HousingFollowUp, Date = h.Item1, Hours = h.Item2, WorkerId = Worker, LoggedAt = DateTime.UtcNow }).ToList();
        // Evicted: from a private rental on 01.06.2024 (a rent alert closed as evicted), then temporary accommodation
        // June–August, then homeless; followed up through 2024, no decision.
        var evicted = Person(new DateOnly(1960, 1, 1),
            (LivingSituationKind.PrivateRental, new DateOnly(2020, 1, 1), new DateOnly(2024, 5, 31)),
            (LivingSituationKind.TemporaryAccommodation, new DateOnly(2024, 6, 1), new DateOnly(2024, 8, 31)),
            (LivingSituationKind.Homeless, new DateOnly(2024, 9, 1), null));
        var evictedEnrolment = Enrol(evicted, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var alert = new RentAlert
        {
            Id = Guid.NewGuid(),
            TenancyId = TestData.Unique("T"),
            Period = "2024-05",
            Kind = RentAlertKind.Petition,
            Reason = "Test",
            TenantName = "Test",
            Address = "Testveien 1",
            DistrictId = Alna,
            ResidentId = evicted.Id,
            RaisedAt = new DateTime(2024, 4, 1, 8, 0, 0, DateTimeKind.Utc),
            DueAt = new DateTime(2024, 4, 8, 8, 0, 0, DateTimeKind.Utc),
            IsOpen = false,
            Outcome = RentAlertOutcome.Evicted,
            ClosedAt = new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc),
            ClosedBy = "Test",
        };
        // Moved from an own home straight into a rental: home all along, so stable but not "settled".
        var moved = Person(new DateOnly(1975, 3, 3),
            (LivingSituationKind.OwnHome, new DateOnly(2020, 1, 10), new DateOnly(2022, 3, 31)),
            (LivingSituationKind.PrivateRental, new DateOnly(2022, 4, 1), null));
        var movedEnrolment = Enrol(moved, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        await app.WithDbAsync(async d =>
        {
            d.Residents.AddRange(settled, evicted, moved);
            d.Enrolments.AddRange(settledEnrolment, evictedEnrolment, movedEnrolment);
            d.Decisions.Add(decision);
            d.DeliveredHours.AddRange(hours);
            d.RentAlerts.Add(alert);
            await d.SaveChangesAsync();
        });

        var run = await RunAsync(app);
        Assert.Equal(OutcomeRunStatus.Completed, run.Status);
        Assert.Equal(run.Total, run.Processed);

        var s = await RecordsOfAsync(app, run.Id, settled.Id);
        Assert.Equal([2023, 2024, 2025], s.Select(r => r.Year));
        Assert.All(s, r => Assert.Equal((Alna, project, FollowUpCategory.SupportedHousing, OrganisationForm.Team), (r.DistrictId, r.ProjectId, r.Category, r.OrganisationForm)));
        // 2023: 01.11–31.12 = 61 days, all in the institution; 7 h/week × 61/7 = 61 planned; 10 delivered; 33 years old.
        Assert.Equal((Housing.Institution, Housing.Institution, false, 0, 61, 61.0, 10.0, 61, AgeBand.From25To34),
            (s[0].HousingAtStart, s[0].HousingAtEnd, s[0].Settled, s[0].HomeMonths, s[0].InstitutionDays, s[0].PlannedHours, s[0].DeliveredHours, s[0].FollowUpDays, s[0].AgeBand));
        // 2024 (366 days): settled 15.02; institution 01.01–14.02 = 45 days; at home 15.02–31.12 = 10 whole months; 34 years.
        Assert.Equal((Housing.Institution, Housing.MunicipalRental, true, 10, 45, 366.0, 20.0, 366, AgeBand.From25To34),
            (s[1].HousingAtStart, s[1].HousingAtEnd, s[1].Settled, s[1].HomeMonths, s[1].InstitutionDays, s[1].PlannedHours, s[1].DeliveredHours, s[1].FollowUpDays, s[1].AgeBand));
        // 2025: at home all year, 15.02.2024–31.12.2025 = 22 whole months; 35 years.
        Assert.Equal((Housing.MunicipalRental, Housing.MunicipalRental, false, 22, 0, 365.0, 5.0, AgeBand.From35To49),
            (s[2].HousingAtStart, s[2].HousingAtEnd, s[2].Settled, s[2].HomeMonths, s[2].InstitutionDays, s[2].PlannedHours, s[2].DeliveredHours, s[2].AgeBand));

        var e = Assert.Single(await RecordsOfAsync(app, run.Id, evicted.Id));
        // 2024: rental → homeless; one eviction; temporary 01.06–31.08 = 30+31+31 = 92 days; homeless 01.09–31.12 = 122 days.
        Assert.Equal((Housing.PrivateRental, Housing.Homeless, false, 0, 1, 92, 122, 0.0, AgeBand.From50To66, (Guid?)null),
            (e.HousingAtStart, e.HousingAtEnd, e.Settled, e.HomeMonths, e.Evictions, e.TemporaryDays, e.HomelessDays, e.PlannedHours, e.AgeBand, e.ProjectId));

        var m = Assert.Single(await RecordsOfAsync(app, run.Id, moved.Id));
        // Own home 10.01.2020 then a rental from 01.04.2022 without a gap: 35 whole months at 31.12.2022, not "settled".
        Assert.Equal((Housing.OwnHome, Housing.PrivateRental, false, 35), (m.HousingAtStart, m.HousingAtEnd, m.Settled, m.HomeMonths));

        // Nothing that identifies anyone: the key is not the resident's id, and the record has no such column.
        var key = await app.QueryAsync(d => d.OutcomeSubjects.Where(x => x.ResidentId == settled.Id).Select(x => x.PersonKey).SingleAsync());
        Assert.NotEqual(settled.Id, key);
        Assert.DoesNotContain(typeof(OutcomeRecord).GetProperties(), p => p.Name.Contains("Resident", StringComparison.Ordinal) || p.Name.Contains("Name", StringComparison.Ordinal) || p.PropertyType == typeof(DateOnly));

        // The next run keeps the person's key (years stay linked); of the runs before it, only the records of the years they
        // published remain.
        var next = await RunAsync(app);
        Assert.Equal(3, (await RecordsOfAsync(app, next.Id, settled.Id)).Count);
        Assert.Equal(s.Select(r => r.PersonKey).Distinct(), (await RecordsOfAsync(app, next.Id, settled.Id)).Select(r => r.PersonKey).Distinct());
        Assert.Equal(0, await app.QueryAsync(d => d.OutcomeRecords.CountAsync(r => r.RunId != next.Id && !d.PublishedYears.Any(p => p.Year == r.Year && p.RunId == r.RunId))));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_person_followed_up_twice_in_a_year_is_one_record_where_the_year_ended(TestDatabase db)
    {
        var app = apps[db];
        // In an institution all of 2024; followed up by Alna until 30.06 and then by Bjerke (a transfer), 7 h a week in each.
        var moved = Person(new DateOnly(1980, 1, 1), (LivingSituationKind.Institution, new DateOnly(2023, 1, 1), null));
        var first = Enrol(moved, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30));
        var second = Enrol(moved, new DateOnly(2024, 7, 1), new DateOnly(2024, 12, 31));
        second.DistrictId = DemoIds.District("Bjerke");
        second.Category = FollowUpCategory.CriticalTimeIntervention;
        await app.WithDbAsync(async d =>
        {
            d.Residents.Add(moved);
            d.Enrolments.AddRange(first, second);
            await d.SaveChangesAsync();
        });
        var run = await RunAsync(app);
        var record = Assert.Single(await RecordsOfAsync(app, run.Id, moved.Id));
        Assert.Equal((DemoIds.District("Bjerke"), FollowUpCategory.CriticalTimeIntervention), (record.DistrictId, record.Category));
        // 366 days in the institution and under follow-up, counted once.
        Assert.Equal((366, 366), (record.InstitutionDays, record.FollowUpDays));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_closed_year_is_published_once_and_does_not_move_with_later_changes(TestDatabase db)
    {
        await using var app = new HuslyApp(db);
        var first = await RunAsync(app);
        var published = await app.QueryAsync(d => d.PublishedYears.AsNoTracking().OrderBy(p => p.Year).ToListAsync());
        var thisYear = DateTime.UtcNow.Year;
        // Every closed year with figures is published by the first run; this year is not.
        Assert.Contains(published, p => p.Year == thisYear - 1 && p.RunId == first.Id);
        Assert.DoesNotContain(published, p => p.Year == thisYear);
        double? Persons(OutcomeModel m) => m.Get(thisYear - 1, Measure.Persons, "");
        OutcomeModel before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            before = (await scope.ServiceProvider.GetRequiredService<Dashboards>().ModelAsync())!;
        }
        Assert.DoesNotContain(thisYear, before.Years);

        // Someone followed up last year is registered late: the next run counts them, the published year stays as it was.
        var late = Person(new DateOnly(1970, 2, 2), (LivingSituationKind.Homeless, new DateOnly(thisYear - 2, 1, 1), null));
        await app.WithDbAsync(async d =>
        {
            d.Residents.Add(late);
            d.Enrolments.Add(Enrol(late, new DateOnly(thisYear - 1, 3, 1), new DateOnly(thisYear - 1, 9, 30)));
            await d.SaveChangesAsync();
        });
        var second = await RunAsync(app);
        Assert.Single(await RecordsOfAsync(app, second.Id, late.Id));
        Assert.Equal(published.Select(p => (p.Year, p.RunId)), await app.QueryAsync(async d => (await d.PublishedYears.AsNoTracking().OrderBy(p => p.Year).ToListAsync()).Select(p => (p.Year, p.RunId))));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var after = (await scope.ServiceProvider.GetRequiredService<Dashboards>().ModelAsync())!;
            Assert.Equal(second.Id, after.RunId);
            Assert.Equal(Persons(before), Persons(after));
        }
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Retention_forgets_the_person_key_so_later_results_cannot_be_joined_to_earlier_ones(TestDatabase db)
    {
        var app = apps[db];
        // Followed up 2012–2014: closed long enough ago for retention.
        var old = Person(new DateOnly(1950, 5, 5), (LivingSituationKind.MunicipalRental, new DateOnly(2011, 1, 1), null));
        await app.WithDbAsync(async d =>
        {
            d.Residents.Add(old);
            d.Enrolments.Add(Enrol(old, new DateOnly(2012, 1, 1), new DateOnly(2014, 6, 30)));
            await d.SaveChangesAsync();
        });
        var run = await RunAsync(app);
        var before = (await RecordsOfAsync(app, run.Id, old.Id)).Select(r => r.PersonKey).Distinct().Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(CancellationToken.None);
        }
        Assert.False(await app.QueryAsync(d => d.OutcomeSubjects.AnyAsync(s => s.ResidentId == old.Id)));
        // The next run still counts the (anonymised) history, under a new key.
        var next = await RunAsync(app);
        var after = (await RecordsOfAsync(app, next.Id, old.Id)).Select(r => r.PersonKey).Distinct().Single();
        Assert.NotEqual(before, after);
        Assert.Equal(3, (await RecordsOfAsync(app, next.Id, old.Id)).Count);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Concerns_count_as_taken_up_in_time_or_not(TestDatabase db)
    {
        var app = apps[db];
        // 2018 has no other concerns: one taken up a day before its deadline, one a day after, one never.
        var at = new DateTime(2018, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var inTime = await Concerns.TriageTests.AddConcernAsync(app, "Alna", "I tide", ConcernUrgency.Normal, at);
        var late = await Concerns.TriageTests.AddConcernAsync(app, "Alna", "For sent", ConcernUrgency.Normal, at);
        await Concerns.TriageTests.AddConcernAsync(app, null, "Aldri", ConcernUrgency.Normal, at);
        await app.WithDbAsync(async d =>
        {
            await d.Concerns.Where(c => c.Id == inTime.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ClaimedAt, inTime.DueAt.AddDays(-1)));
            await d.Concerns.Where(c => c.Id == late.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ClaimedAt, late.DueAt.AddDays(1)));
        });
        var run = await RunAsync(app);
        var records = await app.QueryAsync(d => d.ConcernRecords.AsNoTracking().Where(r => r.RunId == run.Id && r.Year == 2018).ToListAsync());
        Assert.Equal(3, records.Count);
        Assert.Equal(1, records.Count(r => r.InTime));
        Assert.Equal(0, records.Count(r => r.Pending));
        Assert.Equal(2, records.Count(r => r.DistrictId == Alna));
        Assert.Single(records, r => r.DistrictId is null);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_stopped_run_resumes_from_its_cursor_on_one_instance_at_a_time(TestDatabase db)
    {
        await using var app = new HuslyApp(db, new Dictionary<string, string> { ["Outcomes:BatchSize"] = "4", ["Outcomes:LeaseMinutes"] = "5" });
        // A full run in one go, to compare with.
        var whole = await RunAsync(app);
        var expected = await app.QueryAsync(d => d.OutcomeRecords.AsNoTracking().Where(r => r.RunId == whole.Id)
            .Select(r => new { r.PersonKey, r.Year, r.HomeMonths, r.PlannedHours, r.DeliveredHours }).ToListAsync());
        Assert.True(whole.Total > 12, $"only {whole.Total} residents");

        OutcomeRun run;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            run = await scope.ServiceProvider.GetRequiredService<OutcomeRuns>().StartAsync("Test");
            // Three batches, then this instance stops (as if it went down).
            Assert.False(await scope.ServiceProvider.GetRequiredService<OutcomeExtraction>().WorkAsync(CancellationToken.None, maxBatches: 3));
        }
        var stopped = await app.QueryAsync(d => d.OutcomeRuns.AsNoTracking().FirstAsync(r => r.Id == run.Id));
        Assert.Equal((OutcomeRunStatus.Running, 12), (stopped.Status, stopped.Processed));
        Assert.True(stopped.Percent is > 0 and < 100);

        // A second instance leaves it alone while the first one's lease runs …
        await using var second = new HuslyApp(app);
        await using (var scope = second.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<OutcomeExtraction>().WorkAsync(CancellationToken.None));
        }
        Assert.Equal(12, (await app.QueryAsync(d => d.OutcomeRuns.AsNoTracking().FirstAsync(r => r.Id == run.Id))).Processed);
        // … and takes over once it has run out, from where the first one was.
        await app.WithDbAsync(d => d.OutcomeRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, DateTime.UtcNow.AddMinutes(-1))));
        await using (var scope = second.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<OutcomeExtraction>().WorkAsync(CancellationToken.None));
        }
        var done = await app.QueryAsync(d => d.OutcomeRuns.AsNoTracking().FirstAsync(r => r.Id == run.Id));
        Assert.Equal((OutcomeRunStatus.Completed, done.Total), (done.Status, done.Processed));
        var actual = await app.QueryAsync(d => d.OutcomeRecords.AsNoTracking().Where(r => r.RunId == run.Id)
            .Select(r => new { r.PersonKey, r.Year, r.HomeMonths, r.PlannedHours, r.DeliveredHours }).ToListAsync());
        Assert.Equal(expected.OrderBy(r => r.PersonKey).ThenBy(r => r.Year), actual.OrderBy(r => r.PersonKey).ThenBy(r => r.Year));
        Assert.Equal(done.Records, actual.Count);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Only_administrators_start_a_run_and_follow_it(TestDatabase db)
    {
        var app = apps[db];
        var admin = app.ClientFor(DemoAccounts.Admin);
        var page = await admin.GetPageAsync("/administration/outcomes");
        var before = await app.QueryAsync(d => d.OutcomeRuns.CountAsync());
        var response = await admin.SubmitAsync(page, "form[action*='handler=Start']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var running = await app.QueryAsync(d => d.OutcomeRuns.AsNoTracking().SingleAsync(r => r.Status == OutcomeRunStatus.Running));
        Assert.Equal(DemoAccounts.Admin.Name, running.StartedBy);
        // A second start while one runs starts nothing new.
        page = await admin.GetPageAsync("/administration/outcomes");
        Assert.Contains("Beregningen kjører", page.QuerySelector("#run-progress")!.TextContent, StringComparison.Ordinal);
        await admin.SubmitAsync(page, "form[action*='handler=Start']");
        Assert.Equal(before + 1, await app.QueryAsync(d => d.OutcomeRuns.CountAsync()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<OutcomeExtraction>().WorkAsync(CancellationToken.None));
        }
        page = await admin.GetPageAsync("/administration/outcomes");
        Assert.Contains("Ingen beregning kjører", page.QuerySelector("#run-progress")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ferdig", page.QuerySelector("#runs tbody tr")!.TextContent, StringComparison.Ordinal);

        foreach (var other in DemoAccounts.All.Where(a => a.Role != Husly.Platform.Auth.Roles.Administrator))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.ClientFor(other).GetAsync("/administration/outcomes")).StatusCode);
        }
    }
}
