namespace Husly.Features.Portfolio.Projects;

/// <summary>What the shared project form partial needs. Field names stay "Input.*" because the partial binds to <see cref="Input"/>.</summary>
public sealed record ProjectFieldsModel(ProjectInput Input, ProjectForm.Choices Choices, bool IsCreate);
