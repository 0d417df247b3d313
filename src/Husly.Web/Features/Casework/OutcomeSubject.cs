using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Casework;

/// <summary>The random key a resident's de-identified results carry (ADR 15). Only casework can read it; retention
/// removes it with the rest of what identifies the resident.</summary>
public sealed class OutcomeSubject : Husly.Common.IResidentData
{
    public Guid ResidentId { get; set; }
    public Guid PersonKey { get; set; }
}

internal sealed class OutcomeSubjectConfiguration : IEntityTypeConfiguration<OutcomeSubject>
{
    public void Configure(EntityTypeBuilder<OutcomeSubject> b) => b.HasKey(s => s.ResidentId);
}
