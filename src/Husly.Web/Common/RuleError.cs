namespace Husly.Common;

/// <summary>A business rule the user's input broke. <see cref="Field"/> names the input field, or is empty for the whole form.</summary>
public sealed record RuleError(string Field, string Message);
