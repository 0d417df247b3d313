using System.Net;
using System.Reflection;
using System.Text;
using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Residents;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auth;
using Husly.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Architecture;

/// <summary>Issue 8 §1 and §10, from the attacker's side: every POST handler the app has, found by reflection so a new one
/// is covered the day it is written, posted by every demo role with that role's own valid antiforgery token and a full,
/// valid-looking form, against ids in district Alna where no demo account works. Roles the handler is for are skipped;
/// every other answer must be a refusal (403 from a folder policy, else 404 — or a 422 "not found" for ids in the form),
/// never a success and never a 500, and nothing in Alna may change.</summary>
public sealed class HandlerRefusalTests(Apps apps)
{
    private sealed record Targets(Guid Resident, Guid Other, Guid Enrolment, Guid Draft, Guid DraftVersion, Guid Consent, Guid Link,
        Guid Transfer, Guid Duplicate, Guid DuplicateVersion, Guid Emergency, Guid Project, Guid ProjectVersion, Guid Funding,
        Guid Impact, Guid ProjectPartner, Guid Victim, Guid Application, Guid ApplicationVersion, Guid Report, Guid Indicator, Guid Result, Guid Benefit, Guid UnstartedReport, Guid EmptyResult, Guid Measurement,
        Guid Solution, string SolutionSlug, Guid SolutionVersion, Guid Concern, Guid ConcernVersion);

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Every_post_handler_refuses_every_role_it_is_not_for(TestDatabase db)
    {
        var app = apps[db];
        var t = await CreateTargetsAsync(app);
        var before = await SnapshotAsync(app, t);
        var handlers = Handlers(app).ToList();
        Assert.True(handlers.Count >= 45, $"only {handlers.Count} handlers found");

        var wrong = new List<string>();
        var tried = 0;
        foreach (var account in DemoAccounts.All)
        {
            var client = app.ClientFor(account);
            var token = (await client.GetPageAsync("/")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            foreach (var (route, handler, model) in handlers)
            {
                if (IsFor(route, handler, account.Role))
                {
                    continue;
                }
                var url = Fill(route, t) + (handler is "" ? "" : "?handler=" + handler);
                // The version a handler checks is the target's own, so a refusal can only come from the access rule.
                var version = route.StartsWith("/catalogue", StringComparison.Ordinal) ? t.SolutionVersion
                    : route.StartsWith("/concerns", StringComparison.Ordinal) ? t.ConcernVersion : handler switch
                    {
                        "ResolveDuplicate" => t.DuplicateVersion,
                        "Archive" or "Restore" or "ChangePhase" => t.ProjectVersion,
                        "Submit" or "Endorse" or "Return" or "RequestEndorsement" or "WithdrawRequest" => t.ApplicationVersion,
                        _ => t.DraftVersion,
                    };
                var response = await client.PostAsync(url, new FormUrlEncodedContent([.. Form(t).Where(f => f.Key != "version"),
                    new("version", version.ToString()), new("Phase.Version", t.ProjectVersion.ToString()), new("__RequestVerificationToken", token)]));
                tried++;
                var status = response.StatusCode;
                var casework = route.StartsWith("/casework", StringComparison.Ordinal) || route.StartsWith("/privacy", StringComparison.Ordinal)
                    || route.StartsWith("/concerns", StringComparison.Ordinal);
                var worksWithResidents = account.Role is Roles.CaseWorker or Roles.TeamLeader;
                // Whoever may not see the thing at all gets "not found": casework roles for another district's resident, a
                // partner for a project their organisation is not in.
                var unseen = (casework && route.Contains('{', StringComparison.Ordinal) && worksWithResidents)
                    || (account.Role == Roles.Partner && route.StartsWith("/portfolio/projects/", StringComparison.Ordinal) && route.Contains('{', StringComparison.Ordinal));
                var expected = unseen ? [HttpStatusCode.NotFound]
                    : casework && !(worksWithResidents || (account.Role == Roles.PrivacyOfficer && route.StartsWith("/privacy", StringComparison.Ordinal)))
                        ? [HttpStatusCode.Forbidden]
                        : new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity };
                if (!expected.Contains(status))
                {
                    wrong.Add($"{account.Email} POST {url} ({model}): {(int)status}, expected {string.Join(" or ", expected.Select(s => (int)s))}");
                }
            }
        }
        Assert.True(tried > 400, $"only {tried} posts were tried");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {tried}:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await SnapshotAsync(app, t));
    }

    /// <summary>The roles a handler exists for, given the targets (ids nobody but the all-powerful roles may touch).</summary>
    private static bool IsFor(string route, string handler, string role) => route switch
    {
        _ when route.StartsWith("/account", StringComparison.Ordinal) || route.StartsWith("/language", StringComparison.Ordinal)
            || route.StartsWith("/error", StringComparison.Ordinal) => true, // the user's own session and language
        "/casework/residents/register" or "/casework/emergency" when handler is "" => role is Roles.CaseWorker or Roles.TeamLeader, // no foreign id
        "/concerns/rules" => role == Roles.TeamLeader, // the leader's own district's rules, no foreign id
        _ when route.StartsWith("/casework", StringComparison.Ordinal) || route.StartsWith("/concerns", StringComparison.Ordinal) => false,
        _ when route.StartsWith("/privacy", StringComparison.Ordinal) => role == Roles.PrivacyOfficer,
        _ when route.StartsWith("/administration", StringComparison.Ordinal) => role == Roles.Administrator,
        "/calls/subscriptions" => true, // anyone signed in asks for their own alerts
        // The programme keeps the unit costs; anyone in a municipality saves their own organisation's self-assessment.
        "/outcomes/costs" => role is Roles.ProgrammeOwner or Roles.ProgrammeManager or Roles.Administrator,
        "/selvvurdering" => role != Roles.Partner,
        _ when route.StartsWith("/bekymring", StringComparison.Ordinal) => true, // anyone, signed in or not, reports a worry
        "/calls/{id}/apply" => role is Roles.ProjectLead or Roles.DistrictDirector, // starts a draft of their own
        _ when route.StartsWith("/applications", StringComparison.Ordinal) => false, // the target is a draft nobody here works on
        _ when route.StartsWith("/calls", StringComparison.Ordinal) => role is Roles.ProgrammeOwner or Roles.ProgrammeManager,
        "/portfolio/projects/create" => Husly.Features.Portfolio.Projects.CreateModel.MayCreateAny(new System.Security.Claims.ClaimsPrincipal(
            new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Role, role)], "test"))),
        _ when route.StartsWith("/portfolio", StringComparison.Ordinal) => role is Roles.ProgrammeOwner or Roles.ProgrammeManager,
        // Anyone in a municipality registers an adoption for their own organisation; partners do not.
        "/losninger/{slug}/ta-i-bruk" => role != Roles.Partner,
        // The target is a draft from an Alna project, which only the programme may work on.
        _ when route.StartsWith("/catalogue", StringComparison.Ordinal) => role is Roles.ProgrammeOwner or Roles.ProgrammeManager,
        _ => false,
    };

    /// <summary>Every page route and POST handler name the app has, from its endpoints and page models.</summary>
    private static IEnumerable<(string Route, string Handler, string Model)> Handlers(HuslyApp app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var pages = endpoints.Select(e => (Route: "/" + e.RoutePattern.RawText!.TrimStart('/'), Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()))
            .Where(p => p.Page is not null && !p.Route.EndsWith("/Index", StringComparison.OrdinalIgnoreCase) && !p.Route.EndsWith("/index", StringComparison.Ordinal))
            .Select(p => (p.Route, Type: typeof(HuslyDbContext).Assembly.GetType("Husly.Features" + p.Page!.ViewEnginePath.Replace('/', '.') + "Model")))
            .Where(p => p.Type is not null && typeof(PageModel).IsAssignableFrom(p.Type))
            .DistinctBy(p => p.Type);
        foreach (var (route, type) in pages)
        {
            foreach (var method in type!.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var name = method.Name["OnPost".Length..];
                yield return (route.ToLowerInvariant().Replace("{id:guid}", "{id}").Replace("{residentid:guid}", "{residentId}").Replace("{enrolmentid:guid}", "{enrolmentId}").Replace("{decisionid:guid?}", "{decisionId}").Replace("{decisionid:guid}", "{decisionId}").Replace("{code:int?}", "").Replace("{reportid:guid}", "{reportId}").Replace("{indicatorid:guid}", "{indicatorId}"),
                    name.EndsWith("Async", StringComparison.Ordinal) ? name[..^5] : name, type.FullName!);
            }
        }
    }

    private static string Fill(string route, Targets t)
    {
        var id = route.StartsWith("/portfolio/projects", StringComparison.Ordinal) ? t.Project
            : route.StartsWith("/portfolio/programmes", StringComparison.Ordinal) ? DemoIds.Programme("BOSin")
            : route.StartsWith("/administration", StringComparison.Ordinal) ? t.Victim
            : route.StartsWith("/applications", StringComparison.Ordinal) ? t.Application
            : route.StartsWith("/calls/stages", StringComparison.Ordinal) ? DemoIds.Programme("BOSin")
            : route.StartsWith("/calls", StringComparison.Ordinal) ? Husly.Data.DemoData.DemoCalls.NextYear
            : route.StartsWith("/catalogue", StringComparison.Ordinal) ? t.Solution
            : route.StartsWith("/concerns", StringComparison.Ordinal) ? t.Concern
            : t.Resident;
        return route.Replace("{id}", id.ToString()).Replace("{residentId}", t.Resident.ToString()).Replace("{decisionId}", t.Draft.ToString())
            .Replace("{enrolmentId}", t.Enrolment.ToString()).Replace("{reportId}", t.Report.ToString()).Replace("{indicatorId}", t.Indicator.ToString()).Replace("{slug}", t.SolutionSlug).TrimEnd('/');
    }

    /// <summary>One form that satisfies every handler's input, so a refusal comes from the access rule, not validation.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Form(Targets t)
    {
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd");
        var eva = DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email).ToString();
        var other = otherNumber ?? "";
        (string, string)[] fields =
        [
            ("version", t.DraftVersion.ToString()), ("consentId", t.Consent.ToString()), ("linkId", t.Link.ToString()),
            ("transferId", t.Transfer.ToString()), ("duplicateId", t.Duplicate.ToString()), ("emergencyId", t.Emergency.ToString()),
            ("fundingId", t.Funding.ToString()), ("impactId", t.Impact.ToString()), ("partnerId", t.ProjectPartner.ToString()),
            ("contactPersonId", eva), ("reason", "Adressen ligger i en annen bydel."), ("note", "Avklart på telefon."), ("resolution", "Agreed"),
            ("Living.Kind", "OwnHome"), ("Living.Start", today),
            ("LoggedHours.EnrolmentId", t.Enrolment.ToString()), ("LoggedHours.Kind", "HousingFollowUp"), ("LoggedHours.Date", today), ("LoggedHours.Hours", "1"),
            ("LoggedHours.SubmissionId", Guid.NewGuid().ToString()),
            ("NewConsent.Purpose", "Transfer"), ("NewConsent.Scope", "Alt"), ("NewConsent.GivenOn", today),
            ("NewPartner.EnrolmentId", t.Enrolment.ToString()), ("NewPartner.Kind", "Nav"), ("NewPartner.ContactName", "Veileder"),
            ("NewTransfer.EnrolmentId", t.Enrolment.ToString()), ("NewTransfer.ToDistrictId", DemoIds.District("Grorud").ToString()), ("NewTransfer.Note", "Flytter."),
            ("Meeting.EnrolmentId", t.Enrolment.ToString()), ("Meeting.HeldOn", today), ("Meeting.Participants", "Eva"), ("Meeting.Minutes", "Referat."),
            ("Household.IdentityNumber", other), ("Link.IdentityNumber", other), ("Link.Reason", "Samme person."),
            ("Close.EnrolmentId", t.Enrolment.ToString()), ("Close.End", today), ("Close.Reason", "GoalsReached"),
            ("Goal.InOwnWords", "Bo trygt"), ("Goal.Measures", "Besøk"), ("Goal.Responsible", "Eva"), ("Goal.EvaluateBy", DateOnly.FromDateTime(DateTime.Now).AddMonths(2).ToString("yyyy-MM-dd")),
            ("Crisis.WarningSigns", "Slutter å svare"), ("Crisis.WhatHelps", "Ro"), ("Crisis.WhoToCall", "Søster"),
            ("Revoke.Reason", "Feil."), ("Revoke.On", today), ("Appeal.Received", today), ("Appeal.Note", "Klage."),
            ("Input.ValidFrom", today), ("Input.EnrolmentId", t.Enrolment.ToString()), ("Input.Services[0].Kind", "HousingFollowUp"), ("Input.Services[0].Hours", "2"),
            ("Input.Justification", "Trenger hjelp."), ("Input.Name", "Kapret"), ("Input.Summary", "Kapret"), ("Input.FirstName", "Kapret"), ("Input.LastName", "Kapret"),
            ("Input.DisplayName", "Kapret"), ("Input.Email", "kapret@husly.test"), ("Input.Role", "Administrator"), ("Input.IsActive", "false"),
            ("Phase.Phase", "DeliveringAndImplementing"), ("Phase.Note", "Kapret"), ("Partner.OrganisationId", DemoIds.Organisation(ReferenceData.Police).ToString()),
            ("Partner.Role", "Kapret"), ("Funding.Year", "2026"), ("Funding.Source", "ProgrammeGrant"), ("Funding.SourceName", "Kapret"), ("Funding.AmountNok", "1000"),
            ("Impact.Kind", "Impact"), ("Impact.Realisation", "Expected"), ("Impact.Description", "Kapret"),
            // Ids a handler would act on if the access rule let it: a report not begun, a result without indicators, a measurement.
            ("reportId", t.UnstartedReport.ToString()), ("indicatorId", t.Indicator.ToString()), ("resultId", t.EmptyResult.ToString()), ("benefitId", t.Benefit.ToString()),
            ("measurementId", t.Measurement.ToString()),
            ("Change.Name", "Kapret"), ("Change.Baseline", "1"), ("Change.BaselineDate", today),
            ("Input.Title", "Kapret"), ("Input.MunicipalityNumber", "0301"), ("ProgrammeId", DemoIds.Programme("BOSin").ToString()),
            ("Input.AdoptedOn", today), ("Input.Status", "Trying"), ("Comment", "Kapret"), ("Input.Problem", "Kapret"), ("Input.HowToStart", "Kapret"),
            ("Due.DueOn", today), ("NewResult.Statement", "Kapret"), ("NewIndicator.ResultId", t.Result.ToString()), ("NewIndicator.Name", "Kapret"),
            ("NewIndicator.Unit", "Count"), ("NewIndicator.Direction", "Increase"), ("NewIndicator.Breakdown", "None"), ("Target.Year", "2026"), ("Target.Value", "5"),
            ("NewBenefit.Name", "Kapret"), ("NewBenefit.Type", "SavedTime"), ("NewBenefit.Owner", "Kapret"), ("NewBenefit.Unit", "timer"), ("NewBenefit.Baseline", "0"),
            ("NewBenefit.Target", "10"), ("NewBenefit.RealiseBy", today), ("Measurement.BenefitId", t.Benefit.ToString()), ("Measurement.MeasuredOn", today),
            ("Measurement.Value", "3"), ("Answer.Comment", "Kapret"), ("Input.Overall", "Red"), ("Input.Time", "Red"), ("Input.Budget", "Red"), ("Input.Quality", "Red"),
            ("Input.Progress", "Kapret"), ("Input.SpentToDate", "1"), ("Input.Lessons[0].Kind", "Failure"), ("Input.Lessons[0].Text", "Kapret"),
            ("Input.Unit", "Count"), ("Input.Direction", "Increase"),
            ("Assess.Severity", "High"), ("Assess.Kind", "Health"), ("Assess.Urgency", "Urgent"), ("Contact.Kind", "Phone"), ("Contact.On", today),
            ("Decide.Outcome", "NoAction"), ("Decide.Reason", "Kapret"), ("Find.Name", "Kapret"), ("Find.BirthYear", "1950"), ("residentId", t.Resident.ToString()),
            ("districtId", DemoIds.District("Grorud").ToString()), ("Meeting.Basis", "Anonymous"), ("Meeting.Summary", "Kapret"),
        ];
        return fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
    }

    /// <summary>The identity number of the second Alna resident (for the household and link forms).</summary>
    private static string? otherNumber;

    private static async Task<Targets> CreateTargetsAsync(HuslyApp app)
    {
        var alna = DemoIds.District("Alna");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HuslyUser>>();
        var worker = new HuslyUser { Id = Guid.CreateVersion7(), UserName = $"alna-{Guid.NewGuid():N}@husly.test", DisplayName = "Alna Arbeider", OrganisationId = alna };
        worker.Email = worker.UserName;
        Assert.True((await users.CreateAsync(worker, "Et langt passord for Alna i dag")).Succeeded);
        await users.AddToRoleAsync(worker, Roles.CaseWorker);
        var victim = new HuslyUser { Id = Guid.CreateVersion7(), UserName = $"offer-{Guid.NewGuid():N}@husly.test", DisplayName = "Offer Testesen", OrganisationId = alna };
        victim.Email = victim.UserName;
        Assert.True((await users.CreateAsync(victim, "Et langt passord for offeret")).Succeeded);
        await users.AddToRoleAsync(victim, Roles.ProjectLead);

        var db = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
        Resident Person(string last)
        {
            var number = CaseworkTestData.NewIdentityNumber();
            Husly.Common.IdentityNumber.TryParse(number, new Husly.Common.IdentityNumberRules(true), out var parsed, out _);
            var r = new Resident { Id = Guid.CreateVersion7(), FirstName = "Alna", LastName = last, BirthDate = parsed.BirthDate, IdentityNumber = number };
            r.Normalise();
            r.LivingSituations.Add(new LivingSituationPeriod { Id = Guid.NewGuid(), ResidentId = r.Id, Kind = LivingSituationKind.Homeless, Start = new DateOnly(2026, 1, 1) });
            return r;
        }
        var resident = Person(TestData.Unique("Mål"));
        var other = Person(TestData.Unique("Annen"));
        otherNumber = other.IdentityNumber;
        Enrolment Enrol(Resident r) => new() { Id = Guid.CreateVersion7(), ResidentId = r.Id, DistrictId = alna, ContactPersonId = worker.Id, Start = new DateOnly(2026, 1, 1) };
        var enrolment = Enrol(resident);
        db.AddRange(resident, other, enrolment, Enrol(other));
        var draft = new Decision { Id = Guid.CreateVersion7(), EnrolmentId = enrolment.Id, Status = DecisionStatus.Draft, ValidFrom = new DateOnly(2026, 2, 1), Justification = "Behov." };
        draft.Services.Add(new DecisionService { Id = Guid.NewGuid(), DecisionId = draft.Id, Kind = ServiceKind.HousingFollowUp, HoursPerWeek = 2 });
        var consent = new Consent { Id = Guid.CreateVersion7(), ResidentId = resident.Id, Purpose = ConsentPurpose.Transfer, Scope = "Alt", GivenOn = new DateOnly(2026, 1, 2) };
        var link = new ResidentLink { Id = Guid.CreateVersion7(), ResidentId = resident.Id, OtherResidentId = other.Id, Reason = "Samme", LinkedAt = DateTime.UtcNow, LinkedBy = "Alna Arbeider" };
        var household = new Household { Id = Guid.CreateVersion7() };
        household.Members.Add(new HouseholdMember { HouseholdId = household.Id, ResidentId = resident.Id, IsMainTenant = true });
        var transfer = new Transfer { Id = Guid.CreateVersion7(), ResidentId = resident.Id, FromEnrolmentId = enrolment.Id, FromDistrictId = alna, ToDistrictId = DemoIds.District("Frogner"), ProposedById = worker.Id, ProposedAt = DateTime.UtcNow, Note = "Flytter", Status = TransferStatus.Proposed };
        var duplicate = new PossibleDuplicate { Id = Guid.CreateVersion7(), ResidentId = other.Id, ExistingResidentId = resident.Id, RegisteredInDistrictId = alna, ExistingDistrictId = alna, RegisteredById = worker.Id, DetectedAt = DateTime.UtcNow, Version = Guid.NewGuid() };
        var emergency = new EmergencyAccess { Id = Guid.CreateVersion7(), UserId = worker.Id, ResidentId = resident.Id, DistrictId = alna, ResidentDistrictId = alna, Reason = "Akutt bekymring for personen", GrantedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(4) };
        db.AddRange(draft, consent, link, household, transfer, duplicate, emergency);
        await db.SaveChangesAsync();

        var project = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Alna").WithPartner(ReferenceData.Husbanken, "Finansiering")
            .WithFunding(2026, FundingSource.ProgrammeGrant, "BOSin", 100_000).WithImpact(ImpactKind.Impact, Realisation.Expected, "Bedre"));
        var lines = await app.QueryAsync(d => d.Projects.Where(p => p.Id == project.Id)
            .Select(p => new { p.Version, Funding = p.Funding.Select(f => f.Id).First(), Impact = p.Impacts.Select(i => i.Id).First(), Partner = p.Partners.Select(x => x.Id).First() }).SingleAsync());
        var draftVersion = await app.QueryAsync(d => d.Decisions.Where(x => x.Id == draft.Id).Select(x => x.Version).SingleAsync());
        // An application from Alna that nobody with a demo account works on.
        var application = new Husly.Features.Calls.Applications.Application { Id = Guid.CreateVersion7(), CallId = DemoCalls.NextYear, Title = "Alnas søknad", LeadUnitId = alna };
        application.Members.Add(new Husly.Features.Calls.Applications.ApplicationMember { ApplicationId = application.Id, UserId = victim.Id, Role = Husly.Features.Calls.Applications.MemberRole.Owner });
        db.Add(application);
        // The project's follow-up: a report sent for approval, a result with an indicator, a benefit.
        var report = new Husly.Features.Portfolio.Reporting.StatusReport { Id = Guid.CreateVersion7(), ProjectId = project.Id, DueOn = new DateOnly(2026, 6, 30), State = Husly.Features.Portfolio.Reporting.ReportState.Submitted };
        var result = new Husly.Features.Portfolio.Results.ProjectResult { Id = Guid.CreateVersion7(), ProjectId = project.Id, Statement = "Alnas mål" };
        var indicator = new Husly.Features.Portfolio.Results.Indicator { Id = Guid.CreateVersion7(), ResultId = result.Id, ProjectId = project.Id, Name = "Alnas indikator", Unit = Husly.Features.Portfolio.Results.IndicatorUnit.Count };
        var benefit = new Husly.Features.Portfolio.Benefits.Benefit { Id = Guid.CreateVersion7(), ProjectId = project.Id, Name = "Alnas gevinst", Owner = "Alna", Unit = "kr", Target = 10, RealiseBy = new DateOnly(2027, 1, 1) };
        var unstarted = new Husly.Features.Portfolio.Reporting.StatusReport { Id = Guid.CreateVersion7(), ProjectId = project.Id, DueOn = new DateOnly(2026, 12, 31), State = Husly.Features.Portfolio.Reporting.ReportState.NotStarted };
        var emptyResult = new Husly.Features.Portfolio.Results.ProjectResult { Id = Guid.CreateVersion7(), ProjectId = project.Id, Statement = "Alnas tomme mål", SortOrder = 1 };
        var measurement = new Husly.Features.Portfolio.Benefits.BenefitMeasurement { Id = Guid.CreateVersion7(), BenefitId = benefit.Id, MeasuredOn = new DateOnly(2026, 6, 30), Value = 3 };
        // A draft solution from the Alna project, in review so that every step has something to refuse.
        var solution = new Husly.Features.Catalogue.Solution
        {
            Id = Guid.CreateVersion7(),
            ProgrammeId = DemoIds.Programme("BOSin"),
            ProjectId = project.Id,
            Slug = "alna-" + Guid.NewGuid().ToString("N")[..8],
            Title = "Alnas løsning",
            Summary = "Utkast.",
            Problem = "Problem.",
            HowToStart = "Start.",
            Contact = "Bydel Alna",
            MunicipalityNumber = "0301",
            State = Husly.Features.Catalogue.SolutionState.InReview,
        };
        solution.RefreshSearchText([], "Oslo");
        // A concern for Alna, waiting to be taken up.
        var concern = new Husly.Features.Concerns.Concern
        {
            Id = Guid.CreateVersion7(),
            SubmissionId = Guid.NewGuid(),
            ReceiptHash = Guid.NewGuid().ToString("N"),
            ReportedAt = DateTime.UtcNow,
            DueAt = DateTime.UtcNow.AddDays(3),
            PersonName = "Alna-person",
            WhatSeen = "Bekymret.",
            Urgency = Husly.Features.Concerns.ConcernUrgency.Soon,
            Relation = Husly.Features.Concerns.ReporterRelation.Neighbour,
            DistrictId = alna,
        };
        db.AddRange(report, result, indicator, benefit, unstarted, emptyResult, measurement, solution, concern);
        await db.SaveChangesAsync();
        return new Targets(resident.Id, other.Id, enrolment.Id, draft.Id, draftVersion, consent.Id, link.Id, transfer.Id, duplicate.Id, duplicate.Version,
            emergency.Id, project.Id, lines.Version, lines.Funding, lines.Impact, lines.Partner, victim.Id, application.Id, application.Version,
            report.Id, indicator.Id, result.Id, benefit.Id, unstarted.Id, emptyResult.Id, measurement.Id, solution.Id, solution.Slug, solution.Version,
            concern.Id, concern.Version);
    }

    /// <summary>Everything in Alna an accepted post would change.</summary>
    private static Task<string> SnapshotAsync(HuslyApp app, Targets t) => app.QueryAsync(async d =>
    {
        var ids = new[] { t.Resident, t.Other };
        var text = new StringBuilder();
        void Add(string name, object? value) => text.Append(name).Append('=').Append(value).Append(';');
        Add("residents", string.Join(",", await d.Residents.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Version).ToListAsync()));
        Add("enrolments", string.Join(",", await d.Enrolments.Where(e => ids.Contains(e.ResidentId)).OrderBy(e => e.Id).Select(e => e.Version).ToListAsync()));
        Add("living", await d.LivingSituations.CountAsync(p => ids.Contains(p.ResidentId)));
        Add("decisions", string.Join(",", await d.Decisions.Where(x => x.EnrolmentId == t.Enrolment).Select(x => x.Version).ToListAsync()));
        Add("hours", await d.DeliveredHours.CountAsync(h => h.EnrolmentId == t.Enrolment));
        Add("consents", string.Join(",", await d.Consents.Where(c => ids.Contains(c.ResidentId)).Select(c => c.WithdrawnOn).ToListAsync()));
        Add("partners", await d.FollowUpPartners.CountAsync(p => p.EnrolmentId == t.Enrolment));
        Add("meetings", await d.CooperationMeetings.CountAsync(m => m.EnrolmentId == t.Enrolment));
        Add("transfers", string.Join(",", await d.Transfers.Where(x => ids.Contains(x.ResidentId)).Select(x => x.Status).ToListAsync()));
        Add("household", await d.HouseholdMembers.CountAsync(m => ids.Contains(m.ResidentId)));
        Add("links", await d.ResidentLinks.CountAsync(l => ids.Contains(l.ResidentId) && l.UnlinkedAt == null));
        Add("plans", await d.IndividualPlans.CountAsync(p => ids.Contains(p.ResidentId)) + await d.CrisisPlans.CountAsync(p => ids.Contains(p.ResidentId)));
        Add("changes", await d.ResidentChanges.CountAsync(c => ids.Contains(c.ResidentId)));
        Add("duplicate", await d.PossibleDuplicates.Where(x => x.Id == t.Duplicate).Select(x => x.ResolvedAt).SingleAsync());
        Add("emergency", await d.EmergencyAccesses.Where(x => x.Id == t.Emergency).Select(x => x.ReviewedAt).SingleAsync());
        Add("project", await d.Projects.Where(p => p.Id == t.Project).Select(p => p.Version + "|" + p.Partners.Count + "|" + p.Funding.Count + "|" + p.Impacts.Count).SingleAsync());
        Add("programme", await d.Programmes.Where(p => p.Id == DemoIds.Programme("BOSin")).Select(p => p.Version).SingleAsync());
        Add("victim", await d.Users.Where(u => u.Id == t.Victim).Select(u => u.SecurityStamp + "|" + u.IsActive).SingleAsync());
        Add("application", await d.Applications.Where(a => a.Id == t.Application).Select(a => a.Version + "|" + a.Stage + "|" + a.Members.Count).SingleAsync()
            + "|" + await d.ApplicationAttachments.CountAsync(x => x.ApplicationId == t.Application));
        Add("reports", string.Join(",", await d.StatusReports.Where(r => r.ProjectId == t.Project).OrderBy(r => r.DueOn).Select(r => r.Version + ":" + r.State).ToListAsync()));
        Add("results", await d.ProjectResults.CountAsync(r => r.ProjectId == t.Project) + "|" + string.Join(",", await d.Indicators.Where(i => i.ProjectId == t.Project).Select(i => i.Name + i.Baseline).ToListAsync())
            + "|" + await d.IndicatorTargets.CountAsync(x => x.IndicatorId == t.Indicator));
        Add("benefits", await d.Benefits.CountAsync(b => b.ProjectId == t.Project) + "|" + await d.BenefitMeasurements.CountAsync(m => m.BenefitId == t.Benefit));
        Add("solution", await d.Solutions.Where(s => s.Id == t.Solution).Select(s => s.Version + "|" + s.State + "|" + s.Slug).SingleAsync()
            + "|" + await d.SolutionEvents.CountAsync(e => e.SolutionId == t.Solution) + "|" + await d.Adoptions.CountAsync(a => a.SolutionId == t.Solution));
        Add("concern", await d.Concerns.Where(c => c.Id == t.Concern).Select(c => c.Version + "|" + c.Status + "|" + c.DistrictId + "|" + c.ResidentId).SingleAsync()
            + "|" + await d.ConcernMeetings.CountAsync(m => m.ConcernId == t.Concern) + "|" + await d.ConcernEvents.CountAsync(e => e.ConcernId == t.Concern));
        return text.ToString();
    });
}
