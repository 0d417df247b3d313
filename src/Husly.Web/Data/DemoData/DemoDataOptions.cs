using System.ComponentModel.DataAnnotations;

namespace Husly.Data.DemoData;

public sealed class DemoDataOptions
{
    /// <summary>Seed demo users, programmes and projects on first start. Never on in production.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many BOSin projects to seed in all, the named ones included; raise it for benchmarks (e.g. 2000).</summary>
    [Range(10, 100_000)]
    public int Projects { get; set; } = 74;

    /// <summary>How many residents in follow-up to seed, the named ones included (synthetic identity numbers only).</summary>
    [Range(0, 2_000_000)]
    public int Residents { get; set; } = 40;

    /// <summary>Invented follow-up histories since 2017 in districts without demo case workers, for the outcome
    /// dashboards (issue 13); no demo account sees these people.</summary>
    [Range(0, 2_000_000)]
    public int HistoryResidents { get; set; } = 1000;

    /// <summary>Extra submitted applications, each reviewed twice, in the open demo call; for benchmarks of the call
    /// overview (e.g. 500). None by default.</summary>
    [Range(0, 100_000)]
    public int Applications { get; set; }

    /// <summary>Years of approved indicator figures generated for every BOSin project (0 = none), for the programme
    /// report's benchmark.</summary>
    [Range(0, 10)]
    public int ResultYears { get; set; }

    /// <summary>Extra generated, published solutions in the catalogue, for its search benchmark (e.g. 10000 on SQLite,
    /// 100000 on PostgreSQL). None by default.</summary>
    [Range(0, 1_000_000)]
    public int Solutions { get; set; }
}
