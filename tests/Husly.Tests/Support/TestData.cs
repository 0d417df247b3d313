using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Support;

/// <summary>Test-only shortcuts on top of the shared builders: put a project straight into the database, read back state.</summary>
public static class TestData
{
    public static string Unique(string name) => $"{name} {Guid.NewGuid().ToString()[..8]}";

    public static async Task<Project> AddProjectAsync(this HuslyApp app, Func<ProjectBuilder, ProjectBuilder> build, string? name = null)
    {
        var project = build(new ProjectBuilder(name ?? Unique("Testprosjekt")).WithId(Guid.CreateVersion7())).Build();
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            await db.SaveChangesAsync();
        });
        return project;
    }

    public static async Task WithDbAsync(this HuslyApp app, Func<HuslyDbContext, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<HuslyDbContext>());
    }

    public static async Task<T> QueryAsync<T>(this HuslyApp app, Func<HuslyDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HuslyDbContext>());
    }

    public static Task<Project> ProjectAsync(this HuslyApp app, Guid id) =>
        app.QueryAsync(db => db.Projects.AsNoTracking().AsSplitQuery().Include(p => p.Partners).Include(p => p.Funding)
            .Include(p => p.Impacts).Include(p => p.PhaseChanges).Include(p => p.CoDistricts).FirstAsync(p => p.Id == id));
}

/// <summary>Residents for casework tests, put straight into the database with synthetic identity numbers.</summary>
public static class CaseworkTestData
{
    /// <summary>A fresh synthetic identity number (month + 80) with a random birth date.</summary>
    public static string NewIdentityNumber()
    {
        while (true)
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(60 * 365));
            if (Husly.Common.IdentityNumber.Synthetic(birth, Random.Shared.Next(0, 500)) is { } number)
            {
                return number;
            }
        }
    }

    /// <summary>A resident enrolled in a district with a team and contact person; returns its id.</summary>
    public static async Task<Guid> AddResidentAsync(this HuslyApp app, DemoAccount contact, string team, string district,
        Husly.Features.Casework.Residents.ProtectionLevel protection = default, DateOnly? ended = null, params DemoAccount[] named)
    {
        var id = Guid.CreateVersion7();
        var number = NewIdentityNumber();
        var start = ended is { } e && e < new DateOnly(2026, 1, 1) ? e.AddYears(-1) : new DateOnly(2026, 1, 1);
        Husly.Common.IdentityNumber.TryParse(number, new Husly.Common.IdentityNumberRules(true), out var parsed, out _);
        var resident = new Husly.Features.Casework.Residents.Resident
        {
            Id = id,
            FirstName = "Test",
            LastName = TestData.Unique("Person"),
            BirthDate = parsed.BirthDate,
            IdentityNumber = number,
            Protection = protection,
        };
        resident.Normalise();
        resident.LivingSituations.Add(new() { Id = Guid.NewGuid(), ResidentId = id, Kind = Husly.Features.Casework.Residents.LivingSituationKind.Homeless, Start = start });
        resident.NamedWorkers.AddRange(named.Select(n => new Husly.Features.Casework.Residents.ResidentNamedWorker { ResidentId = id, UserId = DemoIds.User(n.Email) }));
        await app.WithDbAsync(async db =>
        {
            db.Residents.Add(resident);
            db.Enrolments.Add(new Husly.Features.Casework.FollowUp.Enrolment
            {
                Id = Guid.NewGuid(),
                ResidentId = id,
                DistrictId = DemoIds.District(district),
                TeamId = DemoIds.Organisation(team),
                ContactPersonId = DemoIds.User(contact.Email),
                Start = start,
                End = ended,
                EndReason = ended is null ? null : Husly.Features.Casework.FollowUp.EnrolmentEndReason.GoalsReached,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>Another follow-up for a resident, in Grorud: open, or ended on <paramref name="end"/>.</summary>
    public static async Task<Guid> AddEnrolmentAsync(this HuslyApp app, Guid residentId, string team, DemoAccount contact, DateOnly start, DateOnly? end = null)
    {
        var id = Guid.CreateVersion7();
        await app.WithDbAsync(async d =>
        {
            d.Enrolments.Add(new Husly.Features.Casework.FollowUp.Enrolment
            {
                Id = id,
                ResidentId = residentId,
                DistrictId = DemoIds.District("Grorud"),
                TeamId = DemoIds.Organisation(team),
                ContactPersonId = DemoIds.User(contact.Email),
                Start = start,
                End = end,
                EndReason = end is null ? null : Husly.Features.Casework.FollowUp.EnrolmentEndReason.GoalsReached,
            });
            await d.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A resident's identity number, read the way the app reads it (decrypted on load).</summary>
    public static Task<string> IdentityNumberAsync(this HuslyApp app, Guid residentId) =>
        app.QueryAsync(async db => (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == residentId)).IdentityNumber!);

    /// <summary>How many records hold the number (by the keyed hash, as the app searches).</summary>
    public static Task<int> CountWithNumberAsync(this HuslyApp app, string number)
    {
        var hash = app.Services.GetRequiredService<Husly.Features.Casework.Residents.IdentityNumberVault>().Hash(number);
        return app.QueryAsync(db => db.Residents.CountAsync(r => r.IdentityNumberHash == hash));
    }

    public static Task<List<Husly.Features.Casework.Access.AccessLogEntry>> AccessLogAsync(this HuslyApp app, Guid residentId) =>
        app.QueryAsync(db => db.AccessLog.AsNoTracking().Where(e => e.ResidentId == residentId).OrderBy(e => e.Sequence).ToListAsync());
}
