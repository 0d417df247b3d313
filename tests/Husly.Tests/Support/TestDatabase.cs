namespace Husly.Tests.Support;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>Theory rows that run a test once on SQLite and once on the loopback PostgreSQL.</summary>
public sealed class BothDatabases : TheoryData<TestDatabase>
{
    public BothDatabases()
    {
        Add(TestDatabase.Sqlite);
        Add(TestDatabase.Postgres);
    }
}
