using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Calls;
using Husly.Features.Calls.Applications;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Husly.Tests.Features.Calls;

/// <summary>Issue 10 §2: applications drafted together, endorsed or returned by the district director, submitted before
/// the deadline and then locked, with attachments checked by their content.</summary>
public sealed class ApplicationTests(Apps apps)
{
    private static readonly string Open = $"/calls/{DemoCalls.NextYear}";

    /// <summary>Starts an application for the user's own unit (the only one offered).</summary>
    private static async Task<Guid> StartAsync(HttpClient client, string? title = null)
    {
        var response = await client.SubmitAsync(await client.GetPageAsync($"{Open}/apply"), "main form",
            Html.Values(("Input.Title", title ?? $"Søknad {Guid.NewGuid():N}")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>Fills every section so the application is complete; the answers say it is not ordinary operations.</summary>
    private static async Task<HttpResponseMessage> FillAsync(HttpClient client, Guid id, params (string, string?)[] more)
    {
        var page = await client.GetPageAsync($"/applications/edit/{id}");
        var questions = page.QuerySelectorAll("#Input_Answers input[value=no]").Select(i => (i.GetAttribute("name")!, (string?)"no"));
        var tg = page.QuerySelector("#Input_TargetGroups input")!.GetAttribute("value");
        (string, string?)[] values =
        [
            ("Input.Challenge", "Unge som flytter fra barnevernet mister boligen det første året."),
            ("Input.UserInvolvement", "Ungdom er med i prosjektgruppen."), ("Input.WhatIsNew", "En bo-trener følger hver ungdom i ett år."),
            ("Input.TargetGroups", tg), ("Input.Budget[0].Year", "2027"), ("Input.Budget[0].Category", "Salaries"), ("Input.Budget[0].Amount", "800000"),
            ("Input.Budget[1].Year", "2027"), ("Input.Budget[1].Category", "Other"), ("Input.Budget[1].Amount", "50000"), ("Input.OwnContribution", "200000"),
            ("Input.Milestones[0].Title", "Første ungdom i gang"), ("Input.Milestones[0].DueOn", "01.03.2027"),
            ("Input.Risks[0].Description", "For få deltakere"), ("Input.Risks[0].Probability", "2"), ("Input.Risks[0].Consequence", "4"), ("Input.Risks[0].Mitigation", "Samarbeid med barnevernet"),
            .. questions,
        ];
        return await client.SubmitAsync(page, "main form", Html.Values([.. values.Where(v => !more.Any(m => m.Item1 == v.Item1)), .. more]));
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, IHtmlDocument page, string handler) =>
        client.SubmitAsync(page, $"form[action*='handler={handler}']");

    private static async Task<Application> RowAsync(HuslyApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HuslyDbContext>().Applications.AsNoTracking().Include(a => a.Budget).SingleAsync(a => a.Id == id);
    }

    private static async Task<List<string>> MailToAsync(HuslyApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var link = $"/applications/{id}";
        return await scope.ServiceProvider.GetRequiredService<HuslyDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Body.Contains(link)).OrderBy(m => m.CreatedAt).Select(m => m.To + " " + m.Subject).ToListAsync();
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Two_people_draft_it_the_director_returns_then_endorses_it_and_once_submitted_it_is_locked(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var colleague = app.ClientFor(DemoAccounts.LeadFrogner);
        var director = app.ClientFor(DemoAccounts.DirectorGrorud);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var id = await StartAsync(lead);
        var url = $"/applications/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(url)).StatusCode);
        var members = await lead.GetPageAsync($"{url}/members");
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(members, "#add-member", Html.Values(("Input.Email", DemoAccounts.LeadFrogner.Email)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(colleague, id)).StatusCode);
        Assert.Equal("850 000 kr", (await lead.GetPageAsync(url)).QuerySelector("#amount-applied")!.TextContent.Replace('\u00a0', ' '));

        // Before it is asked to endorse, the director does not see the draft; the programme never sees a draft.
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(url)).StatusCode);
        Assert.Null((await colleague.GetPageAsync(url)).QuerySelector("form[action*='handler=RequestEndorsement']"));
        var openForm = await colleague.GetPageAsync($"/applications/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(lead, await lead.GetPageAsync(url), "RequestEndorsement")).StatusCode);

        // Locked while the director looks at it: a stale edit saves nothing and keeps what was typed.
        var locked = await Html.ParseAsync(await colleague.SubmitAsync(openForm, "main form", Html.Values(("Input.WhatIsNew", "Sent endring"))));
        Assert.Contains("kan ikke endres nå", locked.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sent endring", ((IHtmlTextAreaElement)locked.GetElementById("Input_WhatIsNew")!).Value);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.GetAsync($"/applications/edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync($"/applications/edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.DirectorFrogner).GetAsync(url)).StatusCode);

        var toEndorse = await director.GetPageAsync("/applications");
        Assert.Contains(toEndorse.QuerySelectorAll("#to-endorse a"), a => a.GetAttribute("href") == url);
        var noComment = await StepAsync(director, await director.GetPageAsync(url), "Return");
        Assert.Contains("Skriv hva som må endres", (await Html.ParseAsync(noComment)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(await director.GetPageAsync(url), "form[action*='handler=Return']", Html.Values(("Comment", "Beskriv samarbeidet med NAV.")))).StatusCode);
        var returned = await lead.GetPageAsync(url);
        Assert.Contains("Beskriv samarbeidet med NAV.", returned.QuerySelector("#return-comment")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(lead, id, ("Input.UserInvolvement", "Ungdom og NAV-veileder er med."))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(lead, await lead.GetPageAsync(url), "RequestEndorsement")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(director, await director.GetPageAsync(url), "Endorse")).StatusCode);
        var endorsed = await lead.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(lead, endorsed, "Submit")).StatusCode);

        var submitted = await RowAsync(app, id);
        Assert.Equal(ApplicationStage.Submitted, submitted.Stage);
        Assert.Contains((await director.GetPageAsync("/applications")).QuerySelectorAll("#endorsed a"), a => a.GetAttribute("href") == url);
        Assert.Equal("Ungdom og NAV-veileder er med.", submitted.UserInvolvement);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(url)).StatusCode);
        Assert.Contains((await manager.GetPageAsync("/applications")).QuerySelectorAll("#submitted a"), a => a.GetAttribute("href") == url);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.GetAsync($"/applications/edit/{id}")).StatusCode);
        var again = await StepAsync(lead, endorsed, "Submit");
        Assert.Contains("endret siden du åpnet den", (await Html.ParseAsync(again)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var events = (await lead.GetPageAsync(url)).QuerySelectorAll("#events li").Select(li => li.TextContent).ToList();
        Assert.Equal(7, events.Count); // started, colleague added, asked, returned, asked, endorsed, submitted
        Assert.Contains(DemoAccounts.LeadFrogner.Name, events[1], StringComparison.Ordinal);
        Assert.Contains("Beskriv samarbeidet med NAV.", events[3], StringComparison.Ordinal);

        var mail = await MailToAsync(app, id);
        Assert.Contains(mail, m => m.StartsWith(DemoAccounts.DirectorGrorud.Email + " Søknad til godkjenning", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.StartsWith(DemoAccounts.LeadFrogner.Email + " Søknaden er sendt tilbake", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.StartsWith(DemoAccounts.LeadGrorud.Email + " Søknaden er godkjent", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.StartsWith(DemoAccounts.LeadFrogner.Email + " Søknaden er sendt inn", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.StartsWith(DemoAccounts.LeadFrogner.Email + " Du er invitert", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_applicant_learns_at_once_what_is_missing_and_why_it_is_not_eligible(TestDatabase db)
    {
        var lead = apps[db].ClientFor(DemoAccounts.LeadFrogner);
        var id = await StartAsync(lead);
        var refused = await StepAsync(lead, await lead.GetPageAsync($"/applications/{id}"), "RequestEndorsement");
        var errors = (await Html.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("Velg minst én målgruppe.", errors, StringComparison.Ordinal);
        Assert.Contains("Svar på alle spørsmålene om hvem som kan søke.", errors, StringComparison.Ordinal);

        var page = await lead.GetPageAsync($"/applications/edit/{id}");
        var ordinary = page.QuerySelectorAll("#Input_Answers input[value=yes]")[0].GetAttribute("name")!;
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(lead, id, (ordinary, "yes"))).StatusCode);
        var details = await lead.GetPageAsync($"/applications/{id}");
        Assert.Contains("Programmet støtter ikke ordinær drift.", details.QuerySelector("#ineligible")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(details.QuerySelectorAll("#stages li"), li => li.TextContent.Contains("bydelsdirektør", StringComparison.Ordinal));
        Assert.Null(details.QuerySelector("form[action*='handler=Submit']"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_director_applying_for_their_own_district_is_not_asked_to_endorse_it(TestDatabase db)
    {
        var director = apps[db].ClientFor(DemoAccounts.DirectorFrogner);
        var id = await StartAsync(director);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(director, id)).StatusCode);
        var page = await director.GetPageAsync($"/applications/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=RequestEndorsement']"));
        Assert.Null(page.QuerySelector("form[action*='handler=Endorse']"));
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(director, page, "Submit")).StatusCode);
        Assert.Equal(ApplicationStage.Submitted, (await RowAsync(apps[db], id)).Stage);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_change_to_members_or_attachments_counts_as_a_change_of_the_application(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var id = await StartAsync(lead);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(lead, id)).StatusCode);
        var seen = await lead.GetPageAsync($"/applications/{id}");
        var empty = await lead.SubmitAsync(await lead.GetPageAsync($"/applications/{id}/members"), "#add-member", Html.Values(("Input.Email", "")));
        Assert.Equal("Skriv e-postadressen til personen du vil invitere.", (await Html.ParseAsync(empty)).FieldError("Input_Email"));
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(await lead.GetPageAsync($"/applications/{id}/members"), "#add-member", Html.Values(("Input.Email", DemoAccounts.LeadFrogner.Email)))).StatusCode);
        var stale = await StepAsync(lead, seen, "RequestEndorsement");
        Assert.Contains("endret siden du åpnet den", (await Html.ParseAsync(stale)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await RowAsync(app, id)).EndorsementRequestedAt);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_owner_deletes_a_draft_with_its_attachments_and_history(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        var id = await StartAsync(lead);
        await lead.SubmitAsync(await lead.GetPageAsync($"/applications/{id}/members"), "#add-member", Html.Values(("Input.Email", DemoAccounts.LeadFrogner.Email)));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.LeadFrogner).GetAsync($"/applications/{id}/delete")).StatusCode);
        var deleted = await lead.SubmitAsync(await lead.GetPageAsync($"/applications/{id}/delete"), "main form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/applications/{id}")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<HuslyDbContext>();
        Assert.False(await context.ApplicationEvents.AnyAsync(e => e.ApplicationId == id));
        Assert.False(await context.ApplicationMembers.AnyAsync(m => m.ApplicationId == id));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Forged_choices_and_other_peoples_steps_are_refused(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadFrogner);
        var id = await StartAsync(lead);
        var otherUnit = await lead.SubmitAsync(await lead.GetPageAsync($"{Open}/apply"), "main form",
            Html.Values(("Input.Title", "Fra en annen enhet"), ("Input.LeadUnitId", DemoIds.Organisation(ReferenceData.WelfareAgency).ToString())));
        Assert.StartsWith("Du kan søke for enheten du hører til", (await Html.ParseAsync(otherUnit)).FieldError("Input_LeadUnitId"), StringComparison.Ordinal);
        var huge = await Html.ParseAsync(await FillAsync(lead, id, ("Input.Budget[0].Amount", "99999999999"), ("Input.OwnContribution", "99999999999")));
        Assert.Equal("Beløpet må være mellom 1 krone og 1 milliard kroner.", huge.FieldError("Input_Budget_0__Amount"));
        Assert.Equal("Egeninnsatsen må være mellom 0 og 1 milliard kroner.", huge.FieldError("Input_OwnContribution"));
        Assert.Equal("Beløp (kr)", huge.QuerySelector("label[for='Input_Budget_0__Amount']")!.TextContent.Trim());
        var forged = await FillAsync(lead, id, ("Input.TargetGroups", Guid.NewGuid().ToString()));
        Assert.Contains("Skjemaet var utdatert", (await Html.ParseAsync(forged)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var version = (await RowAsync(app, id)).Version.ToString();
        foreach (var other in new[] { DemoAccounts.LeadGrorud, DemoAccounts.DirectorFrogner, DemoAccounts.Manager, DemoAccounts.PartnerNav })
        {
            foreach (var handler in new[] { "Submit", "Endorse", "Return", "RequestEndorsement" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(other).PostWithTokenAsync($"/applications/{id}?handler={handler}", ("version", version))).StatusCode);
            }
        }
        Assert.Equal(ApplicationStage.Draft, (await RowAsync(app, id)).Stage);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.Manager).GetAsync($"{Open}/apply")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Attachments_are_taken_by_their_content_and_always_downloaded(TestDatabase db)
    {
        var app = apps[db];
        var lead = app.ClientFor(DemoAccounts.LeadFrogner);
        var id = await StartAsync(lead);
        async Task<HttpResponseMessage> UploadAsync(byte[] content, string name)
        {
            var page = await lead.GetPageAsync($"/applications/{id}/attachments");
            var token = page.QuerySelector("#upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", name);
            return await lead.PostAsync($"/applications/{id}/attachments?handler=Upload", form);
        }
        static byte[] Office(params string[] entries)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in entries.Prepend("[Content_Types].xml"))
                {
                    using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                    writer.Write("<x/>");
                }
            }
            return buffer.ToArray();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"u8.ToArray(), "budsjett.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(Office("word/document.xml"), "plan.pdf")).StatusCode);
        var lies = await UploadAsync("<html><script>alert(1)</script></html>"u8.ToArray(), "ikke-en-pdf.pdf");
        Assert.Equal(HttpStatusCode.OK, lies.StatusCode);
        Assert.StartsWith("Filen er ikke en PDF-", (await Html.ParseAsync(lies)).FieldError("file"), StringComparison.Ordinal);
        Assert.StartsWith("Filen er ikke en PDF-", (await Html.ParseAsync(await UploadAsync(Office("word/document.xml", "word/vbaProject.bin"), "makro.docx"))).FieldError("file"), StringComparison.Ordinal);
        Assert.StartsWith("Filen er større enn 10 MB", (await Html.ParseAsync(await UploadAsync(new byte[AttachmentType.MaxBytes + 1], "stor.pdf"))).FieldError("file"), StringComparison.Ordinal);

        var links = (await lead.GetPageAsync($"/applications/{id}")).QuerySelectorAll("#attachments a").ToList();
        Assert.Equal(["budsjett.pdf", "plan.docx"], links.Select(a => a.TextContent));
        var download = await lead.GetAsync(links[1].GetAttribute("href"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.LeadGrorud).GetAsync(links[1].GetAttribute("href"))).StatusCode);
    }

    /// <summary>The server's clock decides: a second before the deadline is in time, the deadline itself is too late.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Submission_at_the_deadline_is_refused_a_second_before_it_is_accepted(TestDatabase db)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new HuslyApp(db, clock: clock);
        var manager = app.ClientFor(DemoAccounts.Manager);
        var noEndorsement = Html.Values(("Input[0].Name", "Utkast"));
        noEndorsement["Input[1].IsEnabled"] = null;
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(await manager.GetPageAsync($"/calls/stages/{DemoIds.Programme("BOSin")}"), "main form", noEndorsement)).StatusCode);
        var lead = app.ClientFor(DemoAccounts.LeadFrogner);
        var early = await StartAsync(lead);
        var late = await StartAsync(lead);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(lead, early)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(lead, late)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var closes = (await scope.ServiceProvider.GetRequiredService<HuslyDbContext>().Calls.SingleAsync(c => c.Id == DemoCalls.NextYear)).ClosesAt;

        var pages = (await lead.GetPageAsync($"/applications/{early}"), await lead.GetPageAsync($"/applications/{late}"));
        clock.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(closes, DateTimeKind.Utc)).AddSeconds(-1));
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(lead, pages.Item1, "Submit")).StatusCode);
        clock.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(closes, DateTimeKind.Utc)));
        var refused = await StepAsync(lead, pages.Item2, "Submit");
        Assert.Contains("Fristen gikk ut", (await Html.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStage.Submitted, (await RowAsync(app, early)).Stage);
        Assert.Equal(ApplicationStage.Draft, (await RowAsync(app, late)).Stage);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"{Open}/apply")).StatusCode);
        var closed = await lead.GetPageAsync($"{Open}/apply");
        Assert.Contains("ikke åpen", closed.QuerySelector("#not-open")!.TextContent, StringComparison.Ordinal);
        Assert.Null(closed.QuerySelector("#form-errors"));
        var afterDeadline = await lead.PostWithTokenAsync($"{Open}/apply", ("Input.Title", "For sent"), ("Input.LeadUnitId", DemoIds.District("Frogner").ToString()));
        Assert.Contains("ikke åpen", (await Html.ParseAsync(afterDeadline)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
    }
}
