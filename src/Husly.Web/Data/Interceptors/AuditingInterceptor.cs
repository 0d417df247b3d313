using System.Globalization;
using Husly.Platform.Auditing;
using Husly.Platform.Auth;
using Husly.Platform.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Husly.Data.Interceptors;

/// <summary>Stamps audit columns, renews the concurrency <c>Version</c> and writes field-level change history,
/// so no page can forget to.</summary>
internal sealed class AuditingInterceptor(TimeProvider clock, CurrentActor actor, ReadCache readCache) : SaveChangesInterceptor
{
    // The entity types a context's pending save touches; cached reads of them are cleared once the save has committed.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<Type>> changedTypes = [];

    private static readonly HashSet<string> NotHistory =
    [
        nameof(IAuditable.Version), nameof(IAuditable.CreatedAt), nameof(IAuditable.CreatedBy),
        nameof(IAuditable.ChangedAt), nameof(IAuditable.ChangedBy), "SearchText", "ArchivedAt",
        // Identity numbers at rest: ciphertext and keyed hash are never history.
        "IdentityNumberCipher", "IdentityNumberHash",
    ];

    // The data-protection key store (a framework library) saves synchronously; its rows need no stamps or history.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is { } context && context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .All(e => e.Entity is Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)
            ? result
            : throw new InvalidOperationException("Husly saves asynchronously; use SaveChangesAsync.");

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await StampAsync(context, cancellationToken);
        }
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && changedTypes.TryGetValue(context, out var types))
        {
            changedTypes.Remove(context);
            readCache.Invalidate(types);
        }
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            changedTypes.Remove(context);
        }
        return Task.CompletedTask;
    }

    /// <summary>SQLite stores any length whatever the column says; PostgreSQL refuses. Refuse on both, so a form that
    /// forgot its length check fails in tests on either database instead of saving 7,000 characters into 1,000.</summary>
    private static void EnforceMaxLengths(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (property.CurrentValue is string text && property.Metadata.GetMaxLength() is { } max && text.Length > max
                && (entry.State == EntityState.Added || property.IsModified))
            {
                throw new InvalidOperationException(
                    $"{entry.Metadata.ClrType.Name}.{property.Metadata.Name} is {text.Length} characters; its column holds {max}. Validate the input's length.");
            }
        }
    }

    private async Task StampAsync(DbContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = actor.Name;
        var userId = actor.UserId;
        var history = new List<ChangeLogEntry>();
        var touched = changedTypes.GetOrCreateValue(context);
        touched.Clear();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                touched.Add(entry.Metadata.ClrType);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                EnforceMaxLengths(entry);
            }

            if (entry.Entity is IAuditable auditable)
            {
                switch (entry.State)
                {
                    case EntityState.Added:
                        auditable.CreatedAt = auditable.ChangedAt = now;
                        auditable.CreatedBy = auditable.ChangedBy = name;
                        auditable.Version = Guid.NewGuid();
                        break;
                    case EntityState.Modified:
                        auditable.ChangedAt = now;
                        auditable.ChangedBy = name;
                        auditable.Version = Guid.NewGuid();
                        break;
                    case EntityState.Detached:
                    case EntityState.Unchanged:
                    case EntityState.Deleted:
                        break;
                }
            }

            if (entry.Entity is IHasChangeHistory owner)
            {
                var type = entry.Metadata.ClrType.Name;
                if (entry.State == EntityState.Added)
                {
                    history.Add(Entry(type, owner.Id, "Created", null, null));
                }
                else if (entry.State == EntityState.Modified)
                {
                    foreach (var property in entry.Properties.Where(p => p.IsModified && !NotHistory.Contains(p.Metadata.Name)
                                 && !Equals(p.OriginalValue, p.CurrentValue)))
                    {
                        var oldValue = await DescribeAsync(context, property, property.OriginalValue, ct);
                        var newValue = await DescribeAsync(context, property, property.CurrentValue, ct);
                        if (oldValue != newValue)
                        {
                            history.Add(Entry(type, owner.Id, property.Metadata.Name, oldValue, newValue));
                        }
                    }
                }
            }
            else if (entry.Entity is IHistoryChild child && entry.State is EntityState.Added or EntityState.Deleted)
            {
                foreach (var reference in entry.References.Where(r => !r.IsLoaded && r.Metadata is Microsoft.EntityFrameworkCore.Metadata.INavigation { IsOnDependent: true }))
                {
                    await reference.LoadAsync(ct);
                }
                var parentType = child.HistoryOwnerType?.Name ?? entry.Metadata.GetForeignKeys()
                    .Select(fk => fk.PrincipalEntityType.ClrType)
                    .First(t => typeof(IHasChangeHistory).IsAssignableFrom(t)).Name;
                history.Add(entry.State == EntityState.Added
                    ? Entry(parentType, child.HistoryOwnerId, child.HistoryField, null, child.HistoryText)
                    : Entry(parentType, child.HistoryOwnerId, child.HistoryField, child.HistoryText, null));
            }
        }

        if (history.Count > 0)
        {
            context.Set<ChangeLogEntry>().AddRange(history);
        }

        ChangeLogEntry Entry(string type, Guid id, string field, string? oldValue, string? newValue) => new()
        {
            EntityType = type,
            EntityId = id,
            Field = field,
            OldValue = Trim(oldValue),
            NewValue = Trim(newValue),
            ChangedAt = now,
            ChangedByUserId = userId,
            ChangedByName = name,
        };
    }

    /// <summary>A value as the history shows it; foreign keys become the name of what they point to.</summary>
    private static async Task<string?> DescribeAsync(DbContext context, PropertyEntry property, object? value, CancellationToken ct)
    {
        if (value is null)
        {
            return null;
        }
        var foreignKey = property.Metadata.GetContainingForeignKeys().FirstOrDefault();
        if (foreignKey is not null)
        {
            var target = await context.FindAsync(foreignKey.PrincipalEntityType.ClrType, [value], ct);
            var nameProperty = foreignKey.PrincipalEntityType.FindProperty("Name") ?? foreignKey.PrincipalEntityType.FindProperty("DisplayName");
            if (target is not null && nameProperty?.PropertyInfo is { } info)
            {
                return info.GetValue(target) as string;
            }
        }
        return value switch
        {
            DateOnly d => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private static string? Trim(string? value) => value is { Length: > 1000 } ? value[..997] + "…" : value;
}
