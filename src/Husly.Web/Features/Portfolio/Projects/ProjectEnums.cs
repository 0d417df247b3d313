using System.ComponentModel.DataAnnotations;

namespace Husly.Features.Portfolio.Projects;

public enum ProjectStatus
{
    [Display(Name = "Idé")] Idea,
    [Display(Name = "Søkt")] Applied,
    [Display(Name = "Aktiv")] Active,
    [Display(Name = "Avsluttet")] Completed,
    [Display(Name = "I ordinær drift")] InOrdinaryOperation,
    [Display(Name = "Stoppet")] Stopped,
}

/// <summary>Nesta's seven steps of social innovation (the innovation spiral), in order.</summary>
public enum InnovationPhase
{
    [Display(Name = "1. Utforske muligheter og utfordringer")] Exploring = 1,
    [Display(Name = "2. Generere ideer")] GeneratingIdeas = 2,
    [Display(Name = "3. Utvikle og teste")] DevelopingAndTesting = 3,
    [Display(Name = "4. Begrunne og dokumentere")] MakingTheCase = 4,
    [Display(Name = "5. Levere og implementere")] DeliveringAndImplementing = 5,
    [Display(Name = "6. Vokse, skalere og spre")] GrowingAndSpreading = 6,
    [Display(Name = "7. Endre systemer")] ChangingSystems = 7,
}

public enum FundingSource
{
    [Display(Name = "Programmidler")] ProgrammeGrant,
    [Display(Name = "Egeninnsats")] OwnContribution,
    [Display(Name = "Ekstern finansiering")] External,
}

public enum ImpactKind
{
    [Display(Name = "Virkning")] Impact,
    [Display(Name = "Effekt")] Effect,
}

public enum Realisation
{
    [Display(Name = "Realisert")] Realised,
    [Display(Name = "Forventet")] Expected,
}
