namespace Husly.Platform.Auditing;

/// <summary>Base for editable records; see <see cref="IAuditable"/>.</summary>
public abstract class Auditable : IAuditable
{
    public Guid Version { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}
