using Microsoft.EntityFrameworkCore;

namespace Husly.Data;

public static class DbErrors
{
    /// <summary>The save broke a unique index: someone else saved the same thing a moment earlier (a double submit, or two
    /// users at once). Both databases: SQLite's constraint error 19/2067, PostgreSQL's 23505.</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
