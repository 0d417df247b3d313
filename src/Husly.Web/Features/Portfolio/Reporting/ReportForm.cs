using System.ComponentModel.DataAnnotations;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Husly.Features.Portfolio.Reporting;

/// <summary>What the status report form posts. A draft may be incomplete; a report sent for approval may not.</summary>
public sealed class ReportForm
{
    public const int BlankRows = 2;

    public Guid Version { get; set; }

    [Display(Name = "Samlet vurdering")]
    public Rag? Overall { get; set; }

    [Display(Name = "Tid og framdrift")]
    public Rag? Time { get; set; }

    [Display(Name = "Budsjett")]
    public Rag? Budget { get; set; }

    [Display(Name = "Kvalitet")]
    public Rag? Quality { get; set; }

    [Display(Name = "Hva har skjedd siden forrige rapport")]
    [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
    public string? Progress { get; set; }

    /// <summary>Typed as text, so "1 200 000" and "1 200 000 kr" are read as Norwegians write amounts.</summary>
    [Display(Name = "Brukt så langt (kr)")]
    [StringLength(30, ErrorMessage = "Skriv et helt antall kroner.")]
    public string? SpentToDate { get; set; }

    private long? spent;

    public List<RiskRow> Risks { get; set; } = [];
    public List<LessonRow> Lessons { get; set; } = [];
    public List<ValueRow> Values { get; set; } = [];

    public sealed class RiskRow
    {
        [Display(Name = "Risiko")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst 1000 tegn.")]
        public string? Description { get; set; }

        [Display(Name = "Sannsynlighet (1–5)")]
        [Range(1, 5, ErrorMessage = "Velg 1–5.")]
        public int? Probability { get; set; }

        [Display(Name = "Konsekvens (1–5)")]
        [Range(1, 5, ErrorMessage = "Velg 1–5.")]
        public int? Consequence { get; set; }

        [Display(Name = "Tiltak")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst 1000 tegn.")]
        public string? Action { get; set; }

        [Display(Name = "Sannsynlighet etter tiltak")]
        [Range(1, 5, ErrorMessage = "Velg 1–5.")]
        public int? ProbabilityAfter { get; set; }

        [Display(Name = "Konsekvens etter tiltak")]
        [Range(1, 5, ErrorMessage = "Velg 1–5.")]
        public int? ConsequenceAfter { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Action)
            && Probability is null && Consequence is null && ProbabilityAfter is null && ConsequenceAfter is null;
    }

    public sealed class LessonRow
    {
        [Display(Name = "Suksess eller feil")]
        public LessonKind? Kind { get; set; }

        [Display(Name = "Hva lærte dere")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? Text { get; set; }

        [Display(Name = "Hva ville dere gjort annerledes")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? DoDifferently { get; set; }

        [Display(Name = "Forklarer indikatoren")]
        public Guid? IndicatorId { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(DoDifferently);
    }

    public sealed class ValueRow
    {
        public Guid IndicatorId { get; set; }

        /// <summary>Empty (posted as nothing) for an indicator that is not broken down.</summary>
        [StringLength(100, ErrorMessage = "Teksten kan ha høyst 100 tegn.")]
        public string? Category { get; set; }

        [Display(Name = "Verdi")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? Value { get; set; }
    }

    /// <summary>The value fields the project's indicators ask for, in order: one per indicator, or one per district or
    /// age band when the indicator is broken down.</summary>
    public static List<(Indicator Indicator, string Category)> Slots(IEnumerable<Indicator> indicators, Project project) =>
        [.. indicators.SelectMany(i => Categories(i, project).Select(c => (i, c)))];

    public static IReadOnlyList<string> Categories(Indicator indicator, Project project) => indicator.Breakdown switch
    {
        IndicatorBreakdown.District => [.. new[] { project.LeadUnit?.Name ?? "" }.Concat(project.CoDistricts.Select(d => d.District?.Name ?? "")).Where(n => n.Length > 0).Distinct()],
        IndicatorBreakdown.AgeBand => Indicator.AgeBands,
        _ => [""],
    };

    public static ReportForm From(StatusReport r, StatusReport? previous, List<(Indicator Indicator, string Category)> slots)
    {
        // A new report starts from the last one's risk register and spending, which change rather than start over.
        var risksFrom = r.State == ReportState.NotStarted && previous is not null ? previous.Risks : r.Risks;
        return new ReportForm
        {
            Version = r.Version,
            Overall = r.Overall,
            Time = r.Time,
            Budget = r.Budget,
            Quality = r.Quality,
            Progress = r.Progress,
            SpentToDate = (r.SpentToDate ?? (r.State == ReportState.NotStarted ? previous?.SpentToDate : null))?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Risks = [.. risksFrom.OrderBy(x => x.SortOrder).Select(x => new RiskRow
            {
                Description = x.Description, Probability = x.Probability, Consequence = x.Consequence, Action = x.Action,
                ProbabilityAfter = x.ProbabilityAfter, ConsequenceAfter = x.ConsequenceAfter,
            })],
            Lessons = [.. r.Lessons.OrderBy(x => x.SortOrder).Select(x => new LessonRow { Kind = x.Kind, Text = x.Text, DoDifferently = x.DoDifferently, IndicatorId = x.IndicatorId })],
            Values = [.. slots.Select(s => new ValueRow
            {
                IndicatorId = s.Indicator.Id,
                Category = s.Category,
                Value = r.Values.FirstOrDefault(v => v.IndicatorId == s.Indicator.Id && v.Category == s.Category) is { } v
                    ? v.Text ?? (v.Number is { } n ? n.ToString(System.Globalization.CultureInfo.GetCultureInfo("nb-NO")) : null)
                    : null,
            })],
        };
    }

    public void AddBlankRows()
    {
        Risks.RemoveAll(r => r.IsBlank);
        Lessons.RemoveAll(r => r.IsBlank);
        for (var i = 0; i < BlankRows; i++)
        {
            Risks.Add(new RiskRow());
            Lessons.Add(new LessonRow());
        }
    }

    /// <summary>Checks the rows and values against the project's indicators (the slots), and — when the report is sent for
    /// approval — that nothing is missing. Values are matched to slots by indicator and category; anything posted for an
    /// indicator the project does not have is ignored.</summary>
    public void Validate(ModelStateDictionary state, Func<string, string> l, List<(Indicator Indicator, string Category)> slots, bool submitting)
    {
        spent = null;
        if (!string.IsNullOrWhiteSpace(SpentToDate))
        {
            if (Indicator.TryParse(IndicatorUnit.Nok, SpentToDate, out var amount) is { } error)
            {
                state.AddModelError("Input.SpentToDate", l(error));
            }
            else if (amount > 1_000_000_000)
            {
                state.AddModelError("Input.SpentToDate", l("Skriv et helt antall kroner fra 0 til 1 000 000 000."));
            }
            else
            {
                spent = (long)amount;
            }
        }
        for (var i = 0; i < Risks.Count; i++)
        {
            var row = Risks[i];
            if (!row.IsBlank && (string.IsNullOrWhiteSpace(row.Description) || string.IsNullOrWhiteSpace(row.Action) || row.Probability is null
                || row.Consequence is null || row.ProbabilityAfter is null || row.ConsequenceAfter is null))
            {
                state.AddModelError($"Input.Risks[{i}].Description", l("Beskriv risikoen, sannsynlighet og konsekvens før og etter tiltaket, og tiltaket – eller tøm raden."));
            }
        }
        var indicatorIds = slots.Select(s => s.Indicator.Id).ToHashSet();
        for (var i = 0; i < Lessons.Count; i++)
        {
            var row = Lessons[i];
            if (row.IsBlank)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(row.Text) || row.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                state.AddModelError($"Input.Lessons[{i}].Text", l("Velg om det var en suksess eller en feil, og skriv hva dere lærte – eller tøm raden."));
            }
            if (row.IndicatorId is { } id && !indicatorIds.Contains(id))
            {
                state.AddModelError($"Input.Lessons[{i}].IndicatorId", l("Velg en av prosjektets indikatorer."));
            }
        }
        var posted = Values.GroupBy(v => (v.IndicatorId, v.Category ?? "")).ToDictionary(g => g.Key, g => g.First().Value);
        Values = [.. slots.Select(s => new ValueRow { IndicatorId = s.Indicator.Id, Category = s.Category, Value = posted.GetValueOrDefault((s.Indicator.Id, s.Category)) })];
        for (var i = 0; i < slots.Count; i++)
        {
            var (indicator, category) = slots[i];
            var text = Values[i].Value;
            var key = $"Input.Values[{i}].Value";
            // Named, so the error summary says which of many value fields it means.
            var name = category.Length > 0 ? $"{indicator.Name} – {category}" : indicator.Name;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (submitting)
                {
                    state.AddModelError(key, string.Format(System.Globalization.CultureInfo.InvariantCulture, l("Skriv verdien for perioden: {0}."), name));
                }
            }
            else if (indicator.IsQuantitative && Indicator.TryParse(indicator.Unit, text, out _) is { } error)
            {
                state.AddModelError(key, $"{name}: {l(error)}");
            }
        }
        if (!submitting)
        {
            return;
        }
        foreach (var (name, label, value) in new[] { (nameof(Overall), "Samlet vurdering", Overall), (nameof(Time), "Tid og framdrift", Time),
                     (nameof(Budget), "Budsjett", Budget), (nameof(Quality), "Kvalitet", Quality) })
        {
            if (value is null)
            {
                state.AddModelError($"Input.{name}", string.Format(System.Globalization.CultureInfo.InvariantCulture, l("{0}: velg grønn, gul eller rød."), l(label)));
            }
        }
        if (string.IsNullOrWhiteSpace(Progress))
        {
            state.AddModelError("Input.Progress", l("Skriv hva som har skjedd i perioden."));
        }
        if (spent is null && !(state.TryGetValue("Input.SpentToDate", out var entry) && entry.Errors.Count > 0))
        {
            state.AddModelError("Input.SpentToDate", l("Skriv hvor mye som er brukt så langt."));
        }
        if (!Lessons.Any(x => !x.IsBlank))
        {
            state.AddModelError("Input.Lessons[0].Text", l("Skriv minst én læring – også det som ikke gikk som planlagt."));
        }
    }

    public void ApplyTo(StatusReport r, List<(Indicator Indicator, string Category)> slots)
    {
        r.Overall = Overall;
        r.Time = Time;
        r.Budget = Budget;
        r.Quality = Quality;
        r.Progress = string.IsNullOrWhiteSpace(Progress) ? null : Progress.Trim();
        r.SpentToDate = spent;
        r.Risks = [.. Risks.Where(x => !x.IsBlank).Select((x, i) => new ReportRisk
        {
            Id = Guid.CreateVersion7(), ReportId = r.Id, Description = x.Description!.Trim(), Probability = x.Probability!.Value, Consequence = x.Consequence!.Value,
            Action = x.Action!.Trim(), ProbabilityAfter = x.ProbabilityAfter!.Value, ConsequenceAfter = x.ConsequenceAfter!.Value, SortOrder = i,
        })];
        r.Lessons = [.. Lessons.Where(x => !x.IsBlank).Select((x, i) => new ReportLesson
        {
            Id = Guid.CreateVersion7(), ReportId = r.Id, Kind = x.Kind!.Value, Text = x.Text!.Trim(),
            DoDifferently = string.IsNullOrWhiteSpace(x.DoDifferently) ? null : x.DoDifferently.Trim(), IndicatorId = x.IndicatorId, SortOrder = i,
        })];
        r.Values = [.. slots.Select((s, i) => (s.Indicator, s.Category, Text: Values[i].Value)).Where(x => !string.IsNullOrWhiteSpace(x.Text)).Select(x => new IndicatorValue
        {
            Id = Guid.CreateVersion7(),
            ReportId = r.Id,
            IndicatorId = x.Indicator.Id,
            Category = x.Category,
            Number = x.Indicator.IsQuantitative && Indicator.TryParse(x.Indicator.Unit, x.Text!, out var n) is null ? n : null,
            Text = x.Indicator.IsQuantitative ? null : x.Text!.Trim(),
        })];
    }
}
