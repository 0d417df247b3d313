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

    [Fact]
    public void A_small_sum_of_hidden_figures_worked_out_through_several_lines_takes_more_with_it()
    {
        // Persons by district and living situation at the year's end (municipal rental, X, Y). G and S are small:
        //            MR   X   Y | total
        //   A        60  20  20 | 100
        //   B        30  10  10 |  50
        //   G         4   1   1 |   6
        //   S         2   1   1 |   4
        //   total    96  32  32 | 160
        // Line by line all is well after the line rules (S hides G in the district column, X and Y hide B's), but together:
        // G + S = 160 − A − B = 10, and their municipal rental 96 − 60 − 30 = 6, so G and S hold 4 persons in X and Y — a
        // figure of 4 that no single line gives (helper-19's attack on the 2023 demo figures, Grorud and Stovner).
        int[] persons = [160, 100, 50, 6, 4, 96, 32, 32, 60, 20, 20, 30, 10, 10, 4, 1, 1, 2, 1, 1];
        var cells = persons.Select(p => new Cell(p, p)).ToArray();
        Line[] lines =
        [
            new(0, [1, 2, 3, 4]), new(0, [5, 6, 7]),
            new(1, [8, 9, 10]), new(2, [11, 12, 13]), new(3, [14, 15, 16]), new(4, [17, 18, 19]),
            new(5, [8, 11, 14, 17]), new(6, [9, 12, 15, 18]), new(7, [10, 13, 16, 19]),
        ];
        var lineRulesOnly = new bool[cells.Length];
        foreach (var i in new[] { 3, 4, 12, 13, 14, 15, 16, 17, 18, 19 })
        {
            lineRulesOnly[i] = true;
        }
        Assert.Contains(SmallSumsWorkedOut(cells, lines, lineRulesOnly), s => s.Order().SequenceEqual([15, 16, 18, 19]));
        // The audit sees it too …
        var found = Audit.Determined(cells, lines, lineRulesOnly).Select(f => f.Cell).ToHashSet();
        Assert.Superset(new HashSet<int> { 15, 16, 18, 19 }, found);
        // … and the engine hides until no sum of hidden figures of 1–4 persons can be worked out.
        var hidden = Disclosure.Suppress(cells, lines);
        Assert.Empty(SmallSumsWorkedOut(cells, lines, hidden));
        Assert.Empty(Audit.Determined(cells, lines, hidden));

        // If the audit runs out of rounds with something still given away, it fails closed: nothing is shown.
        Assert.Contains(false, hidden);
        Assert.All(Disclosure.Suppress(cells, lines, maxRounds: 0), Assert.True);
    }

    [Fact]
    public void A_zero_is_hidden_beside_hidden_figures_unless_the_table_gives_it_anyway()
    {
        // T 10 = x 2 + y 8 + z 0, and U 5 = z 0 + w 5. x is small and takes y; z, a zero beside them, is hidden so that
        // "skjult" may be 0 — but U and w, both shown, say z is 0, so hiding it would only make a reader think of 1–4.
        Cell[] cells = [new(10, 10), new(2, 2), new(8, 8), new(0, 0), new(5, 5), new(5, 5)];
        Line[] lines = [new(0, [1, 2, 3]), new(4, [3, 5])];
        var hidden = Disclosure.Suppress(cells, lines);
        Disclosure.HideZerosBeside(cells, lines, hidden);
        Assert.Equal([false, true, true, true, false, false], hidden);
        Disclosure.ShowZerosThatFollow(cells, lines, hidden);
        Assert.Equal([false, true, true, false, false, false], hidden);

        // Five hidden ones adding up to a shown 5 elsewhere do not keep it hidden: once zeros may hide, hidden figures
        // adding up to their number are not each 1, so only what the lines really give counts.
        Cell[] ones = [new(5, 5), new(1, 1), new(1, 1), new(1, 1), new(1, 1), new(1, 1), new(0, 0), new(5, 5), new(5, 5)];
        bool[] state = [false, true, true, true, true, true, true, false, false];
        Disclosure.ShowZerosThatFollow(ones, [new(0, [1, 2, 3, 4, 5]), new(7, [6, 8])], state);
        Assert.False(state[6]);

        // Without U's line nothing gives z, and it stays hidden.
        var alone = Disclosure.Suppress(cells, [lines[0]]);
        Disclosure.HideZerosBeside(cells, [lines[0]], alone);
        Disclosure.ShowZerosThatFollow(cells, [lines[0]], alone);
        Assert.True(alone[3]);
    }

    /// <summary>Every set of up to four hidden figures (none of them 0) whose sum the lines give and which rests on 1–4
    /// persons: the sum is worked out when adding it to the equations does not raise their rank.</summary>
    private static List<int[]> SmallSumsWorkedOut(Cell[] cells, Line[] lines, bool[] hidden)
    {
        var vars = Enumerable.Range(0, cells.Length).Where(i => hidden[i]).ToList();
        var rows = lines.Select(line =>
        {
            var row = new double[vars.Count];
            foreach (var (entry, sign) in line.Members.Select(m => (m, 1.0)).Append((line.Total, -1.0)))
            {
                if (vars.IndexOf(entry) is var at and >= 0)
                {
                    row[at] += sign;
                }
            }
            return row;
        }).Where(row => row.Any(x => x != 0)).ToList();
        var rank = Rank(rows);
        var small = vars.Where(v => cells[v].Persons is > 0 and < Disclosure.MinimumPersons).ToList();
        var subsets = new List<int[]>();
        void Grow(List<int> chosen, int from, int sum)
        {
            if (chosen.Count > 0)
            {
                var sumRow = vars.Select(v => chosen.Contains(v) ? 1.0 : 0).ToArray();
                if (Rank([.. rows, sumRow]) == rank)
                {
                    subsets.Add([.. chosen]);
                }
            }
            for (var i = from; i < small.Count; i++)
            {
                if (sum + cells[small[i]].Persons < Disclosure.MinimumPersons)
                {
                    Grow([.. chosen, small[i]], i + 1, sum + cells[small[i]].Persons);
                }
            }
        }
        Grow([], 0, 0);
        return subsets;
    }

    private static int Rank(List<double[]> matrix)
    {
        var m = matrix.Select(r => (double[])r.Clone()).ToList();
        var rank = 0;
        for (var col = 0; m.Count > 0 && col < m[0].Length && rank < m.Count; col++)
        {
            var best = Enumerable.Range(rank, m.Count - rank).MaxBy(i => Math.Abs(m[i][col]));
            if (Math.Abs(m[best][col]) < 1e-9)
            {
                continue;
            }
            (m[rank], m[best]) = (m[best], m[rank]);
            for (var i = rank + 1; i < m.Count; i++)
            {
                var factor = m[i][col] / m[rank][col];
                for (var j = col; j < m[i].Length; j++)
                {
                    m[i][j] -= factor * m[rank][j];
                }
            }
            rank++;
        }
        return rank;
    }

    /// <summary>Persons in 2019 by district and project (none, P1 = Sammen om bolig, P2 = Husrom-hjerterom).</summary>
    private static readonly (string District, string? Project, int Persons)[] Groups =
        [("Alna", null, 12), ("Alna", "Sammen om bolig", 3), ("Bjerke", null, 20), ("Bjerke", "Sammen om bolig", 9),
         ("Frogner", null, 7), ("Frogner", "Husrom-hjerterom", 6), ("Sagene", null, 2), ("Sagene", "Sammen om bolig", 15),
         // Two small districts side by side, as Grorud and Stovner were in the demo figures helper-19 attacked.
         ("Grorud", null, 6), ("Stovner", null, 4)];

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
            Total = Groups.Sum(g => g.Persons),
            Processed = Groups.Sum(g => g.Persons),
            Records = Groups.Sum(g => g.Persons),
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

    /// <summary>Every sum of up to four unknown figures (none of them 0) that the equations give and that rests on 1–4
    /// persons. A sum is given when it is 0 on every solution of the equations without constants; random solutions
    /// (the free unknowns drawn at random, the others following from their rows) stand for all of them.</summary>
    private static List<Fact[]> SmallSums(Dictionary<Fact, double[]> signature, Func<Fact, int> personsOf)
    {
        var persons = signature.Keys.ToDictionary(f => f, personsOf);
        var small = signature.Keys.Where(f => Disclosure.IsSmall(persons[f]) && signature[f].Any(x => Math.Abs(x) > 1e-7)).ToList();
        var sums = new List<Fact[]>();
        // Figures (and pairs of figures) by their values on the random solutions, so a cancelling partner is looked up.
        static long Bucket(double[] v) => (long)Math.Round(v[0] * 1e5);
        static bool Same(double[] a, double[] b) => a.Zip(b).All(p => Math.Abs(p.First - p.Second) < 1e-6);
        var singles = small.ToLookup(f => Bucket(signature[f]));
        var pairsOfOnes = new Dictionary<long, List<(Fact A, Fact B, double[] Sum)>>();
        IEnumerable<T> Near<T>(Func<long, IEnumerable<T>> at, double[] v) => Enumerable.Range(-1, 3).SelectMany(d => at(Bucket(v) + d));
        for (var i = 0; i < small.Count; i++)
        {
            for (var j = i + 1; j < small.Count; j++)
            {
                var (a, b) = (small[i], small[j]);
                var persons2 = persons[a] + persons[b];
                if (persons2 >= Disclosure.MinimumPersons)
                {
                    continue;
                }
                var minus = signature[a].Zip(signature[b], (x, y) => -(x + y)).ToArray();
                if (minus.All(x => Math.Abs(x) < 1e-6))
                {
                    sums.Add([a, b]);
                }
                sums.AddRange(Near(k => singles[k], minus)
                    .Where(c => c != a && c != b && persons2 + persons[c] < Disclosure.MinimumPersons && Same(signature[c], minus))
                    .Select(c => new[] { a, b, c }));
                if (persons2 == 2)
                {
                    sums.AddRange(Near(k => pairsOfOnes.GetValueOrDefault(k) ?? [], minus)
                        .Where(p => p.A != a && p.A != b && p.B != a && p.B != b && Same(p.Sum, minus))
                        .Select(p => new[] { a, b, p.A, p.B }));
                    var sum = minus.Select(x => -x).ToArray();
                    (pairsOfOnes.TryGetValue(Bucket(sum), out var list) ? list : pairsOfOnes[Bucket(sum)] = []).Add((a, b, sum));
                }
            }
        }
        return sums;
    }

    /// <summary>The figures an attacker can work out: every line (a total and its parts, and a count with its complement)
    /// as an equation over the unknown figures, reduced; an unknown is found when its row is it alone. With each unknown's
    /// values on three random solutions of the equations without constants, for <see cref="SmallSums"/>.</summary>
    private static (HashSet<Fact> Solved, Dictionary<Fact, double[]> Signature) Solve(Dictionary<Fact, double?> known)
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
            var nonZero = Enumerable.Range(0, unknown.Count).Where(j => Math.Abs(rows[r][j]) > 1e-12).ToArray();
            for (var i = 0; i < rows.Count; i++)
            {
                if (i != r && Math.Abs(rows[i][col]) > 1e-9)
                {
                    var factor = rows[i][col];
                    foreach (var j in nonZero)
                    {
                        rows[i][j] -= factor * rows[r][j];
                    }
                }
            }
            pivots.Add((r, col));
            r++;
        }
        var solved = pivots.Where(p => Enumerable.Range(0, unknown.Count).All(j => j == p.Column || Math.Abs(rows[p.Row][j]) < 1e-9)).Select(p => unknown[p.Column]).ToHashSet();
        var random = new Random(3);
        var values = Enumerable.Range(0, 3).Select(_ => unknown.Select(_ => 1 + random.NextDouble()).ToArray()).ToArray();
        foreach (var (row, column) in pivots)
        {
            foreach (var value in values)
            {
                value[column] = -Enumerable.Range(0, unknown.Count).Where(j => j != column).Sum(j => rows[row][j] * value[j]); // pivot columns are 0 here
            }
        }
        return (solved, unknown.Select((f, j) => (f, j)).ToDictionary(x => x.f, x => values.Select(v => v[x.j]).ToArray()));
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
        var (found, signature) = Solve(published);
        Assert.Contains(found, f => f.Measure == Format.EnumName(Measure.NotSettled)); // the solver works: shown complements are found
        // Nothing hidden can be worked out — not even a zero: zeros are hidden beside hidden figures so that "hidden" never
        // means "at least 1", but one the table gives anyway is shown, or readers would take it for 1–4 persons.
        var leaked = found.Where(f => (published.TryGetValue(f, out var v) && v is null)
            || (!published.ContainsKey(f) && Disclosure.IsSmall((int)Truth(records, f)))).ToList();
        Assert.True(leaked.Count == 0, "worked out: " + string.Join(", ", leaked.Take(10).Select(f => $"{f} = {Truth(records, f)}")));

        // With bounds (a hidden figure is at least 0, and lines leave only so much room), nothing small is pinned either.
        // Nor a sum of hidden figures that rests on 1–4 persons (two small districts' persons in one living situation).
        var sums = SmallSums(signature, f => Persons(records, f));
        Assert.True(sums.Count == 0, "sums worked out: " + string.Join("; ", sums.Take(5).Select(s => string.Join(" + ", s.Select(f => $"{f}")))));

        var pinned = Bounded(published).Where(p => Disclosure.IsSmall((int)p.Value)).ToList();
        Assert.True(pinned.Count == 0, "pinned by bounds: " + string.Join(", ", pinned.Take(10).Select(p => $"{p.Key} = {p.Value}")));

        // The same attack on naive suppression (only the small figures hidden) finds them: it is a real attack.
        var naive = published.Keys.ToDictionary(f => f, f => Disclosure.IsSmall(Persons(records, f)) ? (double?)null : Truth(records, f));
        var (naiveFound, naiveSignature) = Solve(naive);
        Assert.Contains(naiveFound, f => naive.TryGetValue(f, out var v) && v is null);
        Assert.NotEmpty(SmallSums(naiveSignature, f => Persons(records, f)));
    }
}
