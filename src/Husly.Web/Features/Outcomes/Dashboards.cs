using System.Collections.Concurrent;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Husly.Features.Outcomes;

/// <summary>One model per completed run, built on the first request that needs it and kept until a newer run completes.
/// Building reads the run's records once (five grouped queries) and suppresses every figure.</summary>
public sealed class OutcomeModelCache
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<OutcomeModel>>> models = new();

    public Task<OutcomeModel> GetAsync(OutcomeRun run, Func<Task<OutcomeModel>> build)
    {
        var lazy = models.GetOrAdd(run.Id, _ => new Lazy<Task<OutcomeModel>>(build));
        foreach (var old in models.Keys.Where(k => k != run.Id))
        {
            models.TryRemove(old, out _);
        }
        return lazy.Value.ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                models.TryRemove(run.Id, out _); // a failed build is tried again by the next request
            }
            return t;
        }, TaskScheduler.Default).Unwrap();
    }
}

/// <summary>The published figures and the names of what they are cut by.</summary>
public sealed class Dashboards(HuslyDbContext db, OrganisationLookups organisations, OutcomeRuns runs, OutcomeModelCache cache, IServiceScopeFactory scopes)
{
    /// <summary>Districts' and readable projects' names by key value; the other projects with results numbered (1, 2 …) so
    /// their rows can be told apart without naming them.</summary>
    public sealed record Names(IReadOnlyDictionary<string, string> Districts, IReadOnlyDictionary<string, string> Projects, IReadOnlyDictionary<string, int> Others)
    {
        public static readonly Names None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, int>());
    }

    /// <summary>The newest completed run's model, or null before the first run has completed.</summary>
    public async Task<OutcomeModel?> ModelAsync(CancellationToken ct = default)
    {
        if (await runs.PublishedAsync(ct) is not { } run)
        {
            return null;
        }
        return await cache.GetAsync(run, async () =>
        {
            // Its own scope: the build outlives the request that started it when others wait for it too.
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
            return await OutcomeModel.BuildAsync(context, run, CancellationToken.None);
        });
    }

    /// <summary>The key and name of the scope a district and/or project choose; an id the run has no figures for is an
    /// error on its field (and left out).</summary>
    public static (string Key, string Name) Scope(ref Guid? district, ref Guid? project, Names names,
        Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        var parts = new List<(string, string)>();
        if (district is { } d)
        {
            if (names.Districts.ContainsKey(Dim.Of(d)))
            {
                parts.Add((Dim.District, Dim.Of(d)));
            }
            else
            {
                state.AddModelError("District", l["Velg en bydel fra listen."]);
                district = null;
            }
        }
        if (project is { } p)
        {
            if (names.Projects.ContainsKey(Dim.Of(p)))
            {
                parts.Add((Dim.Project, Dim.Of(p)));
            }
            else
            {
                state.AddModelError("Project", l["Velg et prosjekt fra listen."]);
                project = null;
            }
        }
        var name = parts.Count == 0 ? l["Hele programmet"].Value
            : string.Join(" – ", parts.Select(x => x.Item1 == Dim.District ? names.Districts[x.Item2] : names.Projects[x.Item2]));
        return (Dim.Key(parts), name);
    }

    /// <summary>The name of the chosen project when the user may read it but nobody in the figures follows it (yet), so the
    /// page can say so rather than call the choice wrong.</summary>
    public async Task<string?> ProjectWithoutResultsAsync(Guid? project, Names names, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        project is { } chosen && !names.Projects.ContainsKey(Dim.Of(chosen))
            ? await db.Projects.AsNoTracking().Where(p => p.Id == chosen).Where(Portfolio.Projects.ProjectAuthorizationHandler.ReadableBy(user)).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>Districts and the projects with results the user may read, by key value.</summary>
    public async Task<Names> NamesAsync(OutcomeModel model, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default)
    {
        // The districts from the cached choice lists every form uses; only the projects are read per request.
        var districts = (await organisations.UnitsAsync()).Where(o => o.Kind == OrganisationKind.District).ToList();
        var projectIds = model.ValuesOf(Dim.Project).Where(v => v != Dim.None).Select(Guid.Parse).ToList();
        // Only projects the user may read are named (and offered as a filter); the others show as "another project".
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Where(Portfolio.Projects.ProjectAuthorizationHandler.ReadableBy(user)).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var districtNames = districts.ToDictionary(d => Dim.Of(d.Id), d => d.Name);
        var projectNames = projects.ToDictionary(p => Dim.Of(p.Id), p => p.Name);
        var others = projectIds.Select(id => Dim.Of(id)).Where(v => !projectNames.ContainsKey(v)).Order(StringComparer.Ordinal)
            .Select((v, i) => (v, i + 1)).ToDictionary(x => x.v, x => x.Item2);
        return new Names(districtNames, projectNames, others);
    }
}
