namespace Husly.Features.Outcomes;

/// <summary>A figure and the number of persons it rests on.</summary>
public readonly record struct Cell(double Value, int Persons);

/// <summary>A total and the cells that add up to it (a row, a column, a partition).</summary>
public sealed record Line(int Total, int[] Members);

/// <summary>Small-cell suppression (ADR 15): a figure resting on 1–4 persons is hidden. Then, until nothing changes, a
/// line (a total and the cells that add up to it) hides one more entry when what it hides could still be worked out:
/// exactly one entry hidden (subtraction gives it); or, with its total shown, hidden cells adding up to fewer than 5
/// persons (their sum would be a small figure) or to exactly one person each (a hidden cell is never 0, so they would all
/// be 1). The entry hidden is the member resting on the fewest persons (at least two when the cells are all ones), or the
/// total when no member is left. Then the <see cref="Audit"/> solves all lines together and hides more until no hidden
/// figure, and no sum of hidden figures resting on 1–4 persons, follows (failing closed). Last, zeros beside hidden
/// figures are hidden (<see cref="HideZerosBeside"/>) and those the lines give anyway shown again
/// (<see cref="ShowZerosThatFollow"/>).</summary>
public static class Disclosure
{
    public const int MinimumPersons = 5;

    /// <summary>Rounds of the audit before it stops hiding a little at a time and hides everything (it fails closed).</summary>
    internal const int MaxRounds = 1000;

    public static bool IsSmall(int persons) => persons is > 0 and < MinimumPersons;

    public static bool[] Suppress(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines) => Suppress(cells, lines, MaxRounds);

    internal static bool[] Suppress(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, int maxRounds)
    {
        var hidden = cells.Select(c => IsSmall(c.Persons)).ToArray();
        Lines(cells, lines, hidden);

        // The line rules leave no line that gives a figure away by itself, but lines together can (two groups of hidden
        // cells joined by one hidden cell: that one follows from the rest). The audit solves the whole system as an
        // attacker would and hides more wherever a hidden figure still follows, until none does.
        for (var round = 0; ; round++)
        {
            // The figures pinned one by one first; the search for small sums (dearer) once none is.
            var found = Audit.Determined(cells, lines, hidden, Audit.Look.Ones);
            if (found.Count == 0)
            {
                found = Audit.Determined(cells, lines, hidden);
            }
            if (found.Count == 0)
            {
                return hidden;
            }
            if (round >= maxRounds || !Audit.HideMore(cells, lines, hidden, found))
            {
                break;
            }
            Lines(cells, lines, hidden);
        }
        // What could not be protected a little at a time is protected by showing none of these figures.
        Array.Fill(hidden, true);
        return hidden;
    }

    /// <summary>Hides every zero in a line with a hidden entry (until no more change), so that "hidden" may always mean
    /// 0 as well: an attacker then has no lower bound of 1 to pin hidden figures with.</summary>
    public static void HideZerosBeside(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, bool[] hidden)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (!hidden[line.Total] && !line.Members.Any(m => hidden[m]))
                {
                    continue;
                }
                foreach (var entry in line.Members.Append(line.Total))
                {
                    if (!hidden[entry] && cells[entry].Persons == 0 && cells[entry].Value == 0)
                    {
                        hidden[entry] = true;
                        changed = true;
                    }
                }
            }
        }
        while (changed);
    }

    /// <summary>Shows again the hidden zeros the lines give anyway: "skjult" where the rest of the table says 0 would read
    /// as 1–4 persons. A figure the equations fix adds nothing when shown, so nothing else follows from it; should the
    /// audit still find anything, they all stay hidden.</summary>
    public static void ShowZerosThatFollow(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, bool[] hidden)
    {
        var zeros = Audit.Determined(cells, lines, hidden, Audit.Look.Fixed).Select(f => f.Cell)
            .Where(c => cells[c].Persons == 0 && cells[c].Value == 0).Distinct().ToList();
        foreach (var zero in zeros)
        {
            hidden[zero] = false;
        }
        // (Not the all-ones rule: with zeros hidden, a hidden figure may be 0, so hidden figures adding up to their number
        // are not each 1.)
        if (zeros.Count > 0 && Audit.Determined(cells, lines, hidden, Audit.Look.Sums).Count > 0)
        {
            foreach (var zero in zeros)
            {
                hidden[zero] = true;
            }
        }
    }

    private static void Lines(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, bool[] hidden)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (Weakness(cells, hidden, line) is not { } minimum)
                {
                    continue;
                }
                var candidate = -1;
                foreach (var member in line.Members)
                {
                    if (!hidden[member] && cells[member].Persons >= minimum && (candidate < 0 || cells[member].Persons < cells[candidate].Persons))
                    {
                        candidate = member;
                    }
                }
                if (candidate < 0 && !hidden[line.Total] && cells[line.Total].Persons > 0)
                {
                    candidate = line.Total;
                }
                if (candidate >= 0)
                {
                    hidden[candidate] = true;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>Null when the line gives nothing away; otherwise the fewest persons the next entry to hide must rest on.</summary>
    private static int? Weakness(IReadOnlyList<Cell> cells, bool[] hidden, Line line)
    {
        var count = hidden[line.Total] ? 1 : 0;
        var sum = 0;
        foreach (var member in line.Members)
        {
            if (hidden[member])
            {
                count++;
                sum += cells[member].Persons;
            }
        }
        if (count == 0)
        {
            return null;
        }
        if (count == 1)
        {
            return 1;
        }
        if (hidden[line.Total])
        {
            return null; // the sum of the hidden cells is not known
        }
        return sum < MinimumPersons ? 1 : sum == count ? 2 : null;
    }
}

/// <summary>The attacker's view of a suppressed table: every line is an equation over the hidden figures (the shown ones
/// are constants); a hidden figure is given away when the equations pin it down. Solved per group of hidden figures that
/// share lines, by Gauss–Jordan elimination on the coefficients.</summary>
internal static class Audit
{
    /// <summary>The hidden figures the equations pin down, each with the hidden figures it is solved together with.</summary>
    /// <summary>What to look for besides figures fixed by themselves: reduced rows that add hidden figures up to their
    /// number (each would be 1 if none may be 0), and sums of hidden figures resting on 1–4 persons.</summary>
    [Flags]
    public enum Look { Fixed = 0, Ones = 1, Sums = 2, All = Ones | Sums }

    public static List<(int Cell, List<int> Group)> Determined(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, bool[] hidden, Look look = Look.All)
    {
        // Equations over hidden entries only; a line with none hidden says nothing.
        var equations = new List<int[]>();
        var signs = new List<double[]>();
        foreach (var line in lines)
        {
            var vars = new List<int>();
            var coeffs = new List<double>();
            if (hidden[line.Total])
            {
                vars.Add(line.Total);
                coeffs.Add(-1);
            }
            foreach (var m in line.Members)
            {
                if (hidden[m])
                {
                    vars.Add(m);
                    coeffs.Add(1);
                }
            }
            if (vars.Count > 0)
            {
                equations.Add([.. vars]);
                signs.Add([.. coeffs]);
            }
        }
        // Groups of hidden figures joined by shared equations.
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        foreach (var eq in equations)
        {
            foreach (var v in eq)
            {
                parent.TryAdd(v, v);
            }
            for (var i = 1; i < eq.Length; i++)
            {
                var (a, b) = (Find(eq[0]), Find(eq[i]));
                if (a != b)
                {
                    parent[a] = b;
                }
            }
        }
        var found = new List<(int, List<int>)>();
        foreach (var group in Enumerable.Range(0, equations.Count).GroupBy(e => Find(equations[e][0])))
        {
            var vars = group.SelectMany(e => equations[e]).Distinct().ToList();
            var rows = group.Select(e =>
            {
                var row = new Dictionary<int, double>();
                for (var k = 0; k < equations[e].Length; k++)
                {
                    row[equations[e][k]] = row.GetValueOrDefault(equations[e][k]) + signs[e][k];
                }
                return row;
            }).ToList();
            found.AddRange(Pinned(rows, cells, look).Select(v => (v, vars)));
        }
        return found;
    }

    /// <summary>The variables the equations give away: sparse Gauss–Jordan elimination (the sparsest row first, on its least
    /// shared variable, so the rows stay short); a variable is fixed when its reduced row holds nothing else, and the
    /// variables of a reduced row that is a plain sum are given away when that sum is small or all ones.</summary>
    private static List<int> Pinned(List<Dictionary<int, double>> rows, IReadOnlyList<Cell> cells, Look look)
    {
        const double Zero = 1e-9;
        var holders = new Dictionary<int, HashSet<int>>();
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var v in rows[i].Where(e => Math.Abs(e.Value) < Zero).Select(e => e.Key).ToList())
            {
                rows[i].Remove(v);
            }
            foreach (var v in rows[i].Keys)
            {
                (holders.TryGetValue(v, out var set) ? set : holders[v] = []).Add(i);
            }
        }
        var open = new HashSet<int>(Enumerable.Range(0, rows.Count).Where(i => rows[i].Count > 0));
        var pivotRows = new List<(int Row, int Variable)>();
        while (open.Count > 0)
        {
            var r = open.MinBy(i => rows[i].Count);
            open.Remove(r);
            if (rows[r].Count == 0)
            {
                continue;
            }
            var pivotRow = rows[r];
            var v = pivotRow.Keys.MinBy(k => holders[k].Count);
            var scale = pivotRow[v];
            foreach (var k in pivotRow.Keys.ToList())
            {
                pivotRow[k] /= scale;
            }
            foreach (var i in holders[v].Where(i => i != r).ToList())
            {
                var row = rows[i];
                var factor = row[v];
                foreach (var (k, value) in pivotRow)
                {
                    var next = row.GetValueOrDefault(k) - (factor * value);
                    if (Math.Abs(next) < Zero)
                    {
                        if (row.Remove(k))
                        {
                            holders[k].Remove(i);
                        }
                    }
                    else
                    {
                        if (!row.ContainsKey(k))
                        {
                            holders[k].Add(i);
                        }
                        row[k] = next;
                    }
                }
            }
            pivotRows.Add((r, v));
        }
        var pinned = pivotRows.Where(p => rows[p.Row].Count == 1).Select(p => p.Variable).ToList();
        // A reduced row that adds hidden figures up (every coefficient 1) gives their sum away: a sum equal to their
        // number means each is 1 (a hidden figure is never 0).
        foreach (var (row, _) in pivotRows.Where(p => look.HasFlag(Look.Ones) && rows[p.Row].Count > 1))
        {
            if (rows[row].Values.All(c => Math.Abs(c - 1) < Zero) && rows[row].Keys.Sum(v => cells[v].Persons) == rows[row].Count)
            {
                pinned.AddRange(rows[row].Keys);
            }
        }
        if (look.HasFlag(Look.Sums))
        {
            pinned.AddRange(SmallSums(rows, pivotRows, cells));
        }
        return [.. pinned.Distinct()];
    }

    /// <summary>The hidden figures in a sum the equations give away that rests on 1–4 persons: such a sum is a small figure
    /// (the persons of two small districts in one living situation, say), though no single line and no single reduced row
    /// need show it. A sum is given away when it is a combination of the equations, that is when it is 0 on every solution
    /// of the equations without their constants; random such solutions stand for all of them (a sum that is not given away
    /// is 0 on a random one only by a chance of nil). Its members are figures of 1–4 persons, so at most four.</summary>
    private static HashSet<int> SmallSums(List<Dictionary<int, double>> rows, List<(int Row, int Variable)> pivotRows, IReadOnlyList<Cell> cells)
    {
        // Random values for the free figures (every figure that is no pivot); each pivot figure follows from its row.
        var random = new Random(15);
        var pivots = pivotRows.ToDictionary(p => p.Variable, p => p.Row);
        var value = new Dictionary<int, Sig>();
        foreach (var v in rows.SelectMany(r => r.Keys).Where(v => !pivots.ContainsKey(v)).Distinct().Order())
        {
            value[v] = new Sig(1 + random.NextDouble(), 1 + random.NextDouble(), 1 + random.NextDouble());
        }
        foreach (var (v, r) in pivots)
        {
            var sum = default(Sig);
            foreach (var (k, coefficient) in rows[r])
            {
                if (k != v)
                {
                    sum -= coefficient * value[k];
                }
            }
            value[v] = sum;
        }
        // The candidates: figures of 1–4 persons not fixed by themselves (those are found already), fewest persons first.
        var small = value.Where(e => Disclosure.IsSmall(cells[e.Key].Persons) && !e.Value.IsZero).Select(e => e.Key)
            .OrderBy(v => cells[v].Persons).ThenBy(v => v).ToArray();
        var sig = small.Select(v => value[v]).ToArray();
        var persons = small.Select(v => cells[v].Persons).ToArray();
        var singles = new SigIndex();
        for (var i = 0; i < small.Length; i++)
        {
            singles.Add(sig[i], i);
        }
        var given = new HashSet<int>();
        void Give(params int[] members)
        {
            foreach (var m in members)
            {
                given.Add(small[m]);
            }
        }
        // Two figures that cancel.
        for (var a = 0; a < small.Length; a++)
        {
            foreach (var b in singles.Find(-sig[a]))
            {
                if (b != a && persons[a] + persons[b] < Disclosure.MinimumPersons)
                {
                    Give(a, b);
                }
            }
        }
        // Three (1 + 1 + 1 or 1 + 1 + 2 persons): a pair of at most 3 persons and a third that cancels it. Four (one person
        // each): two pairs that cancel, found by sorting the pairs' sums.
        var ones = Array.FindLastIndex(persons, p => p == 1) + 1;
        var pairsOfOnes = new List<(double Key, int A, int B)>();
        for (var a = 0; a < small.Length && persons[a] == 1; a++)
        {
            for (var b = a + 1; b < small.Length && persons[a] + persons[b] <= 3; b++)
            {
                var pair = sig[a] + sig[b];
                foreach (var c in singles.Find(-pair))
                {
                    if (c != a && c != b && persons[a] + persons[b] + persons[c] < Disclosure.MinimumPersons)
                    {
                        Give(a, b, c);
                    }
                }
                if (b < ones)
                {
                    pairsOfOnes.Add((pair.X, a, b));
                }
            }
        }
        pairsOfOnes.Sort((p, q) => p.Key.CompareTo(q.Key));
        var (low, high) = (0, pairsOfOnes.Count - 1);
        while (low < high)
        {
            var total = pairsOfOnes[low].Key + pairsOfOnes[high].Key;
            if (Math.Abs(total) < Sig.Tolerance)
            {
                // Every pair from here up whose key still cancels this one's.
                for (var h = high; h > low && Math.Abs(pairsOfOnes[low].Key + pairsOfOnes[h].Key) < Sig.Tolerance; h--)
                {
                    var (p, q) = (pairsOfOnes[low], pairsOfOnes[h]);
                    if (p.A != q.A && p.A != q.B && p.B != q.A && p.B != q.B && (sig[p.A] + sig[p.B] + sig[q.A] + sig[q.B]).IsZero)
                    {
                        Give(p.A, p.B, q.A, q.B);
                    }
                }
                low++;
            }
            else if (total < 0)
            {
                low++;
            }
            else
            {
                high--;
            }
        }
        return given;
    }

    /// <summary>A figure's values on three random solutions.</summary>
    private readonly record struct Sig(double X, double Y, double Z)
    {
        public const double Tolerance = 1e-7;

        public bool IsZero => Math.Abs(X) < Tolerance && Math.Abs(Y) < Tolerance && Math.Abs(Z) < Tolerance;

        public static Sig operator +(Sig a, Sig b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

        public static Sig operator -(Sig a, Sig b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

        public static Sig operator -(Sig a) => new(-a.X, -a.Y, -a.Z);

        public static Sig operator *(double c, Sig a) => new(c * a.X, c * a.Y, c * a.Z);
    }

    /// <summary>Figures by their values, found again despite rounding: bucketed by the first value, compared on all.</summary>
    private sealed class SigIndex
    {
        private readonly Dictionary<long, List<(Sig Key, int Item)>> buckets = [];

        private static long Bucket(double x) => (long)Math.Floor(x / (Sig.Tolerance * 100));

        public void Add(Sig key, int item)
        {
            var b = Bucket(key.X);
            (buckets.TryGetValue(b, out var list) ? list : buckets[b] = []).Add((key, item));
        }

        public IEnumerable<int> Find(Sig key)
        {
            var b = Bucket(key.X);
            for (var near = b - 1; near <= b + 1; near++)
            {
                if (buckets.TryGetValue(near, out var list))
                {
                    foreach (var (k, item) in list)
                    {
                        if ((k - key).IsZero)
                        {
                            yield return item;
                        }
                    }
                }
            }
        }
    }

    /// <summary>For each figure given away, hides the shown entry resting on the fewest persons in each line through it; when
    /// every entry there is hidden already, in a line through any figure it is solved with. False when nothing is left.</summary>
    public static bool HideMore(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, bool[] hidden, List<(int Cell, List<int> Group)> found)
    {
        var through = new Dictionary<int, List<Line>>();
        foreach (var line in lines)
        {
            foreach (var entry in line.Members.Append(line.Total))
            {
                if (hidden[entry])
                {
                    (through.TryGetValue(entry, out var list) ? list : through[entry] = []).Add(line);
                }
            }
        }
        int Smallest(IEnumerable<Line> around)
        {
            var best = -1;
            foreach (var line in around)
            {
                foreach (var entry in line.Members.Append(line.Total))
                {
                    if (!hidden[entry] && cells[entry].Persons > 0 && (best < 0 || cells[entry].Persons < cells[best].Persons))
                    {
                        best = entry;
                    }
                }
            }
            return best;
        }
        var changed = false;
        foreach (var (cell, group) in found)
        {
            if (!hidden[cell])
            {
                continue;
            }
            // One more hidden entry in every line through it: fewer rounds of the audit than one at a time.
            var hid = false;
            foreach (var line in through.GetValueOrDefault(cell) ?? [])
            {
                if (Smallest([line]) is var best and >= 0)
                {
                    hidden[best] = true;
                    hid = true;
                }
            }
            if (!hid && Smallest(group.SelectMany(g => through.GetValueOrDefault(g) ?? [])) is var other and >= 0)
            {
                hidden[other] = true;
                hid = true;
            }
            changed |= hid;
        }
        return changed;
    }
}
