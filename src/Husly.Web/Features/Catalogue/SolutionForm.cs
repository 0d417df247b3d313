using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Husly.Common;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Portfolio;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Catalogue;

/// <summary>What the solution form posts; the create and edit pages share it.</summary>
public sealed class SolutionInput
{
    public Guid Version { get; set; }

    [Display(Name = "Tittel")]
    [Required(ErrorMessage = "Skriv en tittel.")]
    [StringLength(200, ErrorMessage = "Tittelen kan ha høyst {1} tegn.")]
    public string? Title { get; set; }

    [Display(Name = "Adresse (URL)")]
    [StringLength(Slugs.MaxLength, ErrorMessage = "Adressen kan ha høyst {1} tegn.")]
    public string? Slug { get; set; }

    [Display(Name = "Sammendrag")]
    [Required(ErrorMessage = "Skriv et kort sammendrag.")]
    [StringLength(1000, ErrorMessage = "Sammendraget kan ha høyst {1} tegn.")]
    public string? Summary { get; set; }

    [Display(Name = "Problemet løsningen løser")]
    [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? Problem { get; set; }

    [Display(Name = "Hva det krever av ansatte")]
    [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? StaffNeeds { get; set; }

    [Display(Name = "Hva det koster")]
    [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? CostNeeds { get; set; }

    [Display(Name = "Hvilke samarbeidspartnere som trengs")]
    [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? PartnerNeeds { get; set; }

    [Display(Name = "Slik kommer dere i gang")]
    [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? HowToStart { get; set; }

    [Display(Name = "Organisering")]
    public OrganisationForm? OrganisationForm { get; set; }

    [Display(Name = "Type oppfølging")]
    public FollowUpCategory? Category { get; set; }

    [Display(Name = "Innovasjonsfase nådd")]
    public InnovationPhase? Phase { get; set; }

    [Display(Name = "Kommune")]
    [Required(ErrorMessage = "Velg kommunen løsningen kommer fra.")]
    [StringLength(4, ErrorMessage = "Velg en kommune fra listen.")]
    public string? MunicipalityNumber { get; set; }

    [Display(Name = "Bydel")]
    public Guid? DistrictId { get; set; }

    [Display(Name = "Fra år")]
    [Range(1990, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
    public int? FromYear { get; set; }

    [Display(Name = "Til år")]
    [Range(1990, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
    public int? ToYear { get; set; }

    [Display(Name = "Kontakt (rolle eller enhet)")]
    [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? Contact { get; set; }

    [Display(Name = "E-post til kontakten")]
    [RegularExpression(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$", ErrorMessage = "Skriv en gyldig e-postadresse, for eksempel postmottak@bgr.oslo.kommune.no.")]
    [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
    public string? ContactEmail { get; set; }

    [Display(Name = "Telefon til kontakten")]
    [RegularExpression(@"^\+?[0-9 ]{8,20}$", ErrorMessage = "Skriv et telefonnummer med 8 siffer, for eksempel 21 80 21 80.")]
    [StringLength(21, ErrorMessage = "Skriv et telefonnummer med 8 siffer, for eksempel 21 80 21 80.")]
    public string? ContactPhone { get; set; }

    [Display(Name = "Kontakten er en navngitt person som har sagt ja til å stå her")]
    public bool ContactPersonConsented { get; set; }

    public List<Guid> TargetGroupIds { get; set; } = [];
    public List<IndicatorRow> Indicators { get; set; } = [];
    public List<LessonRow> Lessons { get; set; } = [];

    public sealed class IndicatorRow
    {
        public Guid Key { get; set; }

        [Display(Name = "Indikator")]
        [StringLength(300, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Resultat")]
        [StringLength(500, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? ResultText { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(ResultText);
    }

    public sealed class LessonRow
    {
        [Display(Name = "Type erfaring")]
        public LessonKind? Kind { get; set; }

        [Display(Name = "Erfaring")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? Text { get; set; }

        [Display(Name = "Forklarer tallene for")]
        public Guid? IndicatorKey { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Text);
    }

    /// <summary>Empty rows to fill in without JavaScript.</summary>
    public void AddBlankRows()
    {
        Indicators.RemoveAll(i => i.IsBlank);
        Lessons.RemoveAll(l => l.IsBlank);
        for (var i = 0; i < 2; i++)
        {
            Indicators.Add(new IndicatorRow { Key = Guid.NewGuid() });
            Lessons.Add(new LessonRow());
        }
    }

    public static SolutionInput From(Solution s) => new()
    {
        Version = s.Version,
        Title = s.Title,
        Slug = s.Slug,
        Summary = s.Summary,
        Problem = s.Problem,
        StaffNeeds = s.StaffNeeds,
        CostNeeds = s.CostNeeds,
        PartnerNeeds = s.PartnerNeeds,
        HowToStart = s.HowToStart,
        OrganisationForm = s.OrganisationForm,
        Category = s.Category,
        Phase = s.Phase,
        MunicipalityNumber = s.MunicipalityNumber,
        DistrictId = s.DistrictId,
        FromYear = s.FromYear,
        ToYear = s.ToYear,
        Contact = s.Contact,
        ContactEmail = s.ContactEmail,
        ContactPhone = s.ContactPhone,
        ContactPersonConsented = s.ContactPersonConsented,
        TargetGroupIds = s.TargetGroups.Select(t => t.TargetGroupId).ToList(),
        Indicators = s.Indicators.OrderBy(i => i.SortOrder).Select(i => new IndicatorRow { Key = i.Id, Name = i.Name, ResultText = i.ResultText }).ToList(),
        Lessons = s.Lessons.OrderBy(l => l.SortOrder).Select(l => new LessonRow { Kind = l.Kind, Text = l.Text, IndicatorKey = l.IndicatorId }).ToList(),
    };

    /// <summary>A draft pre-filled from a project: its description, phase, period, target groups, partners, indicators with
    /// approved results, and lessons from approved reports and the closing.</summary>
    public static SolutionInput From(SharedProject p)
    {
        var keys = p.Indicators.ToDictionary(i => i.Id, _ => Guid.NewGuid());
        return new SolutionInput
        {
            Title = p.Name.Length > 200 ? p.Name[..200] : p.Name,
            Summary = p.Summary is { Length: > 1000 } s ? s[..1000] : p.Summary,
            Problem = p.Challenge,
            PartnerNeeds = p.Partners.Count > 0 ? string.Join(", ", p.Partners) : null,
            Phase = p.Phase,
            MunicipalityNumber = MunicipalityRegister.Oslo,
            DistrictId = p.DistrictId,
            FromYear = p.FromYear,
            ToYear = p.ToYear,
            Contact = p.LeadUnit,
            TargetGroupIds = p.TargetGroupIds.ToList(),
            Indicators = p.Indicators.Select(i => new IndicatorRow { Key = keys[i.Id], Name = i.Name, ResultText = i.ResultText }).ToList(),
            Lessons = p.Lessons.Select(l => new LessonRow
            {
                Kind = l.Kind,
                Text = l.Text.Length > 4000 ? l.Text[..4000] : l.Text,
                IndicatorKey = l.IndicatorId is { } id && keys.TryGetValue(id, out var key) ? key : null,
            }).ToList(),
        };
    }
}

/// <summary>The solution form's choices, its checks beyond the attributes, and how it writes a solution.</summary>
public sealed class SolutionForm(HuslyDbContext db, OrganisationLookups organisations, PortfolioLookups portfolio, IStringLocalizer<SharedResource> l)
{
    public sealed record Choices(
        List<SelectListItem> Municipalities, List<SelectListItem> Districts, List<SelectListItem> TargetGroups);

    public async Task<Choices> ChoicesAsync() => new(
        MunicipalityChoices(), await organisations.DistrictsAsync(), await portfolio.TargetGroupsAsync());

    public static List<SelectListItem> MunicipalityChoices() => MunicipalityRegister.All
        .OrderBy(m => m.Name, StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), false))
        .Select(m => new SelectListItem(m.Name + " (" + m.CountyName + ")", m.Number)).ToList();

    public void Check(SolutionInput input, Choices choices, ModelStateDictionary modelState)
    {
        // Everything here becomes public: a resident's identity number must never slip into it.
        var texts = new List<(string Key, string? Text)>
            {
                ("Input.Title", input.Title), ("Input.Summary", input.Summary), ("Input.Problem", input.Problem),
                ("Input.StaffNeeds", input.StaffNeeds), ("Input.CostNeeds", input.CostNeeds), ("Input.PartnerNeeds", input.PartnerNeeds),
                ("Input.HowToStart", input.HowToStart), ("Input.Contact", input.Contact), ("Input.ContactPhone", input.ContactPhone),
            };
        for (var i = 0; i < input.Indicators.Count; i++)
        {
            texts.Add(($"Input.Indicators[{i}].Name", input.Indicators[i].Name));
            texts.Add(($"Input.Indicators[{i}].ResultText", input.Indicators[i].ResultText));
        }
        texts.AddRange(input.Lessons.Select((r, i) => ($"Input.Lessons[{i}].Text", r.Text)));
        foreach (var (key, text) in texts.Where(t => IdentityNumber.AppearsIn(t.Text)))
        {
            modelState.AddModelError(key, l["Teksten ser ut til å inneholde et fødselsnummer eller D-nummer. Den blir offentlig: ta nummeret ut."]);
        }
        if (input.MunicipalityNumber is { } number && MunicipalityRegister.Find(number) is null)
        {
            modelState.AddModelError("Input.MunicipalityNumber", l["Velg en kommune fra listen."]);
        }
        if (input.DistrictId is { } district && !choices.Districts.Any(d => d.Value == district.ToString()))
        {
            modelState.AddModelError("Input.DistrictId", l["Velg en bydel fra listen."]);
        }
        if (input.TargetGroupIds.Any(t => !choices.TargetGroups.Any(c => c.Value == t.ToString())))
        {
            modelState.AddModelError("Input.TargetGroupIds", l["Velg målgrupper fra listen."]);
        }
        if (input.Slug is { Length: > 0 } slug && !Slugs.IsValid(slug))
        {
            modelState.AddModelError("Input.Slug", l["Adressen kan bare ha små bokstaver a–z, tall og bindestrek, for eksempel housing-first-stavanger."]);
        }
        for (var i = 0; i < input.Indicators.Count; i++)
        {
            if (!input.Indicators[i].IsBlank && string.IsNullOrWhiteSpace(input.Indicators[i].Name))
            {
                modelState.AddModelError($"Input.Indicators[{i}].Name", l["Skriv navnet på indikatoren, eller tøm resultatet."]);
            }
        }
        var keys = input.Indicators.Where(r => !r.IsBlank).Select(r => r.Key).ToHashSet();
        for (var i = 0; i < input.Lessons.Count; i++)
        {
            var lesson = input.Lessons[i];
            if (lesson.IsBlank)
            {
                continue;
            }
            if (lesson.Kind is null || !Enum.IsDefined(lesson.Kind.Value))
            {
                modelState.AddModelError($"Input.Lessons[{i}].Kind", l["Velg om erfaringen er en suksess eller en feil."]);
            }
            if (lesson.IndicatorKey is { } key && !keys.Contains(key))
            {
                modelState.AddModelError($"Input.Lessons[{i}].IndicatorKey", l["Velg en av indikatorene over."]);
            }
        }
    }

    /// <summary>Writes the input to the solution: fields, target groups, indicators (kept by id, so adopters' results
    /// stay attached) and lessons. Refuses to remove an indicator adopters have reported on.</summary>
    public async Task<string?> ApplyAsync(SolutionInput input, Solution solution, CancellationToken ct)
    {
        solution.Title = input.Title!.Trim();
        solution.Summary = input.Summary!.Trim();
        solution.Problem = Clean(input.Problem);
        solution.StaffNeeds = Clean(input.StaffNeeds);
        solution.CostNeeds = Clean(input.CostNeeds);
        solution.PartnerNeeds = Clean(input.PartnerNeeds);
        solution.HowToStart = Clean(input.HowToStart);
        solution.OrganisationForm = input.OrganisationForm;
        solution.Category = input.Category;
        solution.Phase = input.Phase;
        solution.MunicipalityNumber = input.MunicipalityNumber!;
        solution.DistrictId = input.DistrictId;
        solution.FromYear = input.FromYear;
        solution.ToYear = input.ToYear;
        solution.Contact = Clean(input.Contact);
        solution.ContactEmail = Clean(input.ContactEmail);
        solution.ContactPhone = Clean(input.ContactPhone);
        solution.ContactPersonConsented = input.ContactPersonConsented;

        var groups = input.TargetGroupIds.Distinct().ToList();
        solution.TargetGroups.RemoveAll(t => !groups.Contains(t.TargetGroupId));
        foreach (var g in groups.Where(g => !solution.TargetGroups.Any(t => t.TargetGroupId == g)))
        {
            solution.TargetGroups.Add(new SolutionTargetGroup { SolutionId = solution.Id, TargetGroupId = g });
        }

        var rows = input.Indicators.Where(r => !r.IsBlank).ToList();
        var removed = solution.Indicators.Where(i => !rows.Any(r => r.Key == i.Id)).ToList();
        if (removed.Count > 0)
        {
            var removedIds = removed.Select(r => r.Id).ToList();
            if (await db.AdoptionResults.AnyAsync(r => removedIds.Contains(r.IndicatorId), ct))
            {
                return l["En indikator som andre kommuner har rapportert resultater på, kan ikke fjernes. Endre teksten i stedet."];
            }
        }
        // Lessons are replaced; they point at indicators by id, so they go first.
        solution.Lessons.Clear();
        foreach (var gone in removed)
        {
            solution.Indicators.Remove(gone);
        }
        var ids = new Dictionary<Guid, Guid>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var existing = solution.Indicators.FirstOrDefault(x => x.Id == row.Key);
            if (existing is null)
            {
                // A posted key is only trusted for this solution's own indicators.
                existing = new SolutionIndicator { Id = Guid.NewGuid(), SolutionId = solution.Id };
                solution.Indicators.Add(existing);
            }
            ids[row.Key] = existing.Id;
            existing.Name = row.Name!.Trim();
            existing.ResultText = Clean(row.ResultText);
            existing.SortOrder = i;
        }
        var lessons = input.Lessons.Where(r => !r.IsBlank).ToList();
        for (var i = 0; i < lessons.Count; i++)
        {
            solution.Lessons.Add(new SolutionLesson
            {
                Id = Guid.NewGuid(),
                SolutionId = solution.Id,
                Kind = lessons[i].Kind!.Value,
                Text = lessons[i].Text!.Trim(),
                IndicatorId = lessons[i].IndicatorKey is { } key && ids.TryGetValue(key, out var id) ? id : null,
                SortOrder = i,
            });
        }
        var names = await db.TargetGroups.Where(t => groups.Contains(t.Id)).Select(t => t.Name).ToListAsync(ct);
        solution.RefreshSearchText(names, MunicipalityRegister.Find(solution.MunicipalityNumber)?.Name);
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static void AddRuleErrors(IEnumerable<RuleError> errors, ModelStateDictionary modelState, IStringLocalizer l)
    {
        foreach (var e in errors)
        {
            modelState.AddModelError(string.IsNullOrEmpty(e.Field) ? "" : "Input." + e.Field, l[e.Message]);
        }
    }
}
