using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Husly.Features.Calls;

/// <summary>The call form, shared by create and edit. Criteria and questions are rows; blank rows are ignored, so the form
/// works without JavaScript (it always offers a few empty rows).</summary>
public sealed partial class CallForm
{
    public const int BlankRows = 3;

    public Guid Version { get; set; }

    [Display(Name = "Program")]
    public Guid? ProgrammeId { get; set; }

    [Display(Name = "År")]
    [Required(ErrorMessage = "Skriv hvilket år utlysningen gjelder.")]
    [Range(2000, 2100, ErrorMessage = "Året må være mellom 2000 og 2100.")]
    public int? Year { get; set; }

    [Display(Name = "Tittel")]
    [Required(ErrorMessage = "Skriv en tittel.")]
    [StringLength(200, ErrorMessage = "Tittelen kan ha høyst 200 tegn.")]
    public string Title { get; set; } = "";

    [Display(Name = "Tekst")]
    [Required(ErrorMessage = "Skriv teksten i utlysningen.")]
    [StringLength(Call.MaxTextLength, ErrorMessage = "Teksten kan ha høyst 20 000 tegn.")]
    public string Text { get; set; } = "";

    [Display(Name = "Åpner (dato)")]
    [Required(ErrorMessage = "Skriv datoen utlysningen åpner.")]
    public DateOnly? OpensOn { get; set; }

    [Display(Name = "Åpner (klokkeslett)")]
    [Required(ErrorMessage = "Skriv klokkeslettet utlysningen åpner, for eksempel 09:00.")]
    [RegularExpression(TimePattern, ErrorMessage = "Skriv klokkeslettet som tt:mm, for eksempel 09:00.")]
    [StringLength(8, ErrorMessage = "Skriv klokkeslettet som tt:mm, for eksempel 09:00.")]
    public string OpensTime { get; set; } = "09:00";

    [Display(Name = "Frist (dato)")]
    [Required(ErrorMessage = "Skriv datoen for søknadsfristen.")]
    public DateOnly? ClosesOn { get; set; }

    [Display(Name = "Frist (klokkeslett)")]
    [Required(ErrorMessage = "Skriv klokkeslettet for fristen, for eksempel 12:00.")]
    [RegularExpression(TimePattern, ErrorMessage = "Skriv klokkeslettet som tt:mm, for eksempel 12:00.")]
    [StringLength(8, ErrorMessage = "Skriv klokkeslettet som tt:mm, for eksempel 12:00.")]
    public string ClosesTime { get; set; } = "12:00";

    [Display(Name = "Budsjettramme (kr)")]
    [Required(ErrorMessage = "Skriv budsjettrammen i hele kroner (0 hvis den ikke er kjent ennå).")]
    [Range(0, 10_000_000_000, ErrorMessage = "Budsjettrammen må være mellom 0 og 10 milliarder kroner.")]
    public long? BudgetFrame { get; set; }

    public List<CriterionRow> Criteria { get; set; } = [];
    public List<QuestionRow> Questions { get; set; } = [];

    /// <summary>Units besides the district directors that get the invitation.</summary>
    public List<Guid> InvitedUnits { get; set; } = [];

    public sealed class CriterionRow
    {
        public Guid? Id { get; set; }

        [Display(Name = "Kriterium")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
        public string? Name { get; set; }

        [Display(Name = "Beskrivelse")]
        [StringLength(1000, ErrorMessage = "Beskrivelsen kan ha høyst 1000 tegn.")]
        public string? Description { get; set; }

        [Display(Name = "Vekt (%)")]
        [Range(1, 100, ErrorMessage = "Vekten må være et helt tall fra 1 til 100.")]
        public int? Weight { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Description) && Weight is null;
    }

    public sealed class QuestionRow
    {
        public Guid? Id { get; set; }

        [Display(Name = "Spørsmål")]
        [StringLength(300, ErrorMessage = "Spørsmålet kan ha høyst 300 tegn.")]
        public string? Text { get; set; }

        /// <summary>"yes" or "no": the answer that makes the application ineligible.</summary>
        [RegularExpression("^(yes|no)$", ErrorMessage = "Velg hvilket svar som utelukker søknaden.")]
        [StringLength(3, ErrorMessage = "Velg hvilket svar som utelukker søknaden.")]
        public string DisqualifyingAnswer { get; set; } = "yes";

        [Display(Name = "Forklaring til søkeren")]
        [StringLength(500, ErrorMessage = "Forklaringen kan ha høyst 500 tegn.")]
        public string? Explanation { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Explanation);
    }

    private const string TimePattern = @"^\s*([01]?[0-9]|2[0-3])[:.][0-5][0-9]\s*$";

    [GeneratedRegex(@"^\s*([0-9]{1,2})[:.]([0-9]{2})\s*$")]
    private static partial Regex TimeParts();

    public static TimeOnly? ParseTime(string text) =>
        TimeParts().Match(text ?? "") is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var h and < 24
            && int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var min and < 60
            ? new TimeOnly(h, min) : null;

    public static CallForm From(Call call)
    {
        var opens = Format.ToOslo(call.OpensAt);
        var closes = Format.ToOslo(call.ClosesAt);
        return new CallForm
        {
            Version = call.Version,
            ProgrammeId = call.ProgrammeId,
            Year = call.Year,
            Title = call.Title,
            Text = call.Text,
            OpensOn = DateOnly.FromDateTime(opens),
            OpensTime = opens.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture),
            ClosesOn = DateOnly.FromDateTime(closes),
            ClosesTime = closes.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture),
            BudgetFrame = call.BudgetFrame,
            Criteria = [.. call.Criteria.OrderBy(c => c.SortOrder).Select(c => new CriterionRow { Id = c.Id, Name = c.Name, Description = c.Description, Weight = c.Weight })],
            Questions = [.. call.Questions.OrderBy(q => q.SortOrder).Select(q => new QuestionRow { Id = q.Id, Text = q.Text, DisqualifyingAnswer = q.YesDisqualifies ? "yes" : "no", Explanation = q.Explanation })],
            InvitedUnits = [.. call.InvitedUnits.Select(u => u.OrganisationId)],
        };
    }

    /// <summary>Always a few blank rows to fill in.</summary>
    public void AddBlankRows()
    {
        Criteria.RemoveAll(c => c.IsBlank);
        Questions.RemoveAll(q => q.IsBlank);
        for (var i = 0; i < BlankRows; i++)
        {
            Criteria.Add(new CriterionRow());
            Questions.Add(new QuestionRow());
        }
    }

    /// <summary>Checks what attributes cannot, adding errors under the form's field names; then copies the input onto the
    /// call (rows matched by id so that unchanged rows keep theirs).</summary>
    public bool TryApply(Call call, ModelStateDictionary state, Func<string, string> l)
    {
        var opens = ParseTime(OpensTime) is { } ot && OpensOn is { } od ? Format.OsloToUtc(od, ot) : null;
        var closes = ParseTime(ClosesTime) is { } ct && ClosesOn is { } cd ? Format.OsloToUtc(cd, ct) : null;
        if (state.IsValid && opens is null)
        {
            state.AddModelError("Input.OpensTime", l("Klokkeslettet finnes ikke den dagen (klokka stilles fram). Velg et annet."));
        }
        if (state.IsValid && closes is null)
        {
            state.AddModelError("Input.ClosesTime", l("Klokkeslettet finnes ikke den dagen (klokka stilles fram). Velg et annet."));
        }
        for (var i = 0; i < Criteria.Count; i++)
        {
            var row = Criteria[i];
            if (!row.IsBlank && string.IsNullOrWhiteSpace(row.Name))
            {
                state.AddModelError($"Input.Criteria[{i}].Name", l("Skriv navnet på kriteriet, eller tøm raden."));
            }
            if (!row.IsBlank && row.Weight is null)
            {
                state.AddModelError($"Input.Criteria[{i}].Weight", l("Skriv vekten (1–100), eller tøm raden."));
            }
        }
        for (var i = 0; i < Questions.Count; i++)
        {
            var row = Questions[i];
            if (!row.IsBlank && string.IsNullOrWhiteSpace(row.Text))
            {
                state.AddModelError($"Input.Questions[{i}].Text", l("Skriv spørsmålet, eller tøm raden."));
            }
            if (!row.IsBlank && string.IsNullOrWhiteSpace(row.Explanation))
            {
                state.AddModelError($"Input.Questions[{i}].Explanation", l("Skriv hva søkeren får vite når svaret utelukker søknaden."));
            }
        }
        if (Criteria.Where(c => c.Id is not null).GroupBy(c => c.Id).Any(g => g.Count() > 1)
            || Questions.Where(q => q.Id is not null).GroupBy(q => q.Id).Any(g => g.Count() > 1))
        {
            state.AddModelError("", l("Skjemaet var utdatert. Last siden på nytt og prøv igjen."));
        }
        if (!state.IsValid)
        {
            return false;
        }
        call.Year = Year!.Value;
        call.Title = Title.Trim();
        call.Text = Text.Trim();
        call.OpensAt = opens!.Value;
        call.ClosesAt = closes!.Value;
        call.BudgetFrame = BudgetFrame!.Value;
        var criteria = Criteria.Where(c => !c.IsBlank).ToList();
        call.Criteria.RemoveAll(c => !criteria.Any(r => r.Id == c.Id));
        for (var i = 0; i < criteria.Count; i++)
        {
            var row = criteria[i];
            var criterion = call.Criteria.FirstOrDefault(c => c.Id == row.Id);
            if (criterion is null)
            {
                criterion = new CallCriterion { Id = Guid.CreateVersion7(), CallId = call.Id };
                call.Criteria.Add(criterion);
            }
            criterion.Name = row.Name!.Trim();
            criterion.Description = string.IsNullOrWhiteSpace(row.Description) ? null : row.Description.Trim();
            criterion.Weight = row.Weight!.Value;
            criterion.SortOrder = i;
        }
        var questions = Questions.Where(q => !q.IsBlank).ToList();
        call.Questions.RemoveAll(q => !questions.Any(r => r.Id == q.Id));
        for (var i = 0; i < questions.Count; i++)
        {
            var row = questions[i];
            var question = call.Questions.FirstOrDefault(q => q.Id == row.Id);
            if (question is null)
            {
                question = new EligibilityQuestion { Id = Guid.CreateVersion7(), CallId = call.Id };
                call.Questions.Add(question);
            }
            question.Text = row.Text!.Trim();
            question.YesDisqualifies = row.DisqualifyingAnswer == "yes";
            question.Explanation = row.Explanation!.Trim();
            question.SortOrder = i;
        }
        var units = InvitedUnits.Distinct().ToList();
        call.InvitedUnits.RemoveAll(u => !units.Contains(u.OrganisationId));
        call.InvitedUnits.AddRange(units.Where(u => !call.InvitedUnits.Any(x => x.OrganisationId == u)).Select(u => new CallInvitedUnit { CallId = call.Id, OrganisationId = u }));
        return true;
    }
}
