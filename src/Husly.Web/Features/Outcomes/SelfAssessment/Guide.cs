using Husly.Common;

namespace Husly.Features.Outcomes.SelfAssessment;

public enum Answer
{
    Unknown,
    Yes,
    No,
}

public enum Strength
{
    /// <summary>The guide says it fits a municipality of this size.</summary>
    Recommended,

    /// <summary>Worth considering: the size is at the guide's threshold, or the answers point to it.</summary>
    Consider,
}

/// <summary>One of the guide's questions on challenges and needs, and the ways of organising and following up it points to.</summary>
public sealed record Question(int Number, string Text, OrganisationForm[] Forms, FollowUpCategory[] Categories);

/// <summary>A way of organising follow-up, or a follow-up category, the guide suggests, and why.</summary>
public sealed record Recommendation(OrganisationForm? Form, FollowUpCategory? Category, Strength Strength, IReadOnlyList<string> Reasons, IReadOnlyList<int> YesTo);

/// <summary>The municipal self-assessment of the Husbanken guide on housing follow-up (seed 004): the population
/// thresholds (own positions from about 10–15,000 inhabitants, teams from about 20,000, ACT/FACT from about 50,000) and the
/// fourteen questions on challenges and needs; several yes answers mean concrete measures should be considered.
/// Texts are Bokmål keys, translated where shown.</summary>
public static class Guide
{
    public const int OwnPositionsFrom = 10_000;
    public const int OwnPositionsClearlyFrom = 15_000;
    public const int TeamsFrom = 20_000;
    public const int ActFrom = 50_000;

    /// <summary>"Har kommunen utfordringer på flere av disse områdene, bør den vurdere å sette inn konkrete tiltak."</summary>
    public const int SeveralChallenges = 3;

    public static readonly IReadOnlyList<Question> Questions =
    [
        new(1, "Har kommunen personer i midlertidig botilbud som hospits, campingplasser og lignende, og blir mange boende lenge der?",
            [OrganisationForm.EarmarkedPositions], [FollowUpCategory.SupportedHousing, FollowUpCategory.CriticalTimeIntervention]),
        new(2, "Må kommunen kjøpe institusjonsplasser eller midlertidige botilbud utenfor kommunen?",
            [OrganisationForm.StaffedHousing], [FollowUpCategory.SupportedHousing]),
        new(3, "Viser kartleggingen av bostedsløshet at kommunen har mange bostedsløse?",
            [OrganisationForm.Team], [FollowUpCategory.SupportedHousing]),
        new(4, "Har kommunen unge sosialhjelpsmottakere som bor midlertidig hos venner?",
            [OrganisationForm.HousingSchool], [FollowUpCategory.CriticalTimeIntervention]),
        new(5, "Opplever kommunen at personer som etableres i egen bolig, mister den etter kort tid?",
            [OrganisationForm.EarmarkedPositions], [FollowUpCategory.SupportedHousing]),
        new(6, "Har kommunen jevnlig begjæringer om utkastelse i kommunale boliger?",
            [OrganisationForm.EarmarkedPositions, OrganisationForm.EnvironmentalCaretaker], [FollowUpCategory.CaseManagement]),
        new(7, "Har kommunen utfordringer med å bosette enkeltbrukere eller bestemte målgrupper?",
            [OrganisationForm.Team, OrganisationForm.StaffedHousing], [FollowUpCategory.SupportedHousing]),
        new(8, "Er det vanskelig å gi et godt botilbud til personer som skrives ut fra behandling eller løslates fra fengsel?",
            [OrganisationForm.EarmarkedPositions], [FollowUpCategory.CriticalTimeIntervention, FollowUpCategory.OutreachTeam]),
        new(9, "Er det vanskelig å gi et godt botilbud til ungdom som avslutter tiltak i barnevernet?",
            [OrganisationForm.HousingSchool], [FollowUpCategory.CriticalTimeIntervention]),
        new(10, "Er det boområder der innbyggerne opplever bo- og nærmiljøet som utrygt?",
            [OrganisationForm.HousingEnvironment, OrganisationForm.LowThreshold], []),
        new(11, "Er det kommunale boliger eller eiendommer der det ofte er skader og hærverk?",
            [OrganisationForm.EnvironmentalCaretaker], []),
        new(12, "Er det vanskelig å veilede om rettigheter og plikter som leietaker og om muligheten til å kjøpe egen bolig?",
            [OrganisationForm.HousingSchool], []),
        new(13, "Er det vanskelig å hjelpe folk når de flytter inn i en bolig?",
            [OrganisationForm.OrdinaryPositions, OrganisationForm.EarmarkedPositions], [FollowUpCategory.CaseManagement]),
        new(14, "Har kommunen store utgifter til hospitsplasser og til å dekke husleierestanser?",
            [OrganisationForm.EarmarkedPositions], [FollowUpCategory.CriticalTimeIntervention]),
    ];

    public sealed record Assessment(int Population, int Challenges, bool ConcreteMeasures, IReadOnlyList<Recommendation> Forms, IReadOnlyList<Recommendation> Categories);

    public static Assessment Assess(int population, IReadOnlyList<Answer> answers)
    {
        var yes = Questions.Where((q, i) => i < answers.Count && answers[i] == Answer.Yes).ToList();
        var forms = new Dictionary<OrganisationForm, Found>();
        var categories = new Dictionary<FollowUpCategory, Found>();
        void Form(OrganisationForm form, Strength strength, string? reason, int? question = null) =>
            forms[form] = (forms.GetValueOrDefault(form) ?? new Found()).Add(strength, reason, question);
        void Category(FollowUpCategory category, Strength strength, string? reason, int? question = null) =>
            categories[category] = (categories.GetValueOrDefault(category) ?? new Found()).Add(strength, reason, question);

        // Size: the guide's thresholds.
        if (population < OwnPositionsFrom)
        {
            Form(OrganisationForm.OrdinaryPositions, Strength.Recommended, "Under 10 000 innbyggere er det sjelden behov for egne stillinger: boligarbeidet kan ligge i ordinære stillinger, for eksempel på NAV-kontoret.");
        }
        else if (population < OwnPositionsClearlyFrom)
        {
            Form(OrganisationForm.EarmarkedPositions, Strength.Consider, "Fra 10 000–15 000 innbyggere bør kommunen vurdere egne stillinger i boligarbeidet.");
        }
        else
        {
            Form(OrganisationForm.EarmarkedPositions, Strength.Recommended, "Fra 15 000 innbyggere bør kommunen ha egne stillinger i boligarbeidet.");
        }
        if (population >= TeamsFrom)
        {
            Form(OrganisationForm.Team, Strength.Recommended, "Fra 20 000 innbyggere, med flere stillinger, kan disse organiseres i team, som er mer robuste og kan ta mer sammensatte saker.");
        }
        if (population >= ActFrom)
        {
            Category(FollowUpCategory.OutreachTeam, Strength.Recommended, "Fra 50 000 innbyggere anbefales tverrfaglige oppsøkende team med behandling (ACT eller FACT).");
        }
        else if (yes.Any(q => q.Categories.Contains(FollowUpCategory.OutreachTeam)))
        {
            Category(FollowUpCategory.OutreachTeam, Strength.Consider, "Under 50 000 innbyggere kan ACT- eller FACT-team organiseres som et interkommunalt samarbeid.");
        }

        // Challenges: each yes points to ways of organising and following up.
        foreach (var q in yes)
        {
            foreach (var form in q.Forms)
            {
                Form(form, Strength.Consider, null, q.Number);
            }
            foreach (var category in q.Categories)
            {
                Category(category, Strength.Consider, null, q.Number);
            }
        }
        return new Assessment(population, yes.Count, yes.Count >= SeveralChallenges,
            [.. forms.Select(f => new Recommendation(f.Key, null, f.Value.Strength, f.Value.Reasons, f.Value.Questions)).OrderBy(r => r.Strength).ThenByDescending(r => r.YesTo.Count)],
            [.. categories.Select(c => new Recommendation(null, c.Key, c.Value.Strength, c.Value.Reasons, c.Value.Questions)).OrderBy(r => r.Strength).ThenByDescending(r => r.YesTo.Count)]);
    }

    private sealed class Found
    {
        public Strength Strength { get; private set; } = Strength.Consider;
        public List<string> Reasons { get; } = [];
        public List<int> Questions { get; } = [];

        public Found Add(Strength strength, string? reason, int? question)
        {
            Strength = strength == Strength.Recommended ? Strength.Recommended : Strength;
            if (reason is not null)
            {
                Reasons.Add(reason);
            }
            if (question is { } q)
            {
                Questions.Add(q);
            }
            return this;
        }
    }
}
