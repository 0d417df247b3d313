using System.Text;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Casework;

/// <summary>Issue 8 §7: after anonymisation nothing that identified the person can be read from the SQLite file or its
/// write-ahead log with a byte search (freed space is overwritten, the log emptied). Its own database: the check needs the
/// write-ahead log free of other tests' readers.</summary>
public sealed class RetentionOnDiskTests
{
    [Fact]
    public async Task Anonymised_text_is_gone_from_the_sqlite_file_and_its_write_ahead_log()
    {
        await using var app = new HuslyApp(TestDatabase.Sqlite);
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud", ended: DateOnly.FromDateTime(DateTime.Now).AddYears(-11));
        var phone = "9" + Random.Shared.Next(1000000, 9999999);
        var minutes = "Referat-" + Guid.NewGuid().ToString("N");
        await app.WithDbAsync(async d =>
        {
            await d.Residents.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Phone, phone));
            d.CooperationMeetings.Add(new Husly.Features.Casework.FollowUp.CooperationMeeting
            {
                Id = Guid.NewGuid(),
                EnrolmentId = await d.Enrolments.Where(e => e.ResidentId == id).Select(e => e.Id).SingleAsync(),
                HeldOn = new DateOnly(2015, 1, 1),
                Participants = "Eva Strand",
                Minutes = minutes + " " + new string('x', 3000),
                RecordedBy = "Eva Strand",
            });
            await d.SaveChangesAsync();
        });
        var (number, cipher, hash, lastName) = await app.QueryAsync(async d => await d.Residents.Where(r => r.Id == id).SingleAsync() is var r
            ? (r.IdentityNumber!, r.IdentityNumberCipher!, r.IdentityNumberHash!, r.LastName) : default);
        // The number itself never reaches the disk (ADR 12); its ciphertext does, until retention.
        Assert.False(Found(app.SqliteFile!, number), "the identity number is on disk in clear");
        Assert.True(Found(app.SqliteFile!, cipher), "the encrypted number is on disk before retention");
        Assert.True(Found(app.SqliteFile!, hash), "the number's keyed hash is on disk before retention");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(TestContext.Current.CancellationToken));
        }

        foreach (var secret in new[] { number, cipher, hash, phone, minutes, lastName })
        {
            Assert.False(Found(app.SqliteFile!, secret), $"'{secret}' can still be read from the database files");
        }
    }

    private static bool Found(string databaseFile, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { databaseFile, databaseFile + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (buffer.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }
        return false;
    }
}
