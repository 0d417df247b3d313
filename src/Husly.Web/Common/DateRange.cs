namespace Husly.Common;

/// <summary>A period of whole days; <see cref="End"/> is null while it is open.</summary>
public readonly record struct DateRange(DateOnly Start, DateOnly? End)
{
    public bool IsValid => End is null || End.Value >= Start;

    public bool Overlaps(int year) => Start.Year <= year && (End is null || End.Value.Year >= year);
}
