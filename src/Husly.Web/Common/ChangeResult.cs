namespace Husly.Common;

/// <summary>What a change through an Access service came to: done; not found (also when the actor may not see the row,
/// so the answer reveals nothing); or refused by a rule, with why.</summary>
public sealed record ChangeResult(ChangeStatus Status, IReadOnlyList<RuleError> Errors)
{
    public static readonly ChangeResult Done = new(ChangeStatus.Done, []);
    public static readonly ChangeResult NotFound = new(ChangeStatus.NotFound, []);

    public static ChangeResult Refused(params RuleError[] errors) => new(ChangeStatus.Refused, errors);

    /// <summary>Refused for a reason that concerns the whole form.</summary>
    public static ChangeResult Refused(string message) => new(ChangeStatus.Refused, [new RuleError("", message)]);

    public bool IsDone => Status == ChangeStatus.Done;
}

public enum ChangeStatus
{
    Done,
    NotFound,
    Refused,
}
