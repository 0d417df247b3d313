using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Projects;

/// <summary>A project's page, and the small forms on it: phase, partners, funding, impacts, archive.</summary>
public sealed class DetailsModel(
    HuslyDbContext db, IAuthorizationService authorization, PortfolioLookups lookups, ChangeHistory history,
    IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public Project Project { get; private set; } = null!;
    public List<HistoryRow> History { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanArchive { get; private set; }
    public List<SelectListItem> Organisations { get; private set; } = [];

    public PhaseInput Phase { get; set; } = new();
    public PartnerInput Partner { get; set; } = new();
    public FundingInput Funding { get; set; } = new();
    public ImpactInput Impact { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id);

    public async Task<IActionResult> OnPostChangePhaseAsync(Guid id, [Bind(Prefix = "Phase")] PhaseInput input)
    {
        Phase = input;
        return await ChangeAsync(id, ProjectOperations.Edit, input.Version, project =>
        {
            var error = project.ChangePhase(input.Phase!.Value, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
                User.DisplayName(), clock.GetUtcNow().UtcDateTime);
            if (error is not null)
            {
                ModelState.AddModelError("Phase.Phase", l[error.Message]);
            }
            return l["Fasen er endret."].Value;
        });
    }

    public async Task<IActionResult> OnPostAddPartnerAsync(Guid id, [Bind(Prefix = "Partner")] PartnerInput input)
    {
        Partner = input;
        if (ModelState.IsValid && !await db.Organisations.AnyAsync(o => o.Id == input.OrganisationId))
        {
            ModelState.AddModelError("Partner.OrganisationId", l["Organisasjonen finnes ikke."]);
        }
        return await ChangeAsync(id, ProjectOperations.Edit, null, project =>
        {
            if (project.Partners.Any(p => p.OrganisationId == input.OrganisationId))
            {
                ModelState.AddModelError("Partner.OrganisationId", l["Organisasjonen er allerede partner i prosjektet."]);
            }
            project.Partners.Add(new ProjectPartner
            {
                Id = Guid.CreateVersion7(),
                ProjectId = project.Id,
                OrganisationId = input.OrganisationId!.Value,
                Role = input.Role.Trim(),
            });
            return l["Partneren er lagt til."].Value;
        });
    }

    public async Task<IActionResult> OnPostRemovePartnerAsync(Guid id, Guid partnerId) =>
        await ChangeAsync(id, ProjectOperations.Edit, null, project =>
            RemoveChild(project.Partners, p => p.Id == partnerId) ? l["Partneren er fjernet."].Value : null);

    public async Task<IActionResult> OnPostAddFundingAsync(Guid id, [Bind(Prefix = "Funding")] FundingInput input)
    {
        Funding = input;
        return await ChangeAsync(id, ProjectOperations.Edit, null, project =>
        {
            project.Funding.Add(new ProjectFunding
            {
                Id = Guid.CreateVersion7(),
                ProjectId = project.Id,
                Year = input.Year!.Value,
                Source = input.Source!.Value,
                SourceName = input.SourceName.Trim(),
                AmountNok = input.AmountNok!.Value,
            });
            return l["Finansieringen er lagt til."].Value;
        });
    }

    public async Task<IActionResult> OnPostRemoveFundingAsync(Guid id, Guid fundingId) =>
        await ChangeAsync(id, ProjectOperations.Edit, null, project =>
            RemoveChild(project.Funding, f => f.Id == fundingId) ? l["Finansieringen er fjernet."].Value : null);

    public async Task<IActionResult> OnPostAddImpactAsync(Guid id, [Bind(Prefix = "Impact")] ImpactInput input)
    {
        Impact = input;
        return await ChangeAsync(id, ProjectOperations.Edit, null, project =>
        {
            project.Impacts.Add(new ProjectImpact
            {
                Id = Guid.CreateVersion7(),
                ProjectId = project.Id,
                Kind = input.Kind!.Value,
                Realisation = input.Realisation!.Value,
                Description = input.Description.Trim(),
            });
            return l["Virkningen er lagt til."].Value;
        });
    }

    public async Task<IActionResult> OnPostRemoveImpactAsync(Guid id, Guid impactId) =>
        await ChangeAsync(id, ProjectOperations.Edit, null, project =>
            RemoveChild(project.Impacts, i => i.Id == impactId) ? l["Virkningen er fjernet."].Value : null);

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, Guid version) =>
        await ChangeAsync(id, ProjectOperations.Archive, version, project =>
        {
            var error = project.Archive(clock.GetUtcNow().UtcDateTime);
            if (error is not null)
            {
                ModelState.AddModelError("", l[error.Message]);
            }
            return l["Prosjektet er arkivert. Det vises ikke lenger i prosjektlisten, men kan hentes fram igjen."].Value;
        }, allowArchived: true);

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, Guid version) =>
        await ChangeAsync(id, ProjectOperations.Archive, version, project =>
        {
            project.Restore();
            return l["Prosjektet er hentet fram fra arkivet."].Value;
        }, allowArchived: true);

    /// <summary>Loads the project for a change, authorizes, applies it, and saves, or re-renders the page with the
    /// errors and the user's input. A non-null version must match the stored one (concurrent edit).</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation,
        Guid? version, Func<Project, string?> change, bool allowArchived = false)
    {
        var project = await db.Projects.AsSplitQuery().Include(p => p.Partners).Include(p => p.Funding).Include(p => p.Impacts)
            .FirstOrDefaultAsync(p => p.Id == id);
        if (project is null || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, project.Scope(), operation)).Succeeded)
        {
            return Forbid();
        }
        if (project.IsArchived && !allowArchived)
        {
            ModelState.AddModelError("", l["Prosjektet er arkivert og kan ikke endres. Hent det fram fra arkivet først."]);
        }
        if (version is { } v && v != project.Version)
        {
            ModelState.AddModelError("", l["Noen andre har endret prosjektet i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
        }
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            return await ShowAsync(id, unprocessable: true);
        }
        if (version is { } expected)
        {
            db.Entry(project).Property(p => p.Version).OriginalValue = expected;
        }
        var message = change(project);
        if (!ModelState.IsValid || message is null)
        {
            if (message is null)
            {
                ModelState.AddModelError("", l["Raden finnes ikke lenger. Kanskje noen andre har fjernet den."]);
            }
            db.ChangeTracker.Clear();
            return await ShowAsync(id, unprocessable: true);
        }
        // A change to a child row is a change to the project: renew its version so open edit forms see it.
        db.Entry(project).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["Noen andre har endret prosjektet i mellomtiden. Ingenting er lagret. Se gjennom siden og prøv igjen."]);
            return await ShowAsync(id, unprocessable: true);
        }
        TempData.Flash(message);
        return RedirectToPage("Details", new { id });
    }

    private bool RemoveChild<T>(List<T> rows, Func<T, bool> match) where T : class
    {
        var row = rows.FirstOrDefault(match);
        if (row is null)
        {
            return false;
        }
        rows.Remove(row);
        db.Remove(row);
        return true;
    }

    /// <summary>The final report, once the project is closed.</summary>
    public ProjectClosing? Closing { get; private set; }
    public string? TakenOverBy { get; private set; }

    private async Task<IActionResult> ShowAsync(Guid id, bool unprocessable = false)
    {
        var project = await db.Projects.AsNoTracking().AsSplitQuery()
            .Include(p => p.Programme).Include(p => p.LeadUnit).Include(p => p.ProjectLead)
            .Include(p => p.CoDistricts).ThenInclude(d => d.District)
            .Include(p => p.TargetGroups).ThenInclude(t => t.TargetGroup)
            .Include(p => p.Partners).ThenInclude(p => p.Organisation)
            .Include(p => p.Funding).Include(p => p.Impacts).Include(p => p.PhaseChanges)
            .FirstOrDefaultAsync(p => p.Id == id);
        // "Not yours" answers the same as "does not exist".
        if (project is null || !(await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Read)).Succeeded)
        {
            return NotFound();
        }
        Project = project;
        CanEdit = !project.IsArchived && (await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Edit)).Succeeded;
        CanArchive = (await authorization.AuthorizeAsync(User, project.Scope(), ProjectOperations.Archive)).Succeeded;
        History = await history.ForAsync(nameof(Projects.Project), id, take: 10);
        Closing = await db.ProjectClosings.AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == id);
        if (Closing?.TakenOverById is { } unit)
        {
            TakenOverBy = await db.Organisations.AsNoTracking().Where(o => o.Id == unit).Select(o => o.Name).FirstOrDefaultAsync();
        }
        if (CanEdit)
        {
            Organisations = await lookups.OrganisationsAsync();
        }
        if (Phase.Version == Guid.Empty || unprocessable)
        {
            Phase.Version = project.Version;
        }
        if (unprocessable)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    public sealed class PhaseInput
    {
        [Required(ErrorMessage = "Velg ny fase.")]
        [Display(Name = "Ny fase")]
        public InnovationPhase? Phase { get; set; }

        [StringLength(2000, ErrorMessage = "Notatet kan ha høyst {1} tegn.")]
        [Display(Name = "Begrunnelse")]
        public string? Note { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class PartnerInput
    {
        [Required(ErrorMessage = "Velg organisasjon.")]
        [Display(Name = "Organisasjon")]
        public Guid? OrganisationId { get; set; }

        [Required(ErrorMessage = "Beskriv partnerens rolle.")]
        [StringLength(400, ErrorMessage = "Rollen kan ha høyst {1} tegn.")]
        [Display(Name = "Rolle i prosjektet")]
        public string Role { get; set; } = "";
    }

    public sealed class FundingInput
    {
        [Required(ErrorMessage = "Skriv inn år.")]
        [Range(2000, 2100, ErrorMessage = "Året må være mellom {1} og {2}.")]
        [Display(Name = "År")]
        public int? Year { get; set; }

        [Required(ErrorMessage = "Velg type finansiering.")]
        [Display(Name = "Type")]
        public FundingSource? Source { get; set; }

        [Required(ErrorMessage = "Skriv inn hvem pengene kommer fra.")]
        [StringLength(400, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Kilde")]
        public string SourceName { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn beløpet i hele kroner.")]
        [Range(0, 10_000_000_000, ErrorMessage = "Beløpet må være mellom 0 og 10 milliarder kroner.")]
        [Display(Name = "Beløp (kr)")]
        public long? AmountNok { get; set; }
    }

    public sealed class ImpactInput
    {
        [Required(ErrorMessage = "Velg virkning eller effekt.")]
        [Display(Name = "Type")]
        public ImpactKind? Kind { get; set; }

        [Required(ErrorMessage = "Velg om den er realisert eller forventet.")]
        [Display(Name = "Realisert eller forventet")]
        public Realisation? Realisation { get; set; }

        [Required(ErrorMessage = "Beskriv virkningen eller effekten.")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Beskrivelse")]
        public string Description { get; set; } = "";
    }
}
