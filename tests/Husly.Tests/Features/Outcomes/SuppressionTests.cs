using System.Globalization;
using System.Text;
using Husly.Common;
using Husly.Data.DemoData;
using Husly.Features.Outcomes;
using Husly.Platform.Localization;
using Husly.Tests.Support;

namespace Husly.Tests.Features.Outcomes;

/// <summary>Issue 13 §2, from the attacker's side: no figure resting on fewer than 5 persons can be read or worked out
/// from what the dashboards publish — every export of every scope, put together and solved as a system of linear
/// equations (each total is the sum of its parts; a count and its complement make up the persons). The attack is shown
/// to work on naive suppression first, so its failure on Husly's means something.</summary>
[Collection(OutcomeTestGroup.Name)]
public sealed class SuppressionTests(Apps apps)
{
    [Fact]
    public void A_small_cell_takes_a_second_cell_with_it_in_every_line()
    {
        // Two districts × two projects with margins; A×P1 rests on 3 persons.
        //            P1   P2 | total
        //   A         3   12 | 15
        //   B        20    9 | 29
        //   total    23   21 | 44
        Cell[] cells = [new(3, 3), new(12, 12), new(20, 20), new(9, 9), new(15, 15), new(29, 29), new(23, 23), new(21, 21), new(44, 44)];
        Line[] lines = [new(4, [0, 1]), new(5, [2, 3]), new(6, [0, 2]), new(7, [1, 3]), new(8, [4, 5]), new(8, [6, 7])];
        var hidden = Disclosure.Suppress(cells, lines);
        // Its row takes A×P2, its column B×P1; then B's row takes B×P2: a rectangle, where no cell follows from the others.
        Assert.Equal([true, true, true, true, false, false, false, false, false], hidden);
    }

    [Fact]
    public void Hidden_cells_that_add_up_to_a_small_or_all_ones_figure_take_another()
    {
        // 1 + 2 hidden in a line whose total is shown: their sum 3 would be a small figure.
        var small = Disclosure.Suppress([new(1, 1), new(2, 2), new(30, 30), new(40, 40), new(73, 73)], [new(4, [0, 1, 2, 3])]);
        Assert.Equal([true, true, true, false, false], small);
        // Five cells of 1: their sum 5 is not small, but every hidden cell would have to be 1.
        Cell one = new(1, 1);
        var ones = Disclosure.Suppress([one, one, one, one, one, new(1, 1), new(7, 7), new(13, 13)], [new(7, [0, 1, 2, 3, 4, 5, 6])]);
        Assert.True(ones[6]);
        Assert.False(ones[7]);
    }

    [Fact]
    public void The_audit_finds_a_figure_pinned_through_several_lines_and_a_small_sum()
    {
        // Hidden x, z and w, two of them in every line: x + z = 11, z = w + 3, and 20 = z + 13. The last line alone fixes z,
        // and through it the others — no single line shows it, the system does.
        Cell[] cells = [new(1, 1), new(7, 7), new(8, 8), new(4, 4), new(3, 3), new(13, 13), new(20, 20)];
        //               0: x      1: z      2: x + z  3: w      4: 3      5: 13       6: 20
        Line[] lines = [new(2, [0, 1]), new(1, [3, 4]), new(6, [1, 5])];
        var hidden = new bool[cells.Length];
        hidden[0] = hidden[1] = hidden[3] = true;
        var found = Audit.Determined(cells, lines, hidden).Select(f => f.Cell).ToHashSet();
        Assert.Contains(0, found);
        Assert.Contains(3, found);

        // A plain sum of hidden figures that is small gives them away: x + y = 3 with only the total shown.
        Cell[] sum = [new(1, 1), new(2, 2), new(40, 40), new(43, 43)];
        var sumHidden = new[] { true, true, false, false };
        var given = Audit.Determined(sum, [new(3, [0, 1, 2])], sumHidden).Select(f => f.Cell).ToHashSet();
        Assert.Equal([0, 1], given.Order());
        // The whole engine then hides more, so nothing is pinned any longer.
        var result = Disclosure.Suppress(sum, [new(3, [0, 1, 2])]);
        Assert.Empty(Audit.Determined(sum, [new(3, [0, 1, 2])], result));
    }

    /// <summary>Persons in 2019 by district and project (none, P1 = Sammen om bolig, P2 = Husrom-hjerterom).</summary>
    private static readonly (string District, string? Project, int Persons)[] Groups =
        [("Alna", null, 12), ("Alna", "Sammen om bolig", 3), ("Bjerke", null, 20), ("Bjerke", "Sammen om bolig", 9),
         ("Frogner", null, 7), ("Frogner", "Husrom-hjerterom", 6), ("Sagene", null, 2), ("Sagene", "Sammen om bolig", 15)];

    private static List<OutcomeRecord> Records(Guid run)
    {
        var random = new Random(7);
        var records = new List<OutcomeRecord>();
        Housing?[] housings = [Housing.Institution, Housing.Temporary, Housing.Homeless, Housing.MunicipalRental, null];
        foreach (var (district, project, persons) in Groups)
        {
            for (var i = 0; i < persons; i++)
            {
                var planned = random.Next(3) == 0 ? 0 : 50 + random.Next(350);
                records.Add(new OutcomeRecord
                {
                    RunId = run,
                    PersonKey = Guid.NewGuid(),
                    Year = 2019,
                    DistrictId = DemoIds.District(district),
                    ProjectId = project is null ? null : DemoIds.Project(project),
                    Category = (FollowUpCategory)random.Next(4),
                    OrganisationForm = (OrganisationForm)random.Next(3),
                    AgeBand = (AgeBand)(1 + random.Next(4)),
                    HousingAtStart = housings[random.Next(housings.Length)],
                    HousingAtEnd = housings[random.Next(housings.Length)],
                    Settled = random.Next(5) < 2,
                    HomeMonths = random.Next(3) == 0 ? 0 : random.Next(31),
                    Evictions = random.Next(12) == 0 ? 1 : 0,
                    InstitutionDays = random.Next(5) < 2 ? 10 + random.Next(190) : 0,
                    TemporaryDays = random.Next(4) == 0 ? 5 + random.Next(60) : 0,
                    PlannedHours = planned,
                    DeliveredHours = planned == 0 ? 0 : Math.Round(planned * (0.5 + (random.Next(50) / 100.0))),
                    FollowUpDays = 365,
                });
            }
        }
        return records;
    }

    private static async Task<List<OutcomeRecord>> PublishAsync(HuslyApp app)
    {
        var run = new OutcomeRun
        {
            Id = Guid.NewGuid(),
            Status = OutcomeRunStatus.Completed,
            StartedAt = DateTime.UtcNow,
            StartedBy = "Test",
            AsOf = new DateOnly(2019, 12, 31),
            FinishedAt = DateTime.UtcNow,
            Total = 74,
            Processed = 74,
            Records = 74,
        };
        var records = Records(run.Id);
        await OutcomeRunTests.PublishOnlyAsync(app, run, records);
        return records;
    }

    // What the attacker knows of a figure: the measure, and the groups it is cut by (dimension → label).
    private sealed record Fact(string Measure, string Key);

    private static string KeyOf(IEnumerable<(string Dim, string Label)> parts) =>
        string.Join('|', parts.OrderBy(p => p.Dim, StringComparer.Ordinal).Select(p => p.Dim + "=" + p.Label));

    private static IEnumerable<(string Dim, string Label)> PartsOf(string key) =>
        key.Length == 0 ? [] : key.Split('|').Select(p => p.Split('=', 2)).Select(p => (p[0], p[1]));

    private static readonly Dictionary<string, string> Tables = new(StringComparer.Ordinal)
    {
        ["Etter bydel"] = "d",
        ["Etter prosjekt"] = "p",
        ["Etter oppfølgingskategori"] = "c",
        ["Etter organisering"] = "f",
        ["Etter alder"] = "a",
    };

    private static readonly HashSet<string> Counts = [.. Enum.GetValues<Measure>().Where(OutcomeModel.Shown).Select(m => Format.EnumName(m))];

    /// <summary>Every figure in one CSV export, by what it is; null where it says "skjult".</summary>
    private static IEnumerable<(Fact Fact, double? Value)> Read(string csv, List<(string Dim, string Label)> scope)
    {
        foreach (var line in csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var f = line.TrimEnd('\r').Split(';');
            var (table, group, column, text) = (f[0].Trim('"'), f[1].Trim('"'), f[2].Trim('"'), f[3].Trim('"'));
            double? value = text == "skjult" ? null : text.Length == 0 ? 0 : double.Parse(text, CultureInfo.GetCultureInfo("nb-NO"));
            var name = table.Split(',')[0];
            if (name == "Utvikling per år" && Counts.Contains(column))
            {
                yield return (new Fact(column, KeyOf(scope)), value);
            }
            else if (Tables.TryGetValue(name, out var dim) && Counts.Contains(column))
            {
                yield return (new Fact(column, KeyOf(group == "Totalt" ? scope : scope.Append((dim, group)))), value);
            }
            else if (name.StartsWith("Bosituasjon", StringComparison.Ordinal))
            {
                var parts = scope.ToList();
                if (group != "Totalt")
                {
                    parts.Add(("s", group));
                }
                if (column != "Totalt")
                {
                    parts.Add(("e", column));
                }
                yield return (new Fact(Format.EnumName(Measure.Persons), KeyOf(parts)), value);
            }
        }
    }

    private static async Task<Dictionary<Fact, double?>> PublishedAsync(HuslyApp app)
    {
        var client = app.ClientFor(DemoAccounts.Manager);
        var scopes = new List<(string Query, List<(string, string)> Parts)> { ("", []) };
        foreach (var group in Groups)
        {
            scopes.Add(($"District={DemoIds.District(group.District)}", [("d", "Bydel " + group.District)]));
            if (group.Project is { } p)
            {
                scopes.Add(($"Project={DemoIds.Project(p)}", [("p", p)]));
                scopes.Add(($"District={DemoIds.District(group.District)}&Project={DemoIds.Project(p)}", [("d", "Bydel " + group.District), ("p", p)]));
            }
        }
        var facts = new Dictionary<Fact, double?>();
        foreach (var (query, parts) in scopes.DistinctBy(s => s.Query))
        {
            var response = await client.GetAsync("/outcomes?format=csv&" + query);
            response.EnsureSuccessStatusCode();
            foreach (var (fact, value) in Read(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), parts))
            {
                // The same figure on two pages must be the same figure (or hidden on both).
                if (facts.TryGetValue(fact, out var seen))
                {
                    Assert.True(seen == value, $"{fact} is {seen} on one page and {value} on another");
                }
                facts[fact] = value;
            }
        }
        return facts;
    }

    private static readonly (Measure Total, Measure Part, Measure Remainder)[] Complements =
    [
        (Measure.Persons, Measure.Settled, Measure.NotSettled), (Measure.Persons, Measure.Stable6, Measure.Below6),
        (Measure.Stable6, Measure.Stable12, Measure.From6To11), (Measure.Stable12, Measure.Stable24, Measure.From12To23),
        (Measure.Persons, Measure.Evicted, Measure.NotEvicted), (Measure.Persons, Measure.Stable12, Measure.Below12),
        (Measure.Persons, Measure.Stable24, Measure.Below24), (Measure.Stable6, Measure.Stable24, Measure.From6To23),
    ];

    /// <summary>The figures an attacker can work out: every line (a total and its parts, and a count with its complement)
    /// as an equation over the unknown figures, reduced; an unknown is found when its row is it alone.</summary>
    private static HashSet<Fact> Solvable(Dictionary<Fact, double?> known)
    {
        // Every figure the lines speak of, published or not: the complements of each count, and every margin above.
        var facts = new HashSet<Fact>(known.Keys);
        foreach (var key in known.Keys.Where(f => f.Measure == Format.EnumName(Measure.Persons)).Select(f => f.Key).ToList())
        {
            foreach (var c in Complements)
            {
                facts.Add(new Fact(Format.EnumName(c.Total), key));
                facts.Add(new Fact(Format.EnumName(c.Part), key));
                facts.Add(new Fact(Format.EnumName(c.Remainder), key));
            }
        }
        var pending = new Queue<Fact>(facts);
        while (pending.TryDequeue(out var fact))
        {
            foreach (var part in PartsOf(fact.Key))
            {
                var parent = new Fact(fact.Measure, KeyOf(PartsOf(fact.Key).Where(q => q != part)));
                if (facts.Add(parent))
                {
                    pending.Enqueue(parent);
                }
            }
        }
        var unknown = facts.Where(f => !known.TryGetValue(f, out var v) || v is null).ToList();
        var index = unknown.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i);
        var rows = new List<double[]>();
        void Equation(Fact total, IEnumerable<Fact> parts)
        {
            var row = new double[unknown.Count];
            var any = false;
            if (index.TryGetValue(total, out var t))
            {
                row[t] -= 1;
                any = true;
            }
            foreach (var part in parts)
            {
                if (index.TryGetValue(part, out var p))
                {
                    row[p] += 1;
                    any = true;
                }
            }
            if (any)
            {
                rows.Add(row);
            }
        }
        // Each figure cut by one more dimension adds up to the figure without it.
        foreach (var group in facts.SelectMany(f => PartsOf(f.Key).Select(p => (Parent: new Fact(f.Measure, KeyOf(PartsOf(f.Key).Where(q => q != p))), p.Dim, Child: f)))
                     .GroupBy(x => (x.Parent, x.Dim)))
        {
            Equation(group.Key.Parent, group.Select(g => g.Child));
        }
        foreach (var key in known.Keys.Where(f => f.Measure == Format.EnumName(Measure.Persons)).Select(f => f.Key))
        {
            foreach (var c in Complements)
            {
                Equation(new Fact(Format.EnumName(c.Total), key), [new Fact(Format.EnumName(c.Part), key), new Fact(Format.EnumName(c.Remainder), key)]);
            }
        }
        // Gauss–Jordan on the coefficients: a variable is determined when its pivot row has no other variable left.
        var pivots = new List<(int Row, int Column)>();
        var r = 0;
        for (var col = 0; col < unknown.Count && r < rows.Count; col++)
        {
            var best = Enumerable.Range(r, rows.Count - r).FirstOrDefault(i => Math.Abs(rows[i][col]) > 1e-9, -1);
            if (best < 0)
            {
                continue;
            }
            (rows[r], rows[best]) = (rows[best], rows[r]);
            var pivot = rows[r][col];
            for (var j = 0; j < unknown.Count; j++)
            {
                rows[r][j] /= pivot;
            }
            for (var i = 0; i < rows.Count; i++)
            {
                if (i != r && Math.Abs(rows[i][col]) > 1e-9)
                {
                    var factor = rows[i][col];
                    for (var j = 0; j < unknown.Count; j++)
                    {
                        rows[i][j] -= factor * rows[r][j];
                    }
                }
            }
            pivots.Add((r, col));
            r++;
        }
        return [.. pivots.Where(p => Enumerable.Range(0, unknown.Count).All(j => j == p.Column || Math.Abs(rows[p.Row][j]) < 1e-9)).Select(p => unknown[p.Column])];
    }

    /// <summary>The attack with bounds: every unknown lies between 0 and what its lines leave room for; each line narrows
    /// its unknowns (total minus the others' most and least), over and over. Returns the unknowns pinned to one value.</summary>
    private static Dictionary<Fact, double> Bounded(Dictionary<Fact, double?> known)
    {
        var lines = new List<(Fact Total, List<Fact> Parts)>();
        var facts = new HashSet<Fact>(known.Keys);
        foreach (var key in known.Keys.Where(f => f.Measure == Format.EnumName(Measure.Persons)).Select(f => f.Key).ToList())
        {
            foreach (var c in Complements)
            {
                var (total, part, rest) = (new Fact(Format.EnumName(c.Total), key), new Fact(Format.EnumName(c.Part), key), new Fact(Format.EnumName(c.Remainder), key));
                facts.UnionWith([total, part, rest]);
                lines.Add((total, [part, rest]));
            }
        }
        lines.AddRange(facts.SelectMany(f => PartsOf(f.Key).Select(p => (Parent: new Fact(f.Measure, KeyOf(PartsOf(f.Key).Where(q => q != p))), p.Dim, Child: f)))
            .GroupBy(x => (x.Parent, x.Dim)).Select(g => (g.Key.Parent, g.Select(x => x.Child).ToList())));
        double Value(Fact f) => known.TryGetValue(f, out var v) && v is { } x ? x : double.NaN;
        var lo = facts.ToDictionary(f => f, f => double.IsNaN(Value(f)) ? 0 : Value(f));
        var hi = facts.ToDictionary(f => f, f => double.IsNaN(Value(f)) ? double.PositiveInfinity : Value(f));
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (total, parts) in lines.Where(l => facts.Contains(l.Total)))
            {
                // total = Σ parts: each part ≥ total.lo − Σ others.hi and ≤ total.hi − Σ others.lo; the total between the sums.
                foreach (var part in parts)
                {
                    var others = parts.Where(p => p != part).ToList();
                    var newLo = Math.Max(lo[part], lo[total] - others.Sum(o => hi[o]));
                    var newHi = Math.Min(hi[part], hi[total] - others.Sum(o => lo[o]));
                    if (newLo > lo[part] + 1e-9 || newHi < hi[part] - 1e-9)
                    {
                        (lo[part], hi[part], changed) = (newLo, newHi, true);
                    }
                }
                var sumLo = Math.Max(lo[total], parts.Sum(p => lo[p]));
                var sumHi = Math.Min(hi[total], parts.Sum(p => hi[p]));
                if (sumLo > lo[total] + 1e-9 || sumHi < hi[total] - 1e-9)
                {
                    (lo[total], hi[total], changed) = (sumLo, sumHi, true);
                }
            }
        }
        return facts.Where(f => double.IsNaN(Value(f)) && Math.Abs(hi[f] - lo[f]) < 1e-9).ToDictionary(f => f, f => lo[f]);
    }

    /// <summary>What a figure really is, from the records the test made.</summary>
    private static double Truth(List<OutcomeRecord> records, Fact fact)
    {
        string Label(Housing? h) => h is { } x ? Format.EnumName(x) : "Ikke registrert";
        var matching = records.Where(r => PartsOf(fact.Key).All(p => p.Dim switch
        {
            "d" => "Bydel " + Groups.First(g => DemoIds.District(g.District) == r.DistrictId).District == p.Label,
            "p" => (r.ProjectId is { } id ? Groups.First(g => g.Project is { } n && DemoIds.Project(n) == id).Project : "Uten prosjekt") == p.Label,
            "c" => Format.EnumName(r.Category) == p.Label,
            "f" => Format.EnumName(r.OrganisationForm) == p.Label,
            "a" => Format.EnumName(r.AgeBand) == p.Label,
            "s" => Label(r.HousingAtStart) == p.Label,
            "e" => Label(r.HousingAtEnd) == p.Label,
            _ => throw new InvalidOperationException(p.Dim),
        })).ToList();
        var measure = Enum.GetValues<Measure>().First(m => Format.EnumName(m) == fact.Measure);
        return measure switch
        {
            Measure.Persons => matching.Count,
            Measure.Settled => matching.Count(r => r.Settled),
            Measure.NotSettled => matching.Count(r => !r.Settled),
            Measure.Stable6 => matching.Count(r => r.HomeMonths >= 6),
            Measure.Stable12 => matching.Count(r => r.HomeMonths >= 12),
            Measure.Stable24 => matching.Count(r => r.HomeMonths >= 24),
            Measure.Below6 => matching.Count(r => r.HomeMonths < 6),
            Measure.From6To11 => matching.Count(r => r.HomeMonths is >= 6 and < 12),
            Measure.From12To23 => matching.Count(r => r.HomeMonths is >= 12 and < 24),
            Measure.Below12 => matching.Count(r => r.HomeMonths < 12),
            Measure.Below24 => matching.Count(r => r.HomeMonths < 24),
            Measure.From6To23 => matching.Count(r => r.HomeMonths is >= 6 and < 24),
            Measure.Evicted => matching.Count(r => r.Evictions > 0),
            Measure.NotEvicted => matching.Count(r => r.Evictions == 0),
            Measure.InstitutionDays => matching.Sum(r => r.InstitutionDays),
            Measure.PrisonDays => matching.Sum(r => r.PrisonDays),
            Measure.TemporaryDays => matching.Sum(r => r.TemporaryDays),
            Measure.HomelessDays => matching.Sum(r => r.HomelessDays),
            Measure.PlannedHours => matching.Sum(r => r.PlannedHours),
            Measure.DeliveredHours => matching.Sum(r => r.DeliveredHours),
            _ => throw new InvalidOperationException(fact.Measure),
        };
    }

    /// <summary>How many persons a figure rests on: the count itself, or those with a non-zero value for a sum.</summary>
    private static int Persons(List<OutcomeRecord> records, Fact fact)
    {
        var measure = Enum.GetValues<Measure>().First(m => Format.EnumName(m) == fact.Measure);
        Func<OutcomeRecord, double>? value = measure switch
        {
            Measure.InstitutionDays => r => r.InstitutionDays,
            Measure.PrisonDays => r => r.PrisonDays,
            Measure.TemporaryDays => r => r.TemporaryDays,
            Measure.HomelessDays => r => r.HomelessDays,
            Measure.PlannedHours => r => r.PlannedHours,
            Measure.DeliveredHours => r => r.DeliveredHours,
            _ => null,
        };
        if (value is null)
        {
            return (int)Truth(records, fact);
        }
        var countFact = fact with { Measure = Format.EnumName(Measure.Persons) };
        return (int)Truth([.. records.Where(r => value(r) > 0)], countFact);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task No_figure_resting_on_fewer_than_five_persons_can_be_read_or_worked_out_from_all_the_dashboards(TestDatabase db)
    {
        var app = apps[db];
        var records = await PublishAsync(app);
        var published = await PublishedAsync(app);

        // What is shown is true, and nothing shown rests on 1–4 persons.
        foreach (var (fact, value) in published.Where(p => p.Value is not null))
        {
            Assert.Equal(Truth(records, fact), value!.Value, 3);
            Assert.False(Disclosure.IsSmall(Persons(records, fact)), $"{fact} = {value} rests on {Persons(records, fact)} persons");
        }
        var small = published.Keys.Where(f => Disclosure.IsSmall(Persons(records, f))).ToList();
        Assert.True(small.Count > 20, $"the data should have small cells to hide, has {small.Count}");
        Assert.Contains(published, p => p.Value is null && !Disclosure.IsSmall(Persons(records, p.Key))); // secondary suppression happened

        // The attack: put every export together and solve.
        var found = Solvable(published);
        Assert.Contains(found, f => f.Measure == Format.EnumName(Measure.NotSettled)); // the solver works: shown complements are found
        // (A hidden zero that turns out to be 0 gives no one away: zeros are hidden beside hidden figures only so that
        // "hidden" never means "at least 1".)
        var leaked = found.Where(f => (published.TryGetValue(f, out var v) && v is null && Truth(records, f) != 0)
            || (!published.ContainsKey(f) && Disclosure.IsSmall((int)Truth(records, f)))).ToList();
        Assert.True(leaked.Count == 0, "worked out: " + string.Join(", ", leaked.Take(10).Select(f => $"{f} = {Truth(records, f)}")));

        // With bounds (a hidden figure is at least 0, and lines leave only so much room), nothing small is pinned either.
        var pinned = Bounded(published).Where(p => Disclosure.IsSmall((int)p.Value)).ToList();
        Assert.True(pinned.Count == 0, "pinned by bounds: " + string.Join(", ", pinned.Take(10).Select(p => $"{p.Key} = {p.Value}")));

        // The same attack on naive suppression (only the small figures hidden) finds them: it is a real attack.
        var naive = published.Keys.ToDictionary(f => f, f => Disclosure.IsSmall(Persons(records, f)) ? (double?)null : Truth(records, f));
        Assert.Contains(Solvable(naive), f => naive.TryGetValue(f, out var v) && v is null);
    }
}
