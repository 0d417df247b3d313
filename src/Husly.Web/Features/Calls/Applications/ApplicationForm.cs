using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Husly.Features.Calls.Applications;

/// <summary>The application's sections. Rows (milestones, budget, risks) always come with a few blank ones, so the form
/// works without JavaScript; blank rows are ignored.</summary>
public sealed class ApplicationForm
{
    public const int BlankRows = 2;

    public Guid Version { get; set; }

    [Display(Name = "Navn på søknaden")]
    [Required(ErrorMessage = "Gi søknaden et navn.")]
    [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
    public string Title { get; set; } = "";

    [Display(Name = "Utfordringen, og hvorfor dagens løsninger ikke strekker til")]
    [StringLength(Application.MaxSectionLength, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
    public string? Challenge { get; set; }

    [Display(Name = "Hvordan brukerne er med")]
    [StringLength(Application.MaxSectionLength, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
    public string? UserInvolvement { get; set; }

    [Display(Name = "Hva som er nytt")]
    [StringLength(Application.MaxSectionLength, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
    public string? WhatIsNew { get; set; }

    [Display(Name = "Egeninnsats (kr)")]
    [Range(typeof(long), "0", "1000000000", ErrorMessage = "Egeninnsatsen må være mellom 0 og 1 milliard kroner.")]
    public long? OwnContribution { get; set; }

    [Display(Name = "Viderefører prosjektet")]
    public Guid? ContinuesProjectId { get; set; }

    public List<Guid> TargetGroups { get; set; } = [];
    public List<Guid> CoDistricts { get; set; } = [];
    public List<Guid> Partners { get; set; } = [];
    public List<MilestoneRow> Milestones { get; set; } = [];
    public List<BudgetRow> Budget { get; set; } = [];
    public List<RiskRow> Risks { get; set; } = [];

    /// <summary>Question id → "yes" or "no".</summary>
    public Dictionary<Guid, string> Answers { get; set; } = [];

    public sealed class MilestoneRow
    {
        [Display(Name = "Milepæl")]
        [StringLength(300, ErrorMessage = "Milepælen kan ha høyst 300 tegn.")]
        public string? Title { get; set; }

        [Display(Name = "Dato")]
        public DateOnly? DueOn { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Title) && DueOn is null;
    }

    public sealed class BudgetRow
    {
        [Display(Name = "År")]
        [Range(2000, 2100, ErrorMessage = "Året må være mellom 2000 og 2100.")]
        public int? Year { get; set; }

        [Display(Name = "Kategori")]
        public BudgetCategory? Category { get; set; }

        [Display(Name = "Beløp (kr)")]
        [Range(typeof(long), "1", "1000000000", ErrorMessage = "Beløpet må være mellom 1 krone og 1 milliard kroner.")]
        public long? Amount { get; set; }

        public bool IsBlank => Year is null && Amount is null;
    }

    public sealed class RiskRow
    {
        [Display(Name = "Risiko")]
        [StringLength(500, ErrorMessage = "Teksten kan ha høyst 500 tegn.")]
        public string? Description { get; set; }

        [Display(Name = "Sannsynlighet (1–5)")]
        [Range(1, 5, ErrorMessage = "Velg 1–5.")]
        public int? Probability { get; set; }

        [Display(Name = "Konsekvens (1–5)")]
        [Range(1, 5, ErrorMessage = "Velg 1–5.")]
        public int? Consequence { get; set; }

        [Display(Name = "Tiltak")]
        [StringLength(500, ErrorMessage = "Teksten kan ha høyst 500 tegn.")]
        public string? Mitigation { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Mitigation) && Probability is null && Consequence is null;
    }

    public static ApplicationForm From(Application a) => new()
    {
        Version = a.Version,
        Title = a.Title,
        Challenge = a.Challenge,
        UserInvolvement = a.UserInvolvement,
        WhatIsNew = a.WhatIsNew,
        OwnContribution = a.OwnContribution,
        ContinuesProjectId = a.ContinuesProjectId,
        TargetGroups = [.. a.TargetGroups.Select(t => t.TargetGroupId)],
        CoDistricts = [.. a.Units.Where(u => u.Kind == ApplicationUnitKind.CoDistrict).Select(u => u.OrganisationId)],
        Partners = [.. a.Units.Where(u => u.Kind == ApplicationUnitKind.Partner).Select(u => u.OrganisationId)],
        Milestones = [.. a.Milestones.OrderBy(m => m.SortOrder).Select(m => new MilestoneRow { Title = m.Title, DueOn = m.DueOn })],
        Budget = [.. a.Budget.OrderBy(b => b.Year).ThenBy(b => b.Category).Select(b => new BudgetRow { Year = b.Year, Category = b.Category, Amount = b.Amount })],
        Risks = [.. a.Risks.OrderBy(r => r.SortOrder).Select(r => new RiskRow { Description = r.Description, Probability = r.Probability, Consequence = r.Consequence, Mitigation = r.Mitigation })],
        Answers = a.Answers.ToDictionary(x => x.QuestionId, x => x.Yes ? "yes" : "no"),
    };

    public void AddBlankRows()
    {
        Milestones.RemoveAll(m => m.IsBlank);
        Budget.RemoveAll(b => b.IsBlank);
        Risks.RemoveAll(r => r.IsBlank);
        for (var i = 0; i < BlankRows; i++)
        {
            Milestones.Add(new MilestoneRow());
            Budget.Add(new BudgetRow());
            Risks.Add(new RiskRow());
        }
    }

    /// <summary>Checks the rows and choices, then replaces the application's sections with the input. Rows have no ids of
    /// their own in the form: a save replaces them, so nothing posted can point at another application's rows.</summary>
    public bool TryApply(Application a, Call call, ISet<Guid> targetGroups, ISet<Guid> districts, ISet<Guid> partners, ISet<Guid> projects, ModelStateDictionary state, Func<string, string> l)
    {
        if (ContinuesProjectId is { } continued && !projects.Contains(continued))
        {
            state.AddModelError("Input.ContinuesProjectId", l("Velg et av enhetens prosjekter i programmet, eller ingen."));
        }
        if (TargetGroups.Any(t => !targetGroups.Contains(t)) || CoDistricts.Any(d => !districts.Contains(d) || d == a.LeadUnitId) || Partners.Any(p => !partners.Contains(p))
            || Answers.Keys.Any(q => !call.Questions.Any(x => x.Id == q)) || Answers.Values.Any(v => v is not ("yes" or "no")))
        {
            state.AddModelError("", l("Skjemaet var utdatert. Last siden på nytt og prøv igjen."));
        }
        for (var i = 0; i < Milestones.Count; i++)
        {
            if (!Milestones[i].IsBlank && (string.IsNullOrWhiteSpace(Milestones[i].Title) || Milestones[i].DueOn is null))
            {
                state.AddModelError($"Input.Milestones[{i}].{(Milestones[i].DueOn is null ? "DueOn" : "Title")}", l("Skriv både milepæl og dato, eller tøm raden."));
            }
        }
        for (var i = 0; i < Budget.Count; i++)
        {
            var row = Budget[i];
            if (!row.IsBlank && (row.Year is null || row.Amount is null || row.Category is null || !Enum.IsDefined(row.Category.Value)))
            {
                state.AddModelError($"Input.Budget[{i}].{(row.Year is null ? "Year" : row.Amount is null ? "Amount" : "Category")}", l("Skriv år, kategori og beløp, eller tøm raden."));
            }
        }
        for (var i = 0; i < Risks.Count; i++)
        {
            var row = Risks[i];
            if (!row.IsBlank && (string.IsNullOrWhiteSpace(row.Description) || row.Probability is null || row.Consequence is null || string.IsNullOrWhiteSpace(row.Mitigation)))
            {
                state.AddModelError($"Input.Risks[{i}].Description", l("Beskriv risikoen, sannsynlighet, konsekvens og tiltak, eller tøm raden."));
            }
        }
        if (!state.IsValid)
        {
            return false;
        }
        a.Title = Title.Trim();
        a.Challenge = Blank(Challenge);
        a.UserInvolvement = Blank(UserInvolvement);
        a.WhatIsNew = Blank(WhatIsNew);
        a.OwnContribution = OwnContribution ?? 0;
        a.ContinuesProjectId = ContinuesProjectId;
        // Rows keyed by what they point at are synced (removing and re-adding the same key in one save confuses EF).
        var groups = TargetGroups.ToHashSet();
        a.TargetGroups.RemoveAll(t => !groups.Contains(t.TargetGroupId));
        a.TargetGroups.AddRange(groups.Where(t => !a.TargetGroups.Any(x => x.TargetGroupId == t)).Select(t => new ApplicationTargetGroup { ApplicationId = a.Id, TargetGroupId = t }));
        var units = CoDistricts.Select(d => (d, ApplicationUnitKind.CoDistrict)).Concat(Partners.Select(p => (p, ApplicationUnitKind.Partner))).ToHashSet();
        a.Units.RemoveAll(u => !units.Contains((u.OrganisationId, u.Kind)));
        a.Units.AddRange(units.Where(u => !a.Units.Any(x => x.OrganisationId == u.Item1 && x.Kind == u.Item2))
            .Select(u => new ApplicationUnit { ApplicationId = a.Id, OrganisationId = u.Item1, Kind = u.Item2 }));
        a.Answers.RemoveAll(x => !Answers.ContainsKey(x.QuestionId));
        foreach (var (question, answer) in Answers)
        {
            var row = a.Answers.FirstOrDefault(x => x.QuestionId == question);
            if (row is null)
            {
                a.Answers.Add(row = new ApplicationAnswer { ApplicationId = a.Id, QuestionId = question });
            }
            row.Yes = answer == "yes";
        }
        a.Milestones = [.. Milestones.Where(m => !m.IsBlank).Select((m, i) => new ApplicationMilestone { Id = Guid.CreateVersion7(), ApplicationId = a.Id, Title = m.Title!.Trim(), DueOn = m.DueOn!.Value, SortOrder = i })];
        a.Budget = [.. Budget.Where(b => !b.IsBlank).Select(b => new ApplicationBudgetLine { Id = Guid.CreateVersion7(), ApplicationId = a.Id, Year = b.Year!.Value, Category = b.Category!.Value, Amount = b.Amount!.Value })];
        a.Risks = [.. Risks.Where(r => !r.IsBlank).Select((r, i) => new ApplicationRisk { Id = Guid.CreateVersion7(), ApplicationId = a.Id, Description = r.Description!.Trim(), Probability = r.Probability!.Value, Consequence = r.Consequence!.Value, Mitigation = r.Mitigation!.Trim(), SortOrder = i })];
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
