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

    public static bool IsSmall(int persons) => persons is > 0 and < MinimumPersons;

    public static bool[] Suppress(IReadOnlyList<Cell> cells, IReadOnlyList<Line> lines)
    {
        var hidden = cells.Select(c => IsSmall(c.Persons)).ToArray();
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
        return hidden;
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
