namespace Husly.Features.Catalogue.Manage;

/// <summary>What the shared solution fields partial needs from the create and edit pages.</summary>
public interface ISolutionFields
{
    SolutionInput Input { get; }
    SolutionForm.Choices Choices { get; }
    bool ShowSlug { get; }
}
