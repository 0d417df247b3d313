using Husly.Data;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Data;

public sealed class ConnectionTests(Apps apps)
{
    [Fact]
    public async Task On_PostgreSQL_a_statement_run_again_on_a_connection_is_prepared_on_the_server()
    {
        await using var scope = apps[TestDatabase.Postgres].Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            await db.Programmes.AsNoTracking().Where(p => p.Name != "x").CountAsync();
        }
        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Contains(prepared, s => s.Contains("\"Programmes\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Database=husly", 200)]
    [InlineData("Host=db;Database=husly;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=husly;MaxAutoPrepare=10", 10)]
    public void Auto_prepare_is_on_unless_the_connection_string_says_otherwise(string given, int expected)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(DataModule.WithAutoPrepare(given));
        Assert.Equal(expected, builder.MaxAutoPrepare);
    }
}
