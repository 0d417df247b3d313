using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio.Programmes;

/// <summary>A programme's focus areas (with strategies and measures) and its organisation (groups and named members),
/// edited by those who may edit the programme. Every addition and removal is in the programme's change history.</summary>
public sealed class StructureModel(HuslyDbContext db, IAuthorizationService authorization, OrganisationLookups organisations, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public sealed class FocusAreaInput
    {
        [Required(ErrorMessage = "Skriv inn navnet på satsingsområdet.")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
        [Display(Name = "Satsingsområde")]
        public string? Title { get; set; }

        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Beskrivelse")]
        public string? Description { get; set; }
    }

    public sealed class ItemInput
    {
        public Guid FocusAreaId { get; set; }

        [Required(ErrorMessage = "Velg strategi eller tiltak.")]
        [Display(Name = "Type")]
        public FocusAreaItemKind? Kind { get; set; }

        [Display(Name = "Merking (for tiltak)")]
        public MeasureTag? Tag { get; set; }

        [Required(ErrorMessage = "Skriv inn teksten.")]
        [StringLength(1000, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Tekst")]
        public string? Text { get; set; }
    }

    public sealed class GroupInput
    {
        [Required(ErrorMessage = "Velg type gruppe.")]
        [Display(Name = "Type gruppe")]
        public GroupKind? Kind { get; set; }

        [Required(ErrorMessage = "Skriv inn navnet på gruppen.")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
        [Display(Name = "Navn på gruppen")]
        public string? Name { get; set; }

        [Display(Name = "Bydel (for programgruppe i bydel)")]
        public Guid? DistrictId { get; set; }
    }

    public sealed class MemberInput
    {
        public Guid GroupId { get; set; }

        [Required(ErrorMessage = "Skriv inn navnet.")]
        [StringLength(200, ErrorMessage = "Navnet kan ha høyst {1} tegn.")]
        [Display(Name = "Navn")]
        public string? Name { get; set; }

        [StringLength(200, ErrorMessage = "Tittelen kan ha høyst {1} tegn.")]
        [Display(Name = "Stilling")]
        public string? Title { get; set; }

        [StringLength(200, ErrorMessage = "Teksten kan ha høyst {1} tegn.")]
        [Display(Name = "Virksomhet")]
        public string? OrganisationName { get; set; }

        [Display(Name = "Leder av gruppen")]
        public bool IsLead { get; set; }
    }

    public InnovationProgramme Programme { get; private set; } = null!;
    public FocusAreaInput FocusArea { get; set; } = new();
    public ItemInput Item { get; set; } = new();
    public GroupInput Group { get; set; } = new();
    public MemberInput Member { get; set; } = new();
    public List<SelectListItem> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostAddFocusAreaAsync(Guid id, [Bind(Prefix = "FocusArea")] FocusAreaInput input)
    {
        FocusArea = input;
        return ChangeAsync(id, p =>
        {
            var number = p.FocusAreas.Count == 0 ? 1 : p.FocusAreas.Max(f => f.Number) + 1;
            db.Add(new FocusArea { Id = Guid.CreateVersion7(), ProgrammeId = p.Id, Number = number, Title = input.Title!.Trim(), Description = Blank(input.Description) });
            return l["Satsingsområdet er lagt til."];
        });
    }

    public Task<IActionResult> OnPostRemoveFocusAreaAsync(Guid id, Guid focusAreaId) => ChangeAsync(id, p =>
    {
        if (p.FocusAreas.FirstOrDefault(f => f.Id == focusAreaId) is not { } area)
        {
            return null;
        }
        db.RemoveRange(area.Items);
        db.Remove(area);
        return l["Satsingsområdet er fjernet."];
    });

    public Task<IActionResult> OnPostAddItemAsync(Guid id, [Bind(Prefix = "Item")] ItemInput input)
    {
        Item = input;
        if (input.Kind == FocusAreaItemKind.Strategy && input.Tag is not null)
        {
            ModelState.AddModelError("Item.Tag", l["Bare tiltak merkes med framskaffelse eller opplæring."]);
        }
        return ChangeAsync(id, p =>
        {
            if (p.FocusAreas.FirstOrDefault(f => f.Id == input.FocusAreaId) is not { } area)
            {
                return null;
            }
            var order = area.Items.Count == 0 ? 0 : area.Items.Max(i => i.SortOrder) + 1;
            db.Add(new FocusAreaItem { Id = Guid.CreateVersion7(), FocusAreaId = area.Id, FocusArea = area, Kind = input.Kind!.Value, Tag = input.Tag, Text = input.Text!.Trim(), SortOrder = order });
            return l["Lagt til under {0}.", area.Title];
        });
    }

    public Task<IActionResult> OnPostRemoveItemAsync(Guid id, Guid itemId) => ChangeAsync(id, p =>
    {
        if (p.FocusAreas.SelectMany(f => f.Items).FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return null;
        }
        db.Remove(item);
        return l["Fjernet."];
    });

    public async Task<IActionResult> OnPostAddGroupAsync(Guid id, [Bind(Prefix = "Group")] GroupInput input)
    {
        Group = input;
        if (input.Kind == GroupKind.DistrictProgrammeGroup && input.DistrictId is null)
        {
            ModelState.AddModelError("Group.DistrictId", l["Velg bydelen for en programgruppe i bydel."]);
        }
        else if (input.DistrictId is { } district && !await organisations.IsActiveAsync(district, u => u.Kind == OrganisationKind.District))
        {
            ModelState.AddModelError("Group.DistrictId", l["Velg en bydel i listen."]);
        }
        return await ChangeAsync(id, p =>
        {
            db.Add(new ProgrammeGroup { Id = Guid.CreateVersion7(), ProgrammeId = p.Id, Kind = input.Kind!.Value, Name = input.Name!.Trim(), DistrictId = input.DistrictId });
            return l["Gruppen er lagt til."];
        });
    }

    public Task<IActionResult> OnPostRemoveGroupAsync(Guid id, Guid groupId) => ChangeAsync(id, p =>
    {
        if (p.Groups.FirstOrDefault(g => g.Id == groupId) is not { } group)
        {
            return null;
        }
        db.RemoveRange(group.Members);
        db.Remove(group);
        return l["Gruppen er fjernet."];
    });

    public Task<IActionResult> OnPostAddMemberAsync(Guid id, [Bind(Prefix = "Member")] MemberInput input)
    {
        Member = input;
        return ChangeAsync(id, p =>
        {
            if (p.Groups.FirstOrDefault(g => g.Id == input.GroupId) is not { } group)
            {
                return null;
            }
            if (input.IsLead)
            {
                group.Members.ForEach(m => m.IsLead = false);
            }
            var order = group.Members.Count == 0 ? 0 : group.Members.Max(m => m.SortOrder) + 1;
            db.Add(new ProgrammeGroupMember
            {
                Id = Guid.CreateVersion7(),
                GroupId = group.Id,
                Group = group,
                Name = input.Name!.Trim(),
                Title = Blank(input.Title),
                OrganisationName = Blank(input.OrganisationName),
                IsLead = input.IsLead,
                SortOrder = order,
            });
            return l["{0} er lagt til i {1}.", input.Name!.Trim(), group.Name];
        });
    }

    public Task<IActionResult> OnPostRemoveMemberAsync(Guid id, Guid memberId) => ChangeAsync(id, p =>
    {
        if (p.Groups.SelectMany(g => g.Members).FirstOrDefault(m => m.Id == memberId) is not { } member)
        {
            return null;
        }
        db.Remove(member);
        return l["Fjernet."];
    });

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Loads the programme (404 if missing), checks the edit right (403: programmes are readable by everyone),
    /// applies the change and saves, or shows the page again with the user's input and the errors.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, Func<InnovationProgramme, string?> change)
    {
        if (await LoadAsync(id, tracked: true) is { } refused)
        {
            return refused;
        }
        var message = ModelState.IsValid ? change(Programme) : null;
        if (ModelState.IsValid && message is null)
        {
            ModelState.AddModelError("", l["Raden finnes ikke lenger. Kanskje noen andre har fjernet den."]);
        }
        if (ModelState.IsValid)
        {
            // A structure change renews the programme's version, so an edit form opened before it is told.
            db.Entry(Programme).State = EntityState.Modified;
            await db.SaveChangesAsync();
            TempData.Flash(message!);
            return RedirectToPage(new { id });
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, bool tracked = false)
    {
        var query = db.Programmes.AsSplitQuery().Include(p => p.FocusAreas).ThenInclude(f => f.Items)
            .Include(p => p.Groups).ThenInclude(g => g.Members).Include(p => p.Groups).ThenInclude(g => g.District);
        var programme = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id);
        if (programme is null)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, new ProgrammeScope(id), ProgrammeOperations.Edit)).Succeeded)
        {
            return Forbid();
        }
        Programme = programme;
        Districts = await organisations.DistrictsAsync();
        return null;
    }
}
