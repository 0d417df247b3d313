namespace Husly.Tests.Features.Outcomes;

/// <summary>The outcome tests start runs and publish models on the shared apps; one at a time, so each reads its own.</summary>
[CollectionDefinition(Name)]
public sealed class OutcomeTestGroup
{
    public const string Name = "Outcomes";
}
