using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Husly.Platform.Caching;

/// <summary>Marks entities that feed drop-downs and labels (units, programmes, target groups): saving one clears
/// <see cref="ReferenceDataCache"/>.</summary>
public interface IReferenceData;

/// <summary>Caches the small, rarely changed lists every form and filter shows, so a list page does not spend
/// three database round trips on its drop-downs. A save of any <see cref="IReferenceData"/> clears it on this
/// instance; the short expiry bounds how stale another instance can be.</summary>
public sealed class ReferenceDataCache(IMemoryCache cache) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private CancellationTokenSource generation = new();

    public async Task<IReadOnlyList<T>> GetAsync<T>(string key, Func<Task<List<T>>> load)
    {
        if (cache.TryGetValue(key, out IReadOnlyList<T>? hit) && hit is not null)
        {
            return hit;
        }
        // Taken before loading: an invalidation during the load must not leave the old list cached.
        var token = Volatile.Read(ref generation).Token;
        var value = await load();
        cache.Set<IReadOnlyList<T>>(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }
            .AddExpirationToken(new CancellationChangeToken(token)));
        return value;
    }

    public void Invalidate()
    {
        // Not disposed: a reader may still be taking its token.
        Interlocked.Exchange(ref generation, new CancellationTokenSource()).Cancel();
    }

    public void Dispose() => generation.Dispose();
}
