using System.Net;
using System.Security.Cryptography;
using System.Text;
using Husly.Data.DemoData;
using Husly.Features.Casework.Residents;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Casework;

/// <summary>Identity numbers are encrypted at rest, with a keyed hash for exact search: a copy of the database holds no
/// number and no plain hash a guessed number could be tested against.</summary>
public sealed class IdentityNumberAtRestTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_registered_number_is_stored_only_encrypted_and_keyed_yet_found_by_exact_search(TestDatabase db)
    {
        var app = apps[db];
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var number = CaseworkTestData.NewIdentityNumber();
        var lastName = TestData.Unique("Kryptert");
        var form = await eva.GetPageAsync("/casework/residents/register");
        var registered = await eva.SubmitAsync(form, "main form", Html.Values(
            ("Input.IdentityNumber", number), ("Input.FirstName", "Vera"), ("Input.LastName", lastName),
            ("Input.LivingSituation", "TemporaryAccommodation"), ("Input.LivingSince", "2026-10-01"), ("Input.Category", "SupportedHousing"),
            ("Input.OrganisationForm", "Team"), ("Input.Start", "2026-11-02")));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var id = Guid.Parse(registered.Headers.Location!.OriginalString.Split('/')[^1]);

        // Every column of the stored row, as text: none holds the number, its digits or a plain SHA-256 of it.
        var row = await RawRowAsync(app, id);
        var plainHash = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(number)));
        Assert.DoesNotContain(row, v => v.Contains(number, StringComparison.Ordinal)
            || v.Equals(plainHash, StringComparison.OrdinalIgnoreCase));
        var vault = app.Services.GetRequiredService<IdentityNumberVault>();
        Assert.Contains(vault.Hash(number)!, row);
        Assert.Equal(number, vault.Unprotect(row.Single(v => v.StartsWith("CfDJ", StringComparison.Ordinal)))); // the key ring's payload

        // The app reads it back in clear where it shows it (masked), and exact search by number still finds it.
        Assert.Equal(number, await app.IdentityNumberAsync(id));
        var found = await Html.ParseAsync(await eva.SubmitAsync(await eva.GetPageAsync("/casework/residents/find"), "main form",
            Html.Values(("Input.IdentityNumber", number))));
        Assert.Contains(lastName, found.QuerySelector("main")!.TextContent);
        Assert.Contains(number[..6] + "*****", found.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(number, found.QuerySelector("main")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_number_corrected_on_a_loaded_resident_is_encrypted_and_hashed_again(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var corrected = CaseworkTestData.NewIdentityNumber();
        // Only the number changes: EF sees no changed column, the interceptor must.
        await app.WithDbAsync(async d =>
        {
            (await d.Residents.SingleAsync(r => r.Id == id)).IdentityNumber = corrected;
            await d.SaveChangesAsync();
        });
        Assert.Equal(corrected, await app.IdentityNumberAsync(id));
        Assert.Equal(1, await app.CountWithNumberAsync(corrected));
    }

    private static Task<List<string>> RawRowAsync(HuslyApp app, Guid id) => app.QueryAsync(async d =>
    {
        var connection = d.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "Residents" WHERE "Id" = @id""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = d.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the resident's row was not found");
        return Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
    });
}
