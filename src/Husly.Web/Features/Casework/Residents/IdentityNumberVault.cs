using System.Security.Cryptography;
using System.Text;
using Husly.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Husly.Features.Casework.Residents;

/// <summary>Identity numbers at rest. The number is stored encrypted with the app's data-protection key ring (itself
/// encrypted under DataProtection:Key, which the database never holds), beside a keyed hash for exact search:
/// HMAC-SHA256 under a key derived from DataProtection:Key. A copy of the database alone yields neither the numbers nor
/// a way to test a guessed number against them (a plain hash of the 11 digits could be reversed by trying them all).</summary>
public sealed class IdentityNumberVault
{
    private readonly IDataProtector protector;
    private readonly byte[] hashKey;

    public IdentityNumberVault(IDataProtectionProvider provider, KeyRingKey key)
    {
        protector = provider.CreateProtector("Husly.Casework.IdentityNumber");
        hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, 32, info: "husly:identity-number-hash:v1"u8.ToArray());
    }

    /// <summary>The keyed hash to search by (hex, 64 characters); null for no number.</summary>
    public string? Hash(string? number) => number is null ? null
        : Convert.ToHexString(HMACSHA256.HashData(hashKey, Encoding.ASCII.GetBytes(number)));

    public string? Protect(string? number) => number is null ? null : protector.Protect(number);

    public string? Unprotect(string? cipher) => cipher is null ? null : protector.Unprotect(cipher);
}

/// <summary>Keeps <see cref="Resident.IdentityNumber"/> (not a column) and its two columns in step: encrypted and hashed
/// when a resident is saved with a new number, decrypted when one is read. No page handles ciphertext. One stateless
/// instance for the process: EF keys its internal services on materialization interceptors, so an instance per app
/// (each test starts several) would build a new set each time; the vault comes from the context's application services.</summary>
internal sealed class IdentityNumberInterceptor : SaveChangesInterceptor, IMaterializationInterceptor
{
    public static readonly IdentityNumberInterceptor Instance = new();

    private IdentityNumberInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is Resident { IdentityNumberCipher: { } cipher } resident)
        {
            resident.IdentityNumber = materializationData.Context.GetService<IdentityNumberVault>().Unprotect(cipher);
        }
        return entity;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context)
        {
            return ValueTask.FromResult(result);
        }
        var vault = context.GetService<IdentityNumberVault>();
        foreach (var entry in context.ChangeTracker.Entries<Resident>())
        {
            // Every tracked resident, unchanged ones too: the number is not a column, so EF cannot see that it changed.
            if (entry.State is EntityState.Deleted or EntityState.Detached)
            {
                continue;
            }
            var hash = vault.Hash(entry.Entity.IdentityNumber);
            if (hash != entry.Entity.IdentityNumberHash)
            {
                // Through the entry, so the change counts even after the context has detected changes.
                entry.Property(r => r.IdentityNumberHash).CurrentValue = hash;
                entry.Property(r => r.IdentityNumberCipher).CurrentValue = vault.Protect(entry.Entity.IdentityNumber);
            }
        }
        return ValueTask.FromResult(result);
    }
}
