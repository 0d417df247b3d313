using System.Net;
using AngleSharp.Html.Dom;
using Husly.Data;
using Husly.Data.DemoData;
using Husly.Features.Administration.Mail;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Husly.Tests.Features.Calls;

/// <summary>Issue 10 §1: calls created as drafts by the programme's managers, published with an invitation by mail.</summary>
public sealed class CallTests(Apps apps)
{
    private static readonly Guid Bosin = DemoIds.Programme("BOSin");
    private static readonly Guid BosoOslo = DemoIds.Programme("BOSO Oslo");

    /// <summary>A complete, valid call form; <paramref name="more"/> replaces fields of the same name or adds fields.</summary>
    private static (string, string?)[] ValidCall(Guid programme, string title, params (string, string?)[] more) =>
    [.. Defaults(programme, title).Where(d => !more.Any(m => m.Item1 == d.Item1)), .. more];

    private static (string, string?)[] Defaults(Guid programme, string title) =>
    [
        ("Input.ProgrammeId", programme.ToString()), ("Input.Year", "2028"), ("Input.Title", title),
        ("Input.Text", "Vi lyser ut **midler**."), ("Input.OpensOn", "01.03.2027"), ("Input.OpensTime", "09:00"),
        ("Input.ClosesOn", "15.04.2027"), ("Input.ClosesTime", "12:00"), ("Input.BudgetFrame", "2000000"),
        ("Input.Criteria[0].Name", "Innovasjonshøyde"), ("Input.Criteria[0].Weight", "60"),
        ("Input.Criteria[1].Name", "Nytte"), ("Input.Criteria[1].Weight", "40"),
        ("Input.Questions[0].Text", "Er dette ordinær drift?"), ("Input.Questions[0].DisqualifyingAnswer", "yes"),
        ("Input.Questions[0].Explanation", "Ordinær drift får ikke støtte."),
    ];

    private static async Task<Guid> CreateDraftAsync(HttpClient manager, Guid programme, string title, params (string, string?)[] more)
    {
        var response = await manager.SubmitAsync(await manager.GetPageAsync("/calls/create"), "main form", Html.Values(ValidCall(programme, title, more)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task<List<OutboxMessage>> InvitationsAsync(HuslyApp app, Guid call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var link = "/calls/" + call;
        return await scope.ServiceProvider.GetRequiredService<HuslyDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "call-published" && m.Body.Contains(link)).ToListAsync();
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_draft_is_seen_only_by_the_programmes_managers_until_it_is_published(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var title = $"Utkast {Guid.NewGuid():N}";
        var id = await CreateDraftAsync(manager, Bosin, title);

        var details = await manager.GetPageAsync($"/calls/{id}");
        Assert.Equal("Utkast", details.QuerySelector("#call-state")!.TextContent.Trim());
        Assert.Contains(title, (await manager.GetPageAsync("/calls")).QuerySelector("#drafts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("01.03.2027 09:00", details.QuerySelectorAll("#call-facts dd")[3].TextContent.Trim());
        Assert.Equal("100 %", details.QuerySelector("#criteria tfoot td")!.TextContent.Trim());

        foreach (var other in new[] { DemoAccounts.BosoManager, DemoAccounts.DirectorGrorud, DemoAccounts.LeadFrogner, DemoAccounts.PartnerNav, DemoAccounts.CaseWorkerGrorud })
        {
            var client = app.ClientFor(other);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calls/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calls/edit/{id}")).StatusCode);
            Assert.DoesNotContain(title, (await client.GetStringAsync("/calls")), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.DirectorGrorud).GetAsync("/calls/create")).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Bad_input_is_explained_in_Norwegian_and_nothing_typed_is_lost(TestDatabase db)
    {
        var manager = apps[db].ClientFor(DemoAccounts.Manager);
        var title = $"Feil {Guid.NewGuid():N}";
        var response = await manager.SubmitAsync(await manager.GetPageAsync("/calls/create"), "main form", Html.Values(ValidCall(Bosin, title,
            ("Input.ClosesOn", "01.02.2027"), ("Input.OpensTime", "25:00"), ("Input.Criteria[1].Weight", ""), ("Input.Criteria[2].Description", "Mangler navn"))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Skriv klokkeslettet som tt:mm, for eksempel 09:00.", page.FieldError("Input_OpensTime"));
        Assert.Equal("Skriv vekten (1–100), eller tøm raden.", page.FieldError("Input_Criteria_1__Weight"));
        Assert.Equal("Skriv navnet på kriteriet, eller tøm raden.", page.FieldError("Input_Criteria_2__Name"));
        Assert.Equal(title, ((IHtmlInputElement)page.GetElementById("Input_Title")!).Value);
        Assert.Equal("Mangler navn", ((IHtmlTextAreaElement)page.GetElementById("Input_Criteria_2__Description")!).Value);

        var order = await manager.SubmitAsync(await manager.GetPageAsync("/calls/create"), "main form", Html.Values(ValidCall(Bosin, title, ("Input.ClosesOn", "01.02.2027"))));
        Assert.Equal("Fristen må være etter at utlysningen åpner.", (await Html.ParseAsync(order)).FieldError("Input_ClosesOn"));
        // 02:30 on the last Sunday of March 2027 does not exist in Oslo: the clocks go from 02:00 to 03:00.
        var gap = await manager.SubmitAsync(await manager.GetPageAsync("/calls/create"), "main form", Html.Values(ValidCall(Bosin, title, ("Input.OpensOn", "28.03.2027"), ("Input.OpensTime", "02:30"))));
        Assert.StartsWith("Klokkeslettet finnes ikke den dagen", (await Html.ParseAsync(gap)).FieldError("Input_OpensTime"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Hostile_input_is_refused_with_a_message_never_an_error_page(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        async Task<IHtmlDocument> CreateAsync(params (string, string?)[] more)
        {
            var response = await manager.SubmitAsync(await manager.GetPageAsync("/calls/create"), "main form", Html.Values(ValidCall(Bosin, $"Fiendtlig {Guid.NewGuid():N}", more)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await Html.ParseAsync(response);
        }
        Assert.Equal("Skriv klokkeslettet som tt:mm, for eksempel 09:00.", (await CreateAsync(("Input.OpensTime", "\u0660\u0669:\u0660\u0660"))).FieldError("Input_OpensTime"));
        Assert.StartsWith("Teksten har for mange nivåer", (await CreateAsync(("Input.Text", new string('>', 300) + " sitat"))).FieldError("Input_Text"), StringComparison.Ordinal);
        var sameRow = Guid.NewGuid().ToString();
        Assert.Contains("Skjemaet var utdatert", (await CreateAsync(("Input.Criteria[0].Id", sameRow), ("Input.Criteria[1].Id", sameRow))).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        var stages = await manager.SubmitAsync(await manager.GetPageAsync($"/calls/stages/{Bosin}"), "main form", Html.Values(("Input[2].Name", "   ")));
        Assert.Equal(HttpStatusCode.OK, stages.StatusCode);
        Assert.Equal("Skriv et navn på steget.", (await Html.ParseAsync(stages)).FieldError("Input_2__Name"));

        // A published call cannot be edited into one that could not have been published.
        var published = await manager.SubmitAsync(await manager.GetPageAsync($"/calls/edit/{DemoCalls.LastYear}"), "main form", Html.Values(("Input.Criteria[0].Weight", "5")));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains("må til sammen bli 100", (await Html.ParseAsync(published)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Times_are_typed_in_Oslo_time_and_stored_in_UTC(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var id = await CreateDraftAsync(manager, Bosin, $"Tid {Guid.NewGuid():N}", ("Input.OpensOn", "15.01.2027"), ("Input.ClosesOn", "15.06.2027"));
        await using var scope = app.Services.CreateAsyncScope();
        var call = await scope.ServiceProvider.GetRequiredService<HuslyDbContext>().Calls.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(new DateTime(2027, 1, 15, 8, 0, 0), call.OpensAt); // winter: UTC+1
        Assert.Equal(new DateTime(2027, 6, 15, 10, 0, 0), call.ClosesAt); // summer: UTC+2
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Publishing_checks_the_call_and_mails_every_district_director_chosen_unit_and_subscriber_once(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var subscriber = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        Assert.Equal(HttpStatusCode.Redirect, (await subscriber.PostWithTokenAsync("/calls/subscriptions", ("programmeId", Bosin.ToString()), ("subscribe", "true"))).StatusCode);
        Assert.Contains("Slått på", (await subscriber.GetPageAsync("/calls/subscriptions")).QuerySelector("#subscriptions")!.TextContent, StringComparison.Ordinal);
        var nav = DemoIds.Organisation(ReferenceData.Nav);
        var id = await CreateDraftAsync(manager, Bosin, $"Publiseres {Guid.NewGuid():N}", ("Input.Criteria[1].Weight", "30"), ("Input.InvitedUnits", nav.ToString()));

        var refused = await manager.SubmitAsync(await manager.GetPageAsync($"/calls/{id}"), "form[action*='Publish']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vektene til vurderingskriteriene må til sammen bli 100", (await Html.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await InvitationsAsync(app, id));

        var edit = await manager.GetPageAsync($"/calls/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(edit, "main form", Html.Values(("Input.Criteria[1].Weight", "40")))).StatusCode);
        var draft = await manager.GetPageAsync($"/calls/{id}");
        var expected = draft.QuerySelector("#recipient-count")!.TextContent;
        var published = await manager.SubmitAsync(draft, "form[action*='Publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var mails = await InvitationsAsync(app, id);
        var to = mails.Select(m => m.To).ToList();
        Assert.Equal(to.Count, to.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(DemoAccounts.DirectorGrorud.Email, to);
        Assert.Contains(DemoAccounts.DirectorFrogner.Email, to);
        Assert.Contains(DemoAccounts.PartnerNav.Email, to);
        Assert.Contains(DemoAccounts.CaseWorkerStovner.Email, to);
        Assert.DoesNotContain(DemoAccounts.LeadGrorud.Email, to);
        Assert.StartsWith($"{mails.Count} mottakere", expected.Trim(), StringComparison.Ordinal);
        var arrived = await apps.Smtp.WaitForAsync(mails.Single(m => m.To == DemoAccounts.DirectorGrorud.Email).Id);
        Assert.Contains("Frist: 15.04.2027 12:00", arrived.TextBody, StringComparison.Ordinal);

        Assert.Equal("Kommende", (await app.ClientFor(DemoAccounts.LeadGrorud).GetPageAsync($"/calls/{id}")).QuerySelector("#call-state")!.TextContent.Trim());
        var again = await manager.SubmitAsync(draft, "form[action*='Publish']");
        Assert.Contains("allerede publisert", (await Html.ParseAsync(again)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(mails.Count, (await InvitationsAsync(app, id)).Count);

        await subscriber.PostWithTokenAsync("/calls/subscriptions", ("programmeId", Bosin.ToString()), ("subscribe", "false"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Two_managers_publishing_at_once_send_the_invitation_once(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.Manager);
        var owner = app.ClientFor(DemoAccounts.Owner);
        var id = await CreateDraftAsync(manager, Bosin, $"Samtidig {Guid.NewGuid():N}");
        var pages = await Task.WhenAll(manager.GetPageAsync($"/calls/{id}"), owner.GetPageAsync($"/calls/{id}"));
        var responses = await Task.WhenAll(manager.SubmitAsync(pages[0], "form[action*='Publish']"), owner.SubmitAsync(pages[1], "form[action*='Publish']"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = await Html.ParseAsync(responses.Single(r => r.StatusCode != HttpStatusCode.Redirect));
        Assert.Contains("publiser", loser.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var mails = await InvitationsAsync(app, id);
        Assert.Equal(mails.Count, mails.Select(m => m.To).Distinct().Count());
        Assert.Contains(mails, m => m.To == DemoAccounts.DirectorGrorud.Email);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_call_text_is_Markdown_that_cannot_run_code(TestDatabase db)
    {
        var manager = apps[db].ClientFor(DemoAccounts.Manager);
        var id = await CreateDraftAsync(manager, Bosin, $"Markdown {Guid.NewGuid():N}",
            ("Input.Text", "## Bakgrunn\n\n<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[klikk](javascript:alert(3)) og [BOSin](https://www.oslo.kommune.no)"));
        var text = (await manager.GetPageAsync($"/calls/{id}")).QuerySelector("#call-text")!;
        Assert.Equal("Bakgrunn", text.QuerySelector("h3")!.TextContent); // "##" sits below the page's h2 sections
        Assert.Null(text.QuerySelector("script"));
        Assert.Null(text.QuerySelector("img"));
        Assert.Contains("<script>alert(1)</script>", text.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(text.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(text.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://www.oslo.kommune.no");
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_stale_edit_is_refused_and_shows_what_was_saved(TestDatabase db)
    {
        var manager = apps[db].ClientFor(DemoAccounts.Manager);
        var owner = apps[db].ClientFor(DemoAccounts.Owner);
        var id = await CreateDraftAsync(manager, Bosin, $"Konflikt {Guid.NewGuid():N}");
        var mine = await manager.GetPageAsync($"/calls/edit/{id}");
        var theirs = await owner.GetPageAsync($"/calls/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync(theirs, "main form", Html.Values(("Input.Title", "Eierens tittel")))).StatusCode);
        var stale = await Html.ParseAsync(await manager.SubmitAsync(mine, "main form", Html.Values(("Input.Title", "Min tittel"))));
        Assert.Contains("Eierens tittel", stale.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Min tittel", ((IHtmlInputElement)stale.GetElementById("Input_Title")!).Value);
        Assert.Equal("Eierens tittel", (await manager.GetPageAsync($"/calls/{id}")).QuerySelector("h1")!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_programme_names_its_own_stages_and_switches_optional_ones(TestDatabase db)
    {
        var app = apps[db];
        var manager = app.ClientFor(DemoAccounts.BosoManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.Manager).GetAsync($"/calls/stages/{BosoOslo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.DirectorGrorud).GetAsync($"/calls/stages/{BosoOslo}")).StatusCode);
        var page = await manager.GetPageAsync($"/calls/stages/{BosoOslo}");
        var values = Html.Values(("Input[3].Name", "Faglig vurdering"), ("Input[4].IsEnabled", "true"));
        values["Input[1].IsEnabled"] = null; // unticked: the browser sends nothing
        var saved = await manager.SubmitAsync(page, "main form", values);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(saved)).QuerySelector("#form-errors")?.TextContent);

        var id = await CreateDraftAsync(manager, BosoOslo, $"Steg {Guid.NewGuid():N}");
        var flow = (await manager.GetPageAsync($"/calls/{id}")).QuerySelectorAll("#flow li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Utkast", "Sendt inn", "Faglig vurdering", "Andre vurderingsrunde", "Avgjort"], flow);

        var duplicate = await manager.SubmitAsync(await manager.GetPageAsync($"/calls/stages/{BosoOslo}"), "main form", Html.Values(("Input[2].Name", "Utkast")));
        Assert.Contains("To steg kan ikke ha samme navn.", (await Html.ParseAsync(duplicate)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var restore = Html.Values(("Input[3].Name", "Til vurdering"), ("Input[1].IsEnabled", "true"));
        restore["Input[4].IsEnabled"] = null;
        await manager.SubmitAsync(await manager.GetPageAsync($"/calls/stages/{BosoOslo}"), "main form", restore);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_demo_shows_an_open_call_and_last_years_call_to_everyone(TestDatabase db)
    {
        var page = await apps[db].ClientFor(DemoAccounts.LeadFrogner).GetPageAsync("/calls");
        Assert.Contains(page.QuerySelectorAll("#open a"), a => a.GetAttribute("href") == $"/calls/{DemoCalls.NextYear}");
        Assert.Contains(page.QuerySelectorAll("#past a"), a => a.GetAttribute("href") == $"/calls/{DemoCalls.LastYear}");
        Assert.Null(page.QuerySelector("a[href='/calls/create']"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_demo_shows_the_cycle_at_every_stage(TestDatabase db)
    {
        var app = apps[db];
        Assert.Contains("Nabovarsling for eldre", (await app.ClientFor(DemoAccounts.LeadGrorud).GetPageAsync("/applications")).QuerySelector("#mine")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bofellesskap for unge", (await app.ClientFor(DemoAccounts.DirectorFrogner).GetPageAsync("/applications")).QuerySelector("#to-endorse")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ikke levert", (await app.ClientFor(DemoAccounts.BosoManager).GetPageAsync("/reviews")).QuerySelector("#reviews")!.TextContent, StringComparison.Ordinal);
        var manager = app.ClientFor(DemoAccounts.Manager);
        Assert.Contains("Boveiledning på tvers", (await manager.GetPageAsync("/applications")).QuerySelector("#submitted")!.TextContent, StringComparison.Ordinal);
        var lastYear = (await manager.GetPageAsync($"/calls/{DemoCalls.LastYear}/assessment")).QuerySelector("#overview")!.TextContent;
        Assert.Contains("Husrom-hjerterom", lastYear, StringComparison.Ordinal);
        Assert.Contains("Digital husleieoppfølging", lastYear, StringComparison.Ordinal);
        var letter = await app.ClientFor(DemoAccounts.LeadFrogner).GetPageAsync($"/applications/{DemoIds.For($"application:{DemoCalls.LastYear}:Husrom-hjerterom")}/letter");
        Assert.Contains("Dere tildeles 850", letter.QuerySelector("#letter")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_published_call_with_applications_keeps_its_terms_its_deadline_and_a_frame_above_what_is_awarded(TestDatabase db)
    {
        var manager = apps[db].ClientFor(DemoAccounts.Manager);
        var edit = await manager.GetPageAsync($"/calls/edit/{DemoCalls.LastYear}");
        var weights = await Html.ParseAsync(await manager.SubmitAsync(edit, "main form", Html.Values(("Input.Criteria[0].Weight", "20"), ("Input.Criteria[1].Weight", "40"))));
        Assert.Contains("kan ikke endres etter at noen har begynt å søke", weights.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var frame = await Html.ParseAsync(await manager.SubmitAsync(edit, "main form", Html.Values(("Input.BudgetFrame", "100"))));
        Assert.StartsWith("Budsjettrammen kan ikke være mindre enn det som allerede er tildelt", frame.FieldError("Input_BudgetFrame"), StringComparison.Ordinal);
        var open = await manager.GetPageAsync($"/calls/edit/{DemoCalls.NextYear}");
        var past = await Html.ParseAsync(await manager.SubmitAsync(open, "main form", Html.Values(("Input.ClosesOn", "01.01.2026"), ("Input.OpensOn", "01.12.2025"))));
        Assert.Equal("Fristen kan ikke flyttes til et tidspunkt som har vært.", past.FieldError("Input_ClosesOn"));
        Assert.Equal("Vekt (%)", open.QuerySelector("label[for='Input_Criteria_0__Weight']")!.TextContent.Trim());
    }
}
