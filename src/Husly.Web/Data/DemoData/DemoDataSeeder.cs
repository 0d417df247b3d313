using Husly.Features.Administration.Users;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Data.DemoData;

public sealed class BootstrapAdminOptions
{
    /// <summary>With no users at all, an administrator with this e-mail and password is created on start (production's first sign-in).</summary>
    [System.ComponentModel.DataAnnotations.EmailAddress]
    public string? Email { get; set; }

    [System.ComponentModel.DataAnnotations.MinLength(12)]
    public string? Password { get; set; }
}

/// <summary>Seeds roles and reference data always, and demo users, programmes and projects when demo data is on.
/// Deterministic: the same data and ids on every run.</summary>
internal sealed class DemoDataSeeder(
    HuslyDbContext db,
    UserManager<HuslyUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<DemoDataOptions> demo,
    IOptions<BootstrapAdminOptions> bootstrap,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync()
    {
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = DemoIds.For("role:" + role) });
        }
        if (!await db.Organisations.AnyAsync())
        {
            db.Organisations.AddRange(ReferenceData.Organisations());
            db.TargetGroups.AddRange(ReferenceData.TargetGroups.Select((name, i) =>
                new TargetGroup { Id = DemoIds.TargetGroup(name), Name = name, SortOrder = i }));
            await db.SaveChangesAsync();
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == DemoIds.Organisation(ReferenceData.CentralDesk)))
        {
            // Installations from before issue 12 get the central desk too.
            db.Organisations.Add(ReferenceData.CentralDeskUnit());
            await db.SaveChangesAsync();
        }
        if (!await db.PostcodeDistricts.AnyAsync())
        {
            db.PostcodeDistricts.AddRange(Husly.Features.Concerns.OsloPostcodes.All().Select(p => new Husly.Features.Concerns.PostcodeDistrict
            {
                Postcode = p.Postcode,
                DistrictId = DemoIds.Organisation("Bydel " + p.District),
            }));
            await db.SaveChangesAsync();
        }
        await BootstrapAdminAsync();
        if (demo.Value.Enabled && !await db.Programmes.AnyAsync())
        {
            await SeedDemoAsync(demo.Value.Projects);
        }
    }

    private async Task BootstrapAdminAsync()
    {
        var options = bootstrap.Value;
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.Password) || await db.Users.AnyAsync())
        {
            return;
        }
        var admin = new HuslyUser
        {
            Id = Guid.CreateVersion7(),
            UserName = options.Email,
            Email = options.Email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            OrganisationId = DemoIds.Organisation(ReferenceData.WelfareAgency),
        };
        await Check(users.CreateAsync(admin, options.Password));
        await Check(users.AddToRoleAsync(admin, Roles.Administrator));
        logger.LogInformation("Created the bootstrap administrator {UserId}", admin.Id);
    }

    private async Task SeedDemoAsync(int projectCount)
    {
        db.Organisations.AddRange(DemoCasework.Teams());
        await db.SaveChangesAsync();
        foreach (var account in DemoAccounts.All)
        {
            var user = new HuslyUser
            {
                Id = DemoIds.User(account.Email),
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.Name,
                Title = account.Title,
                OrganisationId = DemoIds.Organisation(account.Unit),
            };
            await Check(users.CreateAsync(user, DemoAccounts.Password));
            await Check(users.AddToRoleAsync(user, account.Role));
        }

        db.Programmes.AddRange(DemoProgrammes.Bosin(), DemoProgrammes.BosoOslo());
        db.Projects.AddRange(DemoProjects.Named());
        db.Projects.AddRange(DemoProjects.Generated(projectCount - DemoProjects.NamedBosinCount));
        var now = clock.GetUtcNow().UtcDateTime;
        var cycle = DemoApplications.All(now);
        db.Calls.AddRange(DemoCalls.All(now).Select(c => { c.AwardedTotal = c.Id == DemoCalls.LastYear ? cycle.AwardedLastYear : 0; return c; }));
        await db.SaveChangesAsync();
        db.Applications.AddRange(cycle.Applications);
        db.ApplicationEvents.AddRange(cycle.Events);
        db.Reviews.AddRange(cycle.Reviews);
        db.FundingDecisions.AddRange(cycle.Decisions);
        await db.SaveChangesAsync();
        if (demo.Value.Applications > 0)
        {
            db.ChangeTracker.Clear();
            var many = DemoApplications.Generated(demo.Value.Applications, now);
            db.Applications.AddRange(many.Applications);
            db.ApplicationEvents.AddRange(many.Events);
            db.Reviews.AddRange(many.Reviews);
            await db.SaveChangesAsync();
        }
        db.ChangeTracker.Clear();
        await DemoReporting.SeedAsync(db, now, demo.Value.ResultYears);
        db.ChangeTracker.Clear();
        db.Solutions.AddRange(DemoCatalogue.Examples(DemoIds.Programme("BOSin"), now));
        await db.SaveChangesAsync();
        db.Adoptions.AddRange(DemoCatalogue.Adoptions(now));
        await db.SaveChangesAsync();
        foreach (var batch in DemoCatalogueVolume.Generate(demo.Value.Solutions, DemoIds.Programme("BOSin"), now).Chunk(2000))
        {
            db.ChangeTracker.Clear();
            db.Solutions.AddRange(batch);
            await db.SaveChangesAsync();
        }
        var residents = DemoCasework.Residents(demo.Value.Residents).ToList();
        db.Residents.AddRange(residents.Select(r => r.Resident));
        db.Enrolments.AddRange(residents.SelectMany(r => r.Enrolments));
        db.Decisions.AddRange(residents.SelectMany(r => r.Decisions));
        db.DeliveredHours.AddRange(residents.SelectMany(r => r.Hours));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        foreach (var batch in DemoOutcomes.Generate(demo.Value.HistoryResidents, DateOnly.FromDateTime(now)).Chunk(500))
        {
            db.Residents.AddRange(batch.Select(h => h.Resident));
            db.Enrolments.AddRange(batch.Select(h => h.Enrolment));
            db.Decisions.AddRange(batch.Select(h => h.Decision).OfType<Husly.Features.Casework.Decisions.Decision>());
            db.DeliveredHours.AddRange(batch.SelectMany(h => h.Hours));
            db.RentAlerts.AddRange(batch.Select(h => h.Eviction).OfType<Husly.Features.Concerns.Rent.RentAlert>());
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        db.UnitCosts.AddRange(DemoOutcomes.UnitCosts(now));
        db.Concerns.AddRange(DemoConcerns.All(now));
        db.RentAlerts.AddRange(DemoConcerns.Alerts(now));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        logger.LogInformation("Seeded demo data with {Count} generated projects and {Residents} residents", projectCount, residents.Count);
    }

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding a user failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
