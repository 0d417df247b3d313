using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Shared;
using Husly.Platform.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Decisions;

/// <summary>Writes a decision as a draft, or changes a draft. Deciding happens on the decision's own page.</summary>
public sealed class EditModel(CaseFiles files, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public const int ServiceRows = 6;

    public sealed class ServiceRow
    {
        [Display(Name = "Tjeneste")]
        public ServiceKind? Kind { get; set; }

        [StringLength(20, ErrorMessage = "Skriv timer per uke som et tall mellom 0,25 og 80.")]
        [Display(Name = "Timer per uke")]
        public string? Hours { get; set; }
    }

    public sealed class DecisionInput
    {
        [Required(ErrorMessage = "Velg hvilken oppfølging vedtaket gjelder.")]
        [Display(Name = "Oppfølging")]
        public Guid? EnrolmentId { get; set; }

        [Required(ErrorMessage = "Skriv inn fra hvilken dato vedtaket gjelder.")]
        [Display(Name = "Gjelder fra")]
        [Husly.Platform.Forms.PlausibleDate(20, 1)]
        public DateOnly? ValidFrom { get; set; }

        [Display(Name = "Gjelder til")]
        [Husly.Platform.Forms.PlausibleDate(20, 10)]
        public DateOnly? ValidTo { get; set; }

        [StringLength(4000, ErrorMessage = "Begrunnelsen kan ha høyst {1} tegn.")]
        [Display(Name = "Begrunnelse")]
        public string? Justification { get; set; }

        public List<ServiceRow> Services { get; set; } = [];

        public Guid Version { get; set; }
    }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public CaseFile CaseFile { get; private set; } = null!;
    public Decision? Existing { get; private set; }
    public List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Enrolments { get; private set; } = [];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(Guid residentId, Guid? decisionId, Guid? enrolment)
    {
        if (await LoadAsync(residentId, decisionId, AccessActions.View) is { } refused)
        {
            return refused;
        }
        Input = Existing is { } d
            ? new DecisionInput
            {
                EnrolmentId = d.EnrolmentId,
                ValidFrom = d.ValidFrom,
                ValidTo = d.ValidTo,
                Justification = d.Justification,
                Version = d.Version,
                Services = d.Services.Select(s => new ServiceRow { Kind = s.Kind, Hours = HoursText.Format(s.HoursPerWeek) }).ToList(),
            }
            : new DecisionInput { EnrolmentId = enrolment ?? OwnOpenEnrolments().FirstOrDefault()?.Id, ValidFrom = Today };
        PadServices();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid residentId, Guid? decisionId)
    {
        if (await LoadAsync(residentId, decisionId, AccessActions.Change) is { } refused)
        {
            return refused;
        }
        var services = ParseServices();
        var enrolment = OwnOpenEnrolments().FirstOrDefault(e => e.Id == Input.EnrolmentId);
        if (Input.EnrolmentId is not null && enrolment is null)
        {
            ModelState.AddModelError("Input.EnrolmentId", l["Velg en åpen oppfølging i din bydel."]);
        }
        if (ModelState.IsValid)
        {
            var decision = Existing ?? new Decision { Id = Guid.CreateVersion7(), Status = DecisionStatus.Draft };
            if (Existing is not null)
            {
                CaseFile.ExpectVersion(decision, Input.Version);
                foreach (var old in decision.Services.ToList())
                {
                    CaseFile.Remove(old);
                    decision.Services.Remove(old);
                }
                CaseFile.Touch(decision);
            }
            decision.EnrolmentId = enrolment!.Id;
            decision.ValidFrom = Input.ValidFrom!.Value;
            decision.ValidTo = Input.ValidTo;
            decision.Justification = Input.Justification?.Trim() ?? "";
            decision.Services.AddRange(services.Select(s => new DecisionService { Id = Guid.CreateVersion7(), DecisionId = decision.Id, Kind = s.Kind, HoursPerWeek = s.Hours }));
            foreach (var error in decision.Validate(enrolment.Start))
            {
                ModelState.AddModelError(error.Field, l[error.Message]);
            }
            if (ModelState.IsValid)
            {
                if (Existing is null)
                {
                    CaseFile.Add(decision);
                }
                if (await CaseFile.TrySaveAsync(HttpContext.RequestAborted))
                {
                    TempData.Flash(l["Utkastet til vedtak er lagret."]);
                    return Redirect($"/casework/residents/{residentId}/decisions/{decision.Id}");
                }
                ModelState.AddModelError("", l["Noen andre har endret vedtaket i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
            }
        }
        CaseFile.Discard();
        PadServices();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Blank rows are skipped; a row with only one of kind and hours is an error on that row.</summary>
    private List<(ServiceKind Kind, double Hours)> ParseServices()
    {
        var result = new List<(ServiceKind, double)>();
        for (var i = 0; i < Input.Services.Count; i++)
        {
            var row = Input.Services[i];
            if (row.Kind is null && string.IsNullOrWhiteSpace(row.Hours))
            {
                continue;
            }
            if (row.Kind is null)
            {
                ModelState.AddModelError($"Input.Services[{i}].Kind", l["Velg tjeneste for timene."]);
            }
            if (!HoursText.TryParse(row.Hours, out var hours) || hours < 0.25 || hours > 80)
            {
                ModelState.AddModelError($"Input.Services[{i}].Hours", l["Skriv timer per uke som et tall mellom 0,25 og 80."]);
            }
            else if (row.Kind is { } kind)
            {
                result.Add((kind, hours));
            }
        }
        return result;
    }

    private IEnumerable<Enrolment> OwnOpenEnrolments() => CaseFile.Enrolments.Where(CaseFile.MayChange);

    private async Task<IActionResult?> LoadAsync(Guid residentId, Guid? decisionId, string action)
    {
        var file = await files.OpenAsync(residentId, action, CaseFileParts.Decisions, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        CaseFile = file;
        if (decisionId is { } id)
        {
            Existing = file.Decisions.FirstOrDefault(d => d.Id == id);
            if (Existing is null)
            {
                return NotFound();
            }
            if (Existing.Status != DecisionStatus.Draft)
            {
                return Redirect($"/casework/residents/{residentId}/decisions/{id}");
            }
        }
        if (!file.CanChange || (Existing is not null && !file.MayChange(Existing.Enrolment!)))
        {
            return Forbid();
        }
        Enrolments = OwnOpenEnrolments()
            .Select(e => new Choice(e.Id, l.GetString("{0} i {1} fra {2}", l[Platform.Localization.Format.EnumName(e.Category)], e.District!.Name, Platform.Localization.Format.Date(e.Start))))
            .ToItems();
        return null;
    }

    private void PadServices()
    {
        while (Input.Services.Count < ServiceRows)
        {
            Input.Services.Add(new ServiceRow());
        }
    }
}
