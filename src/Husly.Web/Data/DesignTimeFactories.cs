using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Husly.Data;

// Let `dotnet ef` build each provider's context without configuration or a running database.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHuslyDbContext>
{
    public SqliteHuslyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHuslyDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHuslyDbContext>
{
    public PostgresHuslyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHuslyDbContext>().UseNpgsql("Host=localhost;Database=husly_design").Options);
}
