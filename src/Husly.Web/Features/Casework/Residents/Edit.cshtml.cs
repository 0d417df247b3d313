using System.ComponentModel.DataAnnotations;
using Husly.Features.Casework.Access;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Casework.Residents;

/// <summary>Corrects a resident's name and contact details, with the resident's own change history and a check that
/// nobody else changed the record in the meantime. The identity number and address protection are not edited here.</summary>
public sealed class EditModel(CaseFiles files, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ContactInput
    {
        [Required(ErrorMessage = "Skriv inn fornavn.")]
        [StringLength(100, ErrorMessage = "Fornavnet kan ha høyst {1} tegn.")]
        [Display(Name = "Fornavn")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn etternavn.")]
        [StringLength(100, ErrorMessage = "Etternavnet kan ha høyst {1} tegn.")]
        [Display(Name = "Etternavn")]
        public string LastName { get; set; } = "";

        [StringLength(30, ErrorMessage = "Telefonnummeret kan ha høyst {1} tegn.")]
        [Phone(ErrorMessage = "Skriv inn et gyldig telefonnummer.")]
        [Display(Name = "Telefon")]
        public string? Phone { get; set; }

        [StringLength(200, ErrorMessage = "E-postadressen kan ha høyst {1} tegn.")]
        [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
        [Display(Name = "E-post")]
        public string? Email { get; set; }

        [StringLength(300, ErrorMessage = "Adressen kan ha høyst {1} tegn.")]
        [Display(Name = "Adresse")]
        public string? Address { get; set; }

        public Guid Version { get; set; }
    }

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public CaseFile CaseFile { get; private set; } = null!;
    public IReadOnlyList<ResidentChange> Changes { get; private set; } = [];

    /// <summary>The stored values when someone else saved first, shown beside the user's input.</summary>
    public Resident? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id, AccessActions.View) is { } refused)
        {
            return refused;
        }
        var r = CaseFile.Resident;
        Input = new ContactInput { FirstName = r.FirstName, LastName = r.LastName, Phone = r.Phone, Email = r.Email, Address = r.Address, Version = r.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await OpenAsync(id, AccessActions.Change) is { } refused)
        {
            return refused;
        }
        var resident = CaseFile.Resident;
        if (ModelState.IsValid && Input.Version != resident.Version)
        {
            Conflict = resident;
            ModelState.AddModelError("", l["Noen andre har endret opplysningene mens du redigerte. Ingenting er lagret. Se de lagrede verdiene og lagre igjen hvis dine skal gjelde."]);
            Input.Version = resident.Version;
        }
        if (ModelState.IsValid)
        {
            CaseFile.ExpectVersion(resident, Input.Version);
            var changes = resident.Correct(Input.FirstName, Input.LastName, Input.Phone, Input.Email, Input.Address);
            if (changes.Count == 0)
            {
                TempData.Flash(l["Ingen endringer å lagre."]);
                return Redirect($"/casework/residents/details/{id}");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var (field, old, value) in changes)
            {
                CaseFile.Add(new ResidentChange { Id = Guid.CreateVersion7(), ResidentId = id, Field = field, OldValue = old, NewValue = value, ChangedAt = now, ChangedBy = User.DisplayName() });
            }
            if (await CaseFile.TrySaveAsync(HttpContext.RequestAborted))
            {
                TempData.Flash(l["Opplysningene er lagret."]);
                return Redirect($"/casework/residents/details/{id}");
            }
            CaseFile.Discard();
            await OpenAsync(id, AccessActions.View);
            Conflict = CaseFile.Resident;
            Input.Version = Conflict.Version;
            ModelState.AddModelError("", l["Noen andre har endret opplysningene mens du redigerte. Ingenting er lagret. Se de lagrede verdiene og lagre igjen hvis dine skal gjelde."]);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Opens the case file (logged); not found and not allowed answer alike, and a read-only file cannot be edited.</summary>
    private async Task<IActionResult?> OpenAsync(Guid id, string action)
    {
        var file = await files.OpenAsync(id, action, CaseFileParts.None, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        if (!file.CanChange)
        {
            return Forbid();
        }
        CaseFile = file;
        Changes = await file.ChangesAsync(HttpContext.RequestAborted);
        return null;
    }
}
