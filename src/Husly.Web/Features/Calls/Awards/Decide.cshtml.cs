using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Husly.Features.Calls.Applications;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Shared;
using Husly.Platform.Auth;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Calls.Awards;

/// <summary>
/// The programme manager decides on a submitted application. An award may be less than applied for; it can never take
/// the call over its budget frame — the call's running total is changed in the same save, so two awards at the same moment
/// cannot both pass. The award creates the project (or funds the one the application continues) through Portfolio, and
/// the decision letter is mailed to the applicants.
/// </summary>
public sealed class DecideModel(HuslyDbContext db, ApplicationAccess access, FundedProjects projects, DecisionLetter letters,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public Guid Version { get; set; }

        [Display(Name = "Vedtak")]
        [Required(ErrorMessage = "Velg vedtak.")]
        public DecisionOutcome? Outcome { get; set; }

        [Display(Name = "Beløp som tildeles (kr)")]
        [Range(typeof(long), "1", "1000000000", ErrorMessage = "Beløpet må være mellom 1 krone og 1 milliard kroner.")]
        public long? Amount { get; set; }

        [Display(Name = "Vilkår")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
        public string? Conditions { get; set; }

        [Display(Name = "Statusrapporter skal leveres (én dato per linje)")]
        [StringLength(2000, ErrorMessage = "Teksten kan ha høyst 2000 tegn.")]
        public string? ReportDates { get; set; }

        [Display(Name = "Begrunnelse, eller hva mer som trengs")]
        [StringLength(4000, ErrorMessage = "Teksten kan ha høyst 4000 tegn.")]
        public string? Reason { get; set; }

        [Display(Name = "Frist for mer informasjon")]
        public DateOnly? InformationDueOn { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OpenApplication Open { get; private set; } = null!;
    public long AwardedSoFar { get; private set; }
    public List<FundingDecision> Earlier { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        var year = Open.Application.Budget.Select(b => b.Year).DefaultIfEmpty(Open.Call.Year).Min();
        Input = new InputModel
        {
            Version = Open.Application.Version,
            Amount = Open.Application.AmountApplied,
            ReportDates = string.Join('\n', new[] { new DateOnly(year, 6, 30), new DateOnly(year, 12, 31) }.Select(d => Format.Date(d))),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refusal)
        {
            return refusal;
        }
        var a = Open.Application;
        var reportDates = ParseDates(Input.ReportDates);
        var today = DateOnly.FromDateTime(Format.ToOslo(clock.GetUtcNow().UtcDateTime));
        switch (Input.Outcome)
        {
            case DecisionOutcome.Awarded:
                if (a.Stage != ApplicationStage.SecondAssessment && Open.Flow.FirstOrDefault(s => s.Stage == ApplicationStage.SecondAssessment) is { } round)
                {
                    ModelState.AddModelError("Input.Outcome", l["Programmet bruker «{0}»: ta søknaden med dit før den kan tildeles midler.", round.Name]);
                }
                if (Input.Amount is null)
                {
                    ModelState.AddModelError("Input.Amount", l["Skriv beløpet som tildeles."]);
                }
                else if (Input.Amount > a.AmountApplied)
                {
                    ModelState.AddModelError("Input.Amount", l["Det kan ikke tildeles mer enn det er søkt om ({0}).", Format.Nok(a.AmountApplied)]);
                }
                if (reportDates is null)
                {
                    ModelState.AddModelError("Input.ReportDates", l["Skriv én dato per linje, for eksempel 30.06.2027."]);
                }
                else if (reportDates.Count == 0)
                {
                    ModelState.AddModelError("Input.ReportDates", l["Sett minst én dato for statusrapport."]);
                }
                break;
            case DecisionOutcome.Rejected:
                if (string.IsNullOrWhiteSpace(Input.Reason))
                {
                    ModelState.AddModelError("Input.Reason", l["Skriv begrunnelsen for avslaget. Den står i brevet til søkerne."]);
                }
                break;
            case DecisionOutcome.MoreInformation:
                if (string.IsNullOrWhiteSpace(Input.Reason))
                {
                    ModelState.AddModelError("Input.Reason", l["Skriv hva søkerne må sende."]);
                }
                if (Input.InformationDueOn is not { } due || due <= today)
                {
                    ModelState.AddModelError("Input.InformationDueOn", l["Sett en frist etter i dag."]);
                }
                break;
            case null:
                break;
            default:
                ModelState.AddModelError("Input.Outcome", l["Velg vedtak."]);
                break;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Input.Version != a.Version)
        {
            ModelState.AddModelError("", l["Søknaden er endret siden du åpnet den. Se over den og prøv igjen."]);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var application = await db.Applications.Include(x => x.TargetGroups).Include(x => x.Units).Include(x => x.Budget).Include(x => x.Members).AsSplitQuery().FirstAsync(x => x.Id == id);
        db.Entry(application).Property(x => x.Version).OriginalValue = Input.Version;
        db.Entry(application).State = EntityState.Modified;
        var decision = new FundingDecision
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = id,
            Outcome = Input.Outcome!.Value,
            DecidedAt = now,
            DecidedBy = User.DisplayName(),
            Reason = string.IsNullOrWhiteSpace(Input.Reason) ? null : Input.Reason.Trim(),
        };
        if (decision.Outcome == DecisionOutcome.Awarded)
        {
            var call = await db.Calls.FirstAsync(c => c.Id == application.CallId);
            if (call.AwardedTotal + Input.Amount!.Value > call.BudgetFrame)
            {
                ModelState.AddModelError("Input.Amount", l["Tildelingen ville tatt utlysningen over budsjettrammen: {0} av {1} er tildelt, {2} er igjen.",
                    Format.Nok(call.AwardedTotal), Format.Nok(call.BudgetFrame), Format.Nok(Math.Max(0, call.BudgetFrame - call.AwardedTotal))]);
                AwardedSoFar = call.AwardedTotal;
                return Page();
            }
            call.AwardedTotal += Input.Amount.Value;
            decision.Amount = Input.Amount;
            decision.Conditions = string.IsNullOrWhiteSpace(Input.Conditions) ? null : Input.Conditions.Trim();
            decision.Reports = [.. reportDates!.Order().Select(d => new ReportDue { Id = Guid.CreateVersion7(), DecisionId = decision.Id, DueOn = d })];
            var years = application.Budget.Select(b => b.Year).DefaultIfEmpty(call.Year).ToList();
            var project = await projects.FundAsync(new FundedProject(call.ProgrammeId, application.LeadUnitId, application.Title, application.Challenge, application.UserInvolvement,
                new DateOnly(years.Min(), 1, 1), new DateOnly(years.Max(), 12, 31),
                [.. application.Units.Where(u => u.Kind == ApplicationUnitKind.CoDistrict).Select(u => u.OrganisationId)],
                [.. application.TargetGroups.Select(t => t.TargetGroupId)],
                [.. application.Units.Where(u => u.Kind == ApplicationUnitKind.Partner).Select(u => u.OrganisationId)],
                years.Min(), decision.Amount.Value, call.Title, application.OwnContribution,
                application.Members.FirstOrDefault(m => m.Role == MemberRole.Owner)?.UserId,
                [.. decision.Reports.Select(r => r.DueOn)]), application.ContinuesProjectId);
            decision.ProjectId = project.Id;
            application.Stage = ApplicationStage.Decided;
        }
        else if (decision.Outcome == DecisionOutcome.Rejected)
        {
            application.Stage = ApplicationStage.Decided;
        }
        else
        {
            decision.InformationDueOn = Input.InformationDueOn;
            application.Stage = ApplicationStage.Draft;
            application.InformationDueAt = Format.OsloToUtc(Input.InformationDueOn!.Value.AddDays(1), TimeOnly.MinValue);
        }
        db.FundingDecisions.Add(decision);
        db.ApplicationEvents.Add(new ApplicationEvent { Id = Guid.CreateVersion7(), ApplicationId = id, At = now, By = User.DisplayName(), What = Format.EnumName(decision.Outcome) });
        await letters.QueueAsync(application, Open.Call, decision);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["Noen andre fattet et vedtak i samme utlysning samtidig. Ingenting er lagret. Se over tallene og prøv igjen."]);
            await OpenAsync(id);
            return Page();
        }
        TempData.Flash(l["Vedtaket er lagret og brevet er sendt til søkerne."]);
        return Redirect($"/applications/{id}/letter");
    }

    /// <summary>Dates one per line (or separated by commas), as Norwegians write them; null if any cannot be read.</summary>
    public static List<DateOnly>? ParseDates(string? text)
    {
        var dates = new List<DateOnly>();
        foreach (var part in (text ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Husly.Platform.Forms.DateOnlyModelBinder.TryRead(part, out var date))
            {
                return null;
            }
            dates.Add(date);
        }
        return [.. dates.Distinct()];
    }

    private async Task<IActionResult?> OpenAsync(Guid id)
    {
        var open = await access.OpenAsync(User, id);
        if (open is null)
        {
            return NotFound();
        }
        if (!open.Viewer.IsManager)
        {
            return Forbid();
        }
        Open = open;
        Earlier = await db.FundingDecisions.AsNoTracking().Where(d => d.ApplicationId == id).OrderBy(d => d.DecidedAt).ToListAsync();
        AwardedSoFar = await db.Calls.Where(c => c.Id == open.Call.Id).Select(c => c.AwardedTotal).SingleAsync();
        if (open.Application.Stage is not (ApplicationStage.Submitted or ApplicationStage.InAssessment or ApplicationStage.SecondAssessment))
        {
            ModelState.AddModelError("", l["Søknaden er ikke klar for vedtak. Den må være sendt inn, og det kan ikke være fattet et endelig vedtak."]);
            if (HttpMethods.IsPost(Request.Method))
            {
                return Page();
            }
        }
        return null;
    }
}
