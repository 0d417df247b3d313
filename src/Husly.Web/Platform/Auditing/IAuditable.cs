namespace Husly.Platform.Auditing;

/// <summary>An editable record: the save interceptor stamps who created and changed it, and renews <see cref="Version"/>
/// on every change so that a form posted with an older version is detected as a concurrent edit.</summary>
public interface IAuditable
{
    Guid Version { get; set; }
    DateTime CreatedAt { get; set; }
    string CreatedBy { get; set; }
    DateTime ChangedAt { get; set; }
    string ChangedBy { get; set; }
}

/// <summary>Marks an entity whose field changes are written to the change history shown to users.</summary>
public interface IHasChangeHistory
{
    Guid Id { get; }
}

/// <summary>A child row (partner, funding line …) whose adding and removal is written to its owner's change history.</summary>
public interface IHistoryChild
{
    Guid HistoryOwnerId { get; }

    /// <summary>The owner's field this row belongs to, e.g. "Partners".</summary>
    string HistoryField { get; }

    /// <summary>How the row reads in the history, in Bokmål.</summary>
    string HistoryText { get; }

    /// <summary>The owner's type when the row hangs below another child (a measure below a focus area) rather than
    /// directly below the owner; null means "the owner the foreign key points to".</summary>
    Type? HistoryOwnerType => null;
}
