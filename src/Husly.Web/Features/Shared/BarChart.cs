namespace Husly.Features.Shared;

/// <summary>One bar: its label, its value (null: no bar, e.g. a hidden figure) and the text written after it.</summary>
public sealed record Bar(string Label, double? Value, string Text);

/// <summary>A horizontal bar chart drawn by the server (<c>_BarChart</c>); the page shows the same figures in a table
/// beside it, which is what screen readers get.</summary>
public sealed record BarChart(string Id, string Caption, IReadOnlyList<Bar> Bars);
