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
/// total when no member is left. Zeros are shown: a line of zeros hides nothing.</summary>
public static class Disclosure
{
    public const int MinimumPersons = 5;

    /// <summary>Rounds of the audit before it stops hiding a little at a time and hides everything it cannot protect.</summary>
    private const int MaxRounds = 200;

    public static bool IsSmall(int persons) => persons is > 0 and < MinimumPersons;

    public static bool[] Suppress(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines)
    {
        var hidden = cells.Select(c => IsSmall(c.Persons)).ToArray();
        Lines(cells, lines, hidden);

        // The line rules leave no line that gives a figure away by itself, but lines together can (two groups of hidden
        // cells joined by one hidden cell: that one follows from the rest). The audit solves the whole system as an
        // attacker would and hides more wherever a hidden figure still follows, until none does.
        for (var round = 0; round < 1000; round++)
        {
            var found = Audit.Determined(cells, lines, hidden);

            if (found.Count == 0 || !Audit.HideMore(cells, lines, hidden, found))
            {
                break;
            }
            Lines(cells, lines, hidden);
        }
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
    public static List<(int Cell, List<int> Group)> Determined(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines, bool[] hidden)
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
            found.AddRange(Pinned(rows, cells).Select(v => (v, vars)));
        }
        return found;
    }

    /// <summary>The variables the equations give away: sparse Gauss–Jordan elimination (the sparsest row first, on its least
    /// shared variable, so the rows stay short); a variable is fixed when its reduced row holds nothing else, and the
    /// variables of a reduced row that is a plain sum are given away when that sum is small or all ones.</summary>
    private static List<int> Pinned(List<Dictionary<int, double>> rows, IReadOnlyList<Cell> cells)
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
        // A reduced row that adds hidden figures up (every coefficient 1) gives their sum away: a small sum is a small
        // figure, and a sum equal to their number means each is 1 (a hidden figure is never 0).
        foreach (var (row, _) in pivotRows.Where(p => rows[p.Row].Count > 1))
        {
            if (rows[row].Values.All(c => Math.Abs(c - 1) < Zero))
            {
                var sum = rows[row].Keys.Sum(v => cells[v].Persons);
                if (Disclosure.IsSmall(sum) || sum == rows[row].Count)
                {
                    pinned.AddRange(rows[row].Keys);
                }
            }
        }
        return [.. pinned.Distinct()];
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
