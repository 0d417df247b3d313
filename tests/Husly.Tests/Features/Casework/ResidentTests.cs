using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Named = Husly.Data.DemoData.DemoCasework.Named;

namespace Husly.Tests.Features.Casework;

/// <summary>Registering, living situation over time and ending follow-up, through the real forms.</summary>
public sealed class ResidentTests(Apps apps)
{
    /// <summary>A day relative to today, so that the grace-period tests hold whatever the date (no fixed dates to expire).</summary>
    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.Now).AddDays(offset).ToString("yyyy-MM-dd");

    private static readonly Guid Unknown = Guid.Parse("0198f0d0-0000-7000-8000-000000000002");

    private static IDictionary<string, string?[]?> Registration(string? number, string lastName, params (string, string?)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["Input.IdentityNumber"] = number,
            ["Input.FirstName"] = "Testbruker",
            ["Input.LastName"] = lastName,
            ["Input.Phone"] = "98765432",
            ["Input.LivingSituation"] = "TemporaryAccommodation",
            ["Input.LivingSince"] = "2026-10-01",
            ["Input.Category"] = "SupportedHousing",
            ["Input.OrganisationForm"] = "Team",
            ["Input.Start"] = "2026-11-02",
        };
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }
        return Html.Values(values.Select(v => (v.Key, v.Value)).ToArray());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_case_worker_registers_a_person_with_living_situation_and_follow_up(TestDatabase db)
    {
        var app = apps[db];
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var number = CaseworkTestData.NewIdentityNumber();
        var name = TestData.Unique("Registrert");
        var form = await eva.GetPageAsync("/casework/residents/register");
        Assert.Equal(DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email).ToString(), form.QuerySelector("select[name='Input.ContactPersonId'] option[selected]")!.GetAttribute("value"));

        var response = await eva.SubmitAsync(form, "main form", Registration(number, name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await eva.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal("Testbruker " + name, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(number[..6] + "*****", page.GetElementById("person")!.TextContent);
        Assert.DoesNotContain(number, page.Body!.InnerHtml);
        Assert.Equal("Midlertidig botilbud (hospits, camping)", page.GetElementById("current-living")!.TextContent);
        Assert.Contains("Eva Strand", page.QuerySelector(".enrolment")!.TextContent);
        Assert.Contains("Bo-oppfølgingsteamet Grorud", page.QuerySelector(".enrolment")!.TextContent);

        var id = Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]);
        // Caseload views by other tests acting as Eva may interleave; the registration and the page read are in order.
        var actions = (await app.AccessLogAsync(id)).Select(e => e.Action).Where(a => a != AccessActions.Caseload).ToList();
        Assert.Equal([AccessActions.Register, AccessActions.View], actions);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Registration_explains_every_problem_in_norwegian_and_keeps_the_input(TestDatabase db)
    {
        var eva = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);
        var form = await eva.GetPageAsync("/casework/residents/register");

        var response = await eva.SubmitAsync(form, "main form", Registration("01819010002", "Beholdes",
            ("Input.LivingSituation", ""), ("Input.ContactPersonId", DemoIds.User(DemoAccounts.CaseWorkerStovner.Email).ToString())));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Fødselsnummeret er ikke gyldig: kontrollsifrene stemmer ikke.", page.FieldError("Input_IdentityNumber"));
        Assert.Equal("Velg bosituasjonen i dag.", page.FieldError("Input_LivingSituation"));
        Assert.Equal("Kontaktpersonen må arbeide i bydelen.", page.FieldError("Input_ContactPersonId"));
        Assert.Equal("Beholdes", page.QuerySelector("input[name='Input.LastName']")!.GetAttribute("value"));
        Assert.Equal("01819010002", page.QuerySelector("input[name='Input.IdentityNumber']")!.GetAttribute("value"));

        var noIdentity = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Registration(null, "Uten nummer")));
        Assert.Equal("Skriv inn fødselsdato når fødselsnummeret ikke er kjent.", noIdentity.FieldError("Input_BirthDate"));

        var mismatch = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Registration("01819010001", "Feil dato", ("Input.BirthDate", "1990-01-02"))));
        Assert.Equal("Fødselsdatoen stemmer ikke med fødselsnummeret.", mismatch.FieldError("Input_BirthDate"));

        var future = await Html.ParseAsync(await eva.SubmitAsync(form, "main form", Registration(null, "Ufødt",
            ("Input.BirthDate", DateOnly.FromDateTime(DateTime.Now).AddYears(3).ToString("yyyy-MM-dd")))));
        Assert.Equal("Fødselsdatoen kan ikke være fram i tid.", future.FieldError("Input_BirthDate"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_number_the_worker_already_sees_gets_a_new_enrolment_on_the_same_record(TestDatabase db)
    {
        var app = apps[db];
        // Ended in Grorud within the grace period: Eva still reads the record, so registering again reopens it there.
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud", ended: DateOnly.FromDateTime(DateTime.Now).AddDays(-30));
        var number = await app.IdentityNumberAsync(id);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);

        var response = await eva.SubmitAsync(await eva.GetPageAsync("/casework/residents/register"), "main form", Registration(number, "Igjen"));
        Assert.Equal($"/casework/residents/details/{id}", response.Headers.Location!.ToString());
        Assert.Equal(1, await app.CountWithNumberAsync(number));
        Assert.Equal(2, await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == id)));

        // Open in the district now: refused, with a pointer to the caseload (Per sees the team's residents).
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2);
        var again = await Html.ParseAsync(await per.SubmitAsync(await per.GetPageAsync("/casework/residents/register"), "main form", Registration(number, "Igjen")));
        Assert.Equal("Personen er allerede i oppfølging i bydelen. Åpne brukeren fra sakslisten i stedet.", again.FieldError("Input_IdentityNumber"));
    }

    /// <summary>Issue 8 §1: knowing a number must never open the record or reveal it. The Stovner worker gets a record of
    /// their own, exactly as for a number nobody has, and the team leaders agree on the rest.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Registering_a_number_held_by_a_record_the_worker_may_not_see_reveals_and_opens_nothing(TestDatabase db)
    {
        var app = apps[db];
        var grorud = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var known = await app.IdentityNumberAsync(grorud);
        var unknown = CaseworkTestData.NewIdentityNumber();
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var form = await ola.GetPageAsync("/casework/residents/register");

        var forKnown = await ola.SubmitAsync(form, "main form", Registration(known, "Annet navn"));
        var forUnknown = await ola.SubmitAsync(form, "main form", Registration(unknown, "Annet navn"));
        Assert.Equal(HttpStatusCode.Redirect, forKnown.StatusCode);
        Assert.Equal(forUnknown.StatusCode, forKnown.StatusCode);
        var own = Guid.Parse(forKnown.Headers.Location!.ToString().Split('/')[^1]);
        Assert.NotEqual(grorud, own);
        var page = await ola.GetPageAsync($"/casework/residents/details/{own}");
        Assert.Equal("Testbruker Annet navn", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll(".enrolment"));
        var grorudName = await app.QueryAsync(d => d.Residents.Where(r => r.Id == grorud).Select(r => r.LastName).SingleAsync());
        Assert.DoesNotContain(grorudName, page.Body!.TextContent);
        Assert.DoesNotContain("Bo-oppfølgingsteamet Grorud", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await ola.GetAsync($"/casework/residents/details/{Unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ola.GetAsync($"/casework/residents/details/{grorud}")).StatusCode);
        Assert.Single(await app.QueryAsync(d => d.Enrolments.Where(e => e.ResidentId == grorud).ToListAsync()));

        // The attempt is on the Grorud record's log as refused, and the Grorud team leader sees it to agree on what to do.
        Assert.Contains(await app.AccessLogAsync(grorud), e => e.Action == AccessActions.Register && e.Outcome == AccessOutcome.Denied
            && e.UserId == DemoIds.User(DemoAccounts.CaseWorkerStovner.Email));
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var queue = await leader.GetPageAsync("/casework/transfers");
        var item = queue.QuerySelectorAll("#duplicates article").Single(a => a.InnerHtml.Contains(grorud.ToString()));
        Assert.Contains("Stovner", item.TextContent);
        Assert.Contains("Journal du ikke har tilgang til", item.TextContent); // Stovner's new record is not his

        // Linking needs both records in sight; agreeing on a transfer is recorded once, and a second answer is refused.
        var linked = await Html.ParseAsync(await leader.SubmitAsync(queue, $"#{item.Id} form", Html.Values(("resolution", "Linked"), ("note", "Samme person, ring Stovner"))));
        Assert.Contains("Du kan bare koble journaler du selv har tilgang til", linked.QuerySelector("#duplicates")!.TextContent);
        var empty = await Html.ParseAsync(await leader.SubmitAsync(queue, $"#{item.Id} form", Html.Values(("resolution", "Agreed"), ("note", "\u200b\u200b  "))));
        Assert.Contains("Skriv hva som er avklart.", empty.QuerySelector("#duplicates")!.TextContent);
        var agreed = await leader.SubmitAsync(queue, $"#{item.Id} form", Html.Values(("resolution", "Agreed"), ("note", "Brukerbytte foreslått til Stovner")));
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        var twice = await Html.ParseAsync(await leader.SubmitAsync(queue, $"#{item.Id} form", Html.Values(("resolution", "NotSamePerson"), ("note", "Feil"))));
        Assert.Contains("allerede behandlet", twice.QuerySelector("main")!.TextContent);
        Assert.Equal(DuplicateResolution.Agreed, await app.QueryAsync(d => d.PossibleDuplicates.Where(x => x.ExistingResidentId == grorud).Select(x => x.Resolution).SingleAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_protected_record_stays_with_its_named_workers_when_another_district_types_its_number(TestDatabase db)
    {
        var app = apps[db];
        var number = await app.IdentityNumberAsync(Named.ProtectedGrorud);
        var named = await app.QueryAsync(d => d.ResidentNamedWorkers.CountAsync(n => n.ResidentId == Named.ProtectedGrorud));
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);

        var response = await ola.SubmitAsync(await ola.GetPageAsync("/casework/residents/register"), "main form", Registration(number, "Sperret"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual($"/casework/residents/details/{Named.ProtectedGrorud}", response.Headers.Location!.ToString());
        Assert.Equal(named, await app.QueryAsync(d => d.ResidentNamedWorkers.CountAsync(n => n.ResidentId == Named.ProtectedGrorud)));
        Assert.Equal(HttpStatusCode.NotFound, (await ola.GetAsync($"/casework/residents/details/{Named.ProtectedGrorud}")).StatusCode);
        Assert.True(await app.QueryAsync(d => d.PossibleDuplicates.AnyAsync(x => x.ExistingResidentId == Named.ProtectedGrorud && x.ExistingProtected)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_new_living_situation_ends_the_previous_one_and_overlaps_are_refused(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        var page = await eva.GetPageAsync(url);

        var overlap = await eva.SubmitAsync(page, "form[action*='handler=AddLivingSituation']",
            Html.Values(("Living.Kind", "MunicipalRental"), ("Living.Start", "2025-12-01")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overlap.StatusCode);
        Assert.Equal("Ny bosituasjon må starte etter at dagens startet (01.01.2026).", (await Html.ParseAsync(overlap)).FieldError("Living_Start"));

        var saved = await eva.SubmitAsync(page, "form[action*='handler=AddLivingSituation']",
            Html.Values(("Living.Kind", "MunicipalRental"), ("Living.Start", "2026-03-01"), ("Living.Note", "Fikk kontrakt med Boligbygg")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await eva.GetPageAsync(url);
        Assert.Equal("Kommunal utleiebolig", after.GetElementById("current-living")!.TextContent);
        var rows = after.QuerySelectorAll("#living-history tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["Kommunal utleiebolig", "01.03.2026", "nå", "Fikk kontrakt med Boligbygg"], rows[0]);
        Assert.Equal(["Bostedsløs", "01.01.2026", "28.02.2026", ""], rows[1]);

        // The first form still carries the old version: someone else saved in between.
        var stale = await eva.SubmitAsync(page, "form[action*='handler=AddLivingSituation']",
            Html.Values(("Living.Kind", "OwnHome"), ("Living.Start", "2026-06-01")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("Noen andre har endret brukeren", (await Html.ParseAsync(stale)).GetElementById("form-errors")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Ending_follow_up_needs_a_reason_and_leaves_read_only_access_for_a_while(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        var page = await eva.GetPageAsync(url);
        var close = await eva.GetActionPageAsync(url, "CloseEnrolment");

        var noReason = await eva.SubmitAsync(close, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Day(-10))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal("Velg hvorfor oppfølgingen avsluttes.", (await Html.ParseAsync(noReason)).FieldError("Close_Reason"));
        var other = await eva.SubmitAsync(close, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Day(-10)), ("Close.Reason", "Other")));
        Assert.Equal("Beskriv årsaken når du velger «Annet».", (await Html.ParseAsync(other)).FieldError("Close_Note"));

        var closed = await eva.SubmitAsync(close, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Day(-10)), ("Close.Reason", "GoalsReached")));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var readOnly = await eva.GetPageAsync(url);
        Assert.Contains("Målene er nådd", readOnly.QuerySelector(".enrolment")!.TextContent);
        Assert.Contains("lesetilgang", readOnly.QuerySelector(".pkt-alert--info")!.TextContent);
        Assert.Empty(readOnly.QuerySelectorAll("form[action*='handler=']"));
        var refused = await eva.SubmitAsync(page, "form[action*='handler=AddLivingSituation']",
            Html.Values(("Living.Kind", "OwnHome"), ("Living.Start", Day(-9))));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(id.ToString(), (await eva.GetPageAsync("/casework")).Body!.InnerHtml);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Access_ends_when_the_grace_period_after_the_end_has_passed(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud", ended: DateOnly.FromDateTime(DateTime.Now).AddDays(-91));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetAsync($"/casework/residents/details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetAsync($"/casework/residents/details/{id}")).StatusCode);
    }

    /// <summary>Issue 8 §6: contact details can be corrected, with the resident's own history and no silent overwrite.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Contact_details_are_corrected_with_history_and_a_concurrent_edit_is_not_overwritten(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2); // same team
        var url = $"/casework/residents/{id}/edit";
        Assert.NotNull((await eva.GetPageAsync($"/casework/residents/details/{id}")).GetElementById("edit-resident"));
        var evaForm = await eva.GetPageAsync(url);
        var perForm = await per.GetPageAsync(url);

        var bad = await Html.ParseAsync(await eva.SubmitAsync(evaForm, "main form", Html.Values(("Input.FirstName", ""), ("Input.Email", "ikke-epost"))));
        Assert.Equal("Skriv inn fornavn.", bad.FieldError("Input_FirstName"));
        Assert.Equal("ikke-epost", bad.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));

        var saved = await eva.SubmitAsync(evaForm, "main form", Html.Values(("Input.FirstName", "Kari Anne"), ("Input.Phone", "91234567")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await eva.GetPageAsync($"/casework/residents/details/{id}");
        Assert.StartsWith("Kari Anne ", page.QuerySelector("h1")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("91234567", page.GetElementById("person")!.TextContent);

        var history = (await eva.GetPageAsync(url)).GetElementById("changes")!.TextContent;
        Assert.Contains("Fornavn", history);
        Assert.Contains("Test", history);      // before
        Assert.Contains("Kari Anne", history); // after
        Assert.Contains("Eva Strand", history);

        // Per opened the form before Eva saved: his save is refused and shows what is stored now.
        var stale = await per.SubmitAsync(perForm, "main form", Html.Values(("Input.Phone", "40000000")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var conflict = await Html.ParseAsync(stale);
        Assert.Contains("91234567", conflict.GetElementById("conflict")!.TextContent);
        Assert.Equal("40000000", conflict.QuerySelector("input[name='Input.Phone']")!.GetAttribute("value"));
        Assert.Equal("91234567", await app.QueryAsync(d => d.Residents.Where(r => r.Id == id).Select(r => r.Phone).SingleAsync()));
        Assert.Contains(await app.AccessLogAsync(id), e => e.Action == AccessActions.Change && e.UserId == DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email));

        // Another district cannot tell the record exists.
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        Assert.Equal(HttpStatusCode.NotFound, (await ola.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ola.PostWithTokenAsync(url, ("Input.FirstName", "Kapret"), ("Input.LastName", "Kapret"))).StatusCode);
    }
}
