using Husly.Features.Casework.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Features.Casework.Decisions;

/// <summary>The decision letter to the resident, for printing. It shows the full identity number, so it is logged as a print.</summary>
public sealed class PrintModel(CaseFiles files) : PageModel
{
    public CaseFile CaseFile { get; private set; } = null!;
    public Decision Decision { get; private set; } = null!;

    /// <summary>The letter's language: Bokmål unless English is asked for, whatever the worker's interface language.</summary>
    public bool English { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid residentId, Guid decisionId, [System.ComponentModel.DataAnnotations.StringLength(5)] string? language)
    {
        // A letter to a resident is written in Norwegian unless chosen otherwise: the worker's English interface must
        // not decide the language of a legal decision.
        // The culture itself is chosen by the request-localization provider for print pages (LocalizationModule).
        English = language == "en";
        var file = await files.OpenAsync(residentId, AccessActions.Print, CaseFileParts.Decisions, HttpContext.RequestAborted);
        var decision = file?.Decisions.FirstOrDefault(d => d.Id == decisionId);
        if (file is null || decision is null || decision.Status == DecisionStatus.Draft)
        {
            return NotFound();
        }
        CaseFile = file;
        Decision = decision;
        return Page();
    }
}
