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
