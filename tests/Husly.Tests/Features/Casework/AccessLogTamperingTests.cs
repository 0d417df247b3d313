using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Named = Husly.Data.DemoData.DemoCasework.Named;

namespace Husly.Tests.Features.Casework;

/// <summary>Issue 8 §5: someone with write access to the database, but not to the key or the checkpoint file, tries to cut
/// the log short or rewrite it. Each attack runs on a database of its own, since it breaks the chain.</summary>
public sealed class AccessLogTamperingTests
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Rewriting_with_plain_hashes_under_the_real_key_id_is_detected(TestDatabase db)
    {
        var (app, log) = await StartWithEntriesAsync(db, 3);
        await using var _ = app;
        var victim = await app.QueryAsync(d => d.AccessLog.MaxAsync(e => e.Sequence));
        await app.WithDbAsync(async d =>
        {
            var entry = await d.AccessLog.SingleAsync(e => e.Sequence == victim);
            entry.UserName = "Noen andre";
            entry.Hash = PlainHash(entry); // the key id stays; only the key is missing
            await d.SaveChangesAsync();
        });
        Assert.Equal(victim, (await log.VerifyAsync(TestContext.Current.CancellationToken)).BrokenAt);
    }

    private static async Task<(HuslyApp App, AccessLog Log)> StartWithEntriesAsync(TestDatabase db, int reads)
    {
        var app = new HuslyApp(db);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        for (var i = 0; i < reads; i++)
        {
            await eva.GetPageAsync($"/casework/residents/details/{Named.KariGrorud}");
        }
        var log = app.Services.GetRequiredService<AccessLog>();
        Assert.True((await log.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
        return (app, log);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Deleting_the_last_entries_is_detected(TestDatabase db)
    {
        var (app, log) = await StartWithEntriesAsync(db, 25);
        await using var _ = app;
        var last = await app.QueryAsync(d => d.AccessLog.MaxAsync(e => e.Sequence));
        await app.WithDbAsync(d => d.AccessLog.Where(e => e.Sequence > last - 20).ExecuteDeleteAsync());

        var result = await log.VerifyAsync(TestContext.Current.CancellationToken);
        Assert.False(result.Intact);
        Assert.Equal("truncated", result.Problem);
        Assert.Equal(last - 20, result.Entries);
    }

    /// <summary>Change one entry and recompute every later hash the way an attacker without the key can: plain SHA-256,
    /// with and without the key id.</summary>
    /// <summary>Cut the tail, then let the app write on from the cut (as it does after a restart): the new entries are
    /// signed properly, but two signed checkpoints for one position give the cut away.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Cutting_the_tail_and_writing_on_from_a_restarted_app_is_detected(TestDatabase db)
    {
        var (app, _) = await StartWithEntriesAsync(db, 10);
        await using var __ = app;
        var last = await app.QueryAsync(d => d.AccessLog.MaxAsync(e => e.Sequence));
        await app.WithDbAsync(d => d.AccessLog.Where(e => e.Sequence > last - 5).ExecuteDeleteAsync());
        await using var restarted = new HuslyApp(app);
        var eva = restarted.ClientFor(DemoAccounts.CaseWorkerGrorud);
        for (var i = 0; i < 10; i++)
        {
            await eva.GetPageAsync($"/casework/residents/details/{Named.KariGrorud}");
        }

        var result = await restarted.Services.GetRequiredService<AccessLog>().VerifyAsync(TestContext.Current.CancellationToken);
        Assert.False(result.Intact);
        Assert.Equal("checkpoint-conflict", result.Problem);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Rewriting_an_entry_and_recomputing_the_chain_without_the_key_is_detected(TestDatabase db)
    {
        var (app, log) = await StartWithEntriesAsync(db, 5);
        await using var _ = app;
        var victim = await app.QueryAsync(d => d.AccessLog.Where(e => e.ResidentId == Named.KariGrorud).OrderBy(e => e.Sequence).Select(e => e.Sequence).FirstAsync());
        await app.WithDbAsync(async d =>
        {
            var entries = await d.AccessLog.Where(e => e.Sequence >= victim).OrderBy(e => e.Sequence).ToListAsync();
            var previous = (await d.AccessLog.Where(e => e.Sequence == victim - 1).Select(e => e.Hash).FirstOrDefaultAsync()) ?? AccessLog.Genesis;
            entries[0].UserName = "Noen andre";
            foreach (var e in entries)
            {
                e.KeyId = null;
                e.PreviousHash = previous;
                e.Hash = previous = PlainHash(e);
            }
            await d.SaveChangesAsync();
        });

        var result = await log.VerifyAsync(TestContext.Current.CancellationToken);
        Assert.False(result.Intact);
        Assert.Equal(victim, result.BrokenAt);
    }

    /// <summary>Retention may remove a reason, and seals that it did; a reason removed by hand (an emergency access's
    /// justification, say) is tampering.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Erasing_a_reason_by_hand_is_detected(TestDatabase db)
    {
        await using var app = new HuslyApp(db);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var stovner = await app.IdentityNumberAsync(Named.OlaStovner);
        await eva.SubmitAsync(await eva.GetPageAsync("/casework/emergency"), "main form",
            Html.Values(("Input.IdentityNumber", stovner), ("Input.Reason", "Akutt situasjon, brukeren er på legevakten nå")));
        var log = app.Services.GetRequiredService<AccessLog>();
        Assert.True((await log.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
        var entry = await app.QueryAsync(d => d.AccessLog.Where(e => e.ResidentId == Named.OlaStovner && e.Reason != null).Select(e => e.Sequence).FirstAsync());

        await app.WithDbAsync(d => d.AccessLog.Where(e => e.Sequence == entry).ExecuteUpdateAsync(u => u.SetProperty(e => e.Reason, (string?)null)));

        Assert.Equal(entry, (await log.VerifyAsync(TestContext.Current.CancellationToken)).BrokenAt);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_forged_checkpoint_is_detected(TestDatabase db)
    {
        var (app, log) = await StartWithEntriesAsync(db, 2);
        await using var _ = app;
        var file = app.Services.GetRequiredService<AccessLogSeal>().CheckpointFile;
        await File.AppendAllTextAsync(file, "999999\tabc\t2026-01-01T00:00:00.0000000Z\ttest-1\tdeadbeef\n", TestContext.Current.CancellationToken);

        Assert.Equal("checkpoint-forged", (await log.VerifyAsync(TestContext.Current.CancellationToken)).Problem);
    }

    private static string PlainHash(AccessLogEntry e)
    {
        var text = string.Join('\u001f', e.PreviousHash, e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.Ticks.ToString(CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "", e.UserName, e.Role, e.UnitId?.ToString() ?? "", e.UnitName, e.ResidentId?.ToString() ?? "",
            e.Action, e.ReasonDigest, e.Outcome.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
