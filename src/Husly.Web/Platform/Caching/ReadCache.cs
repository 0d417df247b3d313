using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Husly.Platform.Caching;

/// <summary>Caches read-mostly query results on this instance: the lists every form and filter shows (units,
/// programmes, target groups) and project-list pages. Each entry names the entity types it was read from; a save on
/// this instance that adds, changes or removes one of those types clears the entry as soon as it commits (the
/// auditing interceptor tells the cache), so a user always sees their own change. The expiry bounds how stale another
/// instance can be.</summary>
public sealed class ReadCache : IDisposable
{
    // Its own store with a bound: free-text searches make many one-off list entries.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 5_000 });

    /// <summary>For the small lists forms and filters offer.</summary>
    public static readonly TimeSpan ReferenceDataLifetime = TimeSpan.FromMinutes(2);

    // One generation per entity type; cancelling it expires every entry read from that type.
    private readonly ConcurrentDictionary<Type, CancellationTokenSource> generations = new();

    // Counts the invalidations per entity type, for keys of rendered fragments (the cache tag helper) that must change
    // when what they show changes.
    private readonly ConcurrentDictionary<Type, long> versions = new();

    /// <summary>A key part that changes whenever a save on this instance touches one of the types.</summary>
    public string VersionOf(params IReadOnlyList<Type> types) =>
        string.Join('.', types.Select(t => versions.GetValueOrDefault(t).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<T> GetAsync<T>(string key, TimeSpan lifetime, IReadOnlyList<Type> readsFrom, Func<Task<T>> load)
        where T : class
    {
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
        {
            return hit;
        }
        // Taken before loading: a save committed during the load expires the entry at once instead of leaving the
        // old result cached.
        var tokens = new IChangeToken[readsFrom.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = new CancellationChangeToken(generations.GetOrAdd(readsFrom[i], _ => new CancellationTokenSource()).Token);
        }
        var value = await load();
        var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 };
        foreach (var token in tokens)
        {
            options.AddExpirationToken(token);
        }
        cache.Set(key, value, options);
        return value;
    }

    public void Dispose() => cache.Dispose();

    /// <summary>Raised after a save has committed, with the entity types it touched (e.g. to clear cached pages).</summary>
    public event Action<IReadOnlyCollection<Type>>? Changed;

    /// <summary>Called after a save has committed, with the entity types it touched.</summary>
    public void Invalidate(IEnumerable<Type> changed)
    {
        var types = changed.ToList();
        foreach (var type in types)
        {
            versions.AddOrUpdate(type, 1, (_, v) => v + 1);
            // Not disposed: a reader may still be taking its token.
            if (generations.TryRemove(type, out var generation))
            {
                generation.Cancel();
            }
        }
        Changed?.Invoke(types);
    }
}
