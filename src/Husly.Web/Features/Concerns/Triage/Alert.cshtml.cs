using System.ComponentModel.DataAnnotations;
using Husly.Common;
using Husly.Features.Concerns.Access;
using Husly.Features.Concerns.Rent;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Concerns.Triage;

/// <summary>One rent alert: what the ledger showed, and closing it with what came of it.</summary>
public sealed class AlertModel(RentAlerts alerts, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class CloseInput
    {
        [Display(Name = "Utfall")]
        [Required(ErrorMessage = "Velg hva som kom ut av varselet.")]
        public RentAlertOutcome? Outcome { get; set; }

        [Display(Name = "Merknad")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        public string? OutcomeNote { get; set; }
    }

    [FromRoute]
    public Guid Id { get; set; }

    public RentAlert Alert { get; private set; } = null!;

    public CloseInput Close { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await alerts.OpenAsync(Id, ct) is { } alert ? Show(alert) : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(Guid? version, [Bind(Prefix = "Close")] CloseInput input, CancellationToken ct)
    {
        Close = input;
        if (ModelState.IsValid)
        {
            var result = await alerts.CloseAsync(Id, version ?? Guid.Empty, input.Outcome!.Value, string.IsNullOrWhiteSpace(input.OutcomeNote) ? null : input.OutcomeNote.Trim(), ct);
            if (result.Status == ChangeStatus.NotFound)
            {
                return NotFound();
            }
            if (result.IsDone)
            {
                TempData.Flash(l["Varselet er lukket med utfall."]);
                return Redirect("/concerns/alerts/" + Id);
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field == "" ? "" : "Close." + error.Field, l[error.Message]);
            }
        }
        if (await alerts.OpenAsync(Id, ct) is not { } alert)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Show(alert);
    }

    private PageResult Show(RentAlert alert)
    {
        Alert = alert;
        return Page();
    }
}
