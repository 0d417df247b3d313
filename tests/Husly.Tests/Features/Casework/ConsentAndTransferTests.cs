using System.Net;
using AngleSharp.Html.Dom;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Casework;

/// <summary>Consent per purpose, checked when a partner is added and a transfer starts; transfer across districts.</summary>
public sealed class ConsentAndTransferTests(Apps apps)
{
    private static async Task<HttpResponseMessage> AddConsentAsync(HttpClient client, string url, string purpose, string? partner = null, string? expires = null)
    {
        var page = await client.GetPageAsync(url);
        return await client.SubmitAsync(page, "form[action*='handler=AddConsent']", Html.Values(
            ("NewConsent.Purpose", purpose), ("NewConsent.PartnerKind", partner ?? ""), ("NewConsent.Scope", "Opplysninger om bosituasjon og oppfølging"),
            ("NewConsent.GivenOn", "2026-01-02"), ("NewConsent.ExpiresOn", expires ?? "")));
    }

    private static string Today => DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd");

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_partner_is_added_only_with_a_valid_consent_and_a_withdrawn_consent_shows_as_lapsed(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";

        var partner = Html.Values(("NewPartner.Kind", "Nav"), ("NewPartner.ContactName", "Veileder Vik"));
        var refused = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddPartner"), "form[action*=\'handler=AddPartner\']", partner);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Brukeren har ikke et gyldig samtykke til å dele opplysninger med denne typen samarbeidspartner. Registrer samtykket under «Samtykke» på brukerens side først.",
            (await Html.ParseAsync(refused)).FieldError("NewPartner_Kind"));

        var noKind = await Html.ParseAsync(await AddConsentAsync(eva, url, "ShareWithPartner"));
        Assert.Equal("Velg hvilken samarbeidspartner samtykket gjelder.", noKind.FieldError("NewConsent_PartnerKind"));
        Assert.Equal(HttpStatusCode.Redirect, (await AddConsentAsync(eva, url, "ShareWithPartner", "Nav")).StatusCode);
        // A consent for NAV does not cover the police.
        var police = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddPartner"), "form[action*=\'handler=AddPartner\']",
            Html.Values(("NewPartner.Kind", "Police"), ("NewPartner.ContactName", "Forebygger")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, police.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddPartner"), "form[action*=\'handler=AddPartner\']", partner)).StatusCode);
        var page = await eva.GetPageAsync(url);
        Assert.Contains("NAV: Veileder Vik", page.QuerySelector("ul.partners")!.TextContent);
        Assert.Equal("Ja", page.QuerySelector("#consents .consent-status")!.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(page, "form[action*='handler=WithdrawConsent']")).StatusCode);
        var withdrawn = await eva.GetPageAsync(url);
        Assert.StartsWith("Nei, trukket tilbake", withdrawn.QuerySelector("#consents .consent-status")!.TextContent.Trim());
        var caseload = await eva.GetPageAsync("/casework");
        Assert.Contains($"/casework/residents/details/{id}", caseload.GetElementById("lapsed-consents")!.InnerHtml);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_transfer_needs_consent_waits_in_the_receiving_queue_and_moves_access_on_acceptance(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerStovner, DemoCasework.TeamStovner, "Stovner");
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var url = $"/casework/residents/details/{id}";
        var propose = Html.Values(("NewTransfer.ToDistrictId", DemoIds.District("Grorud").ToString()), ("NewTransfer.Note", "Har fått kommunal bolig på Ammerud."));

        var noConsent = await ola.SubmitAsync(await ola.GetActionPageAsync(url, "ProposeTransfer"), "form[action*=\'handler=ProposeTransfer\']", propose);
        Assert.Equal("Brukeren har ikke et gyldig samtykke til brukerbytte. Registrer samtykket under «Samtykke» på brukerens side først.", (await Html.ParseAsync(noConsent)).FieldError("NewTransfer_ToDistrictId"));
        Assert.Equal(HttpStatusCode.Redirect, (await AddConsentAsync(ola, url, "Transfer")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ola.SubmitAsync(await ola.GetActionPageAsync(url, "ProposeTransfer"), "form[action*=\'handler=ProposeTransfer\']", propose)).StatusCode);
        Assert.Contains("Bydel Grorud: Foreslått", (await ola.GetPageAsync(url)).QuerySelector(".transfer-status")!.TextContent);

        // Grorud's team leader sees it waiting and may read the resident before deciding; Grorud's workers may not yet.
        var lars = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var queue = await lars.GetPageAsync("/casework/transfers");
        var card = Card(queue, id);
        Assert.Contains("Har ventet 0 dager.", card.TextContent);
        Assert.Contains("Har fått kommunal bolig på Ammerud.", card.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await lars.GetAsync(url)).StatusCode);
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        Assert.Equal(HttpStatusCode.NotFound, (await eva.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eva.GetAsync("/casework/transfers")).StatusCode);

        var missingContact = await lars.SubmitAsync(queue, $"article[data-resident='{id}'] form[action*='handler=Accept']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingContact.StatusCode);
        Assert.Contains("Velg en kontaktperson i bydelen.", (await Html.ParseAsync(missingContact)).QuerySelector(".field-error")!.TextContent);
        var accepted = await lars.SubmitAsync(queue, $"article[data-resident='{id}'] form[action*='handler=Accept']", Html.Values(
            ("teamId", DemoIds.Organisation(DemoCasework.TeamGrorud).ToString()), ("contactPersonId", DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email).ToString())));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        // Grorud now follows the resident up; Stovner keeps read-only access for a while; the history stays whole.
        var evaPage = await eva.GetPageAsync(url);
        Assert.Equal(2, evaPage.QuerySelectorAll(".enrolment").Length);
        Assert.Contains("Flyttet til annen bydel (brukerbytte)", evaPage.QuerySelectorAll(".enrolment")[1].TextContent);
        Assert.NotEmpty(evaPage.QuerySelectorAll("a[data-action='LogHours']"));
        var olaPage = await ola.GetPageAsync(url);
        Assert.Empty(olaPage.QuerySelectorAll("form[action*='handler=']"));
        Assert.Contains("Akseptert", Card(await lars.GetPageAsync("/casework/transfers"), id).TextContent, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_declined_transfer_needs_a_reason_that_the_proposing_district_sees(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerStovner, DemoCasework.TeamStovner, "Stovner");
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var url = $"/casework/residents/details/{id}";
        await AddConsentAsync(ola, url, "Transfer");
        await ola.SubmitAsync(await ola.GetActionPageAsync(url, "ProposeTransfer"), "form[action*=\'handler=ProposeTransfer\']",
            Html.Values(("NewTransfer.ToDistrictId", DemoIds.District("Grorud").ToString()), ("NewTransfer.Note", "Flytter til Grorud.")));

        var lars = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var queue = await lars.GetPageAsync("/casework/transfers");
        var empty = await lars.SubmitAsync(queue, $"article[data-resident='{id}'] form[action*='handler=Decline']");
        Assert.Contains("Skriv hvorfor bydelen avslår brukerbyttet.", (await Html.ParseAsync(empty)).QuerySelector(".field-error")!.TextContent);
        await lars.SubmitAsync(queue, $"article[data-resident='{id}'] form[action*='handler=Decline']", Html.Values(("reason", "Adressen ligger i Alna.")));

        var status = (await ola.GetPageAsync(url)).QuerySelector(".transfer-status")!.TextContent;
        Assert.Contains("Bydel Grorud: Avslått", status);
        Assert.EndsWith("– Adressen ligger i Alna.", status.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await lars.GetAsync(url)).StatusCode);
    }

    /// <summary>A waiting proposal lets the receiving district read the resident, so it lapses with its grounds.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_waiting_transfer_lapses_when_consent_is_withdrawn_the_follow_up_ends_or_the_sender_takes_it_back(TestDatabase db)
    {
        var app = apps[db];
        var ola = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        var lars = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        async Task<(Guid Id, string Url)> ProposedAsync()
        {
            var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerStovner, DemoCasework.TeamStovner, "Stovner");
            var url = $"/casework/residents/details/{id}";
            Assert.Equal(HttpStatusCode.Redirect, (await AddConsentAsync(ola, url, "Transfer")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await ola.SubmitAsync(await ola.GetActionPageAsync(url, "ProposeTransfer"), "form[action*='handler=ProposeTransfer']",
                Html.Values(("NewTransfer.ToDistrictId", DemoIds.District("Grorud").ToString()), ("NewTransfer.Note", "Flytter.")))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await lars.GetAsync(url)).StatusCode);
            return (id, url);
        }

        // 1. The consent to transfer is withdrawn: the proposal lapses and Grorud no longer reads the resident.
        var (_, firstUrl) = await ProposedAsync();
        var page = await ola.GetPageAsync(firstUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await ola.SubmitAsync(page, "form[action*='handler=WithdrawConsent']")).StatusCode);
        Assert.Contains("Trukket tilbake", (await ola.GetPageAsync(firstUrl)).QuerySelector(".transfer-status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await lars.GetAsync(firstUrl)).StatusCode);

        // 2. Stovner closes its follow-up: the proposal from it lapses too.
        var (second, secondUrl) = await ProposedAsync();
        var close = await ola.GetActionPageAsync(secondUrl, "CloseEnrolment");
        var closed = await ola.SubmitAsync(close, "form[action*='handler=CloseEnrolment']", Html.Values(("Close.End", Today), ("Close.Reason", "MovedAway")));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lars.GetAsync(secondUrl)).StatusCode);
        Assert.Equal(Husly.Features.Casework.FollowUp.TransferStatus.Withdrawn,
            await app.QueryAsync(d => d.Transfers.Where(t => t.ResidentId == second).Select(t => t.Status).SingleAsync()));

        // 3. Stovner takes a proposal back on the transfer page.
        var (third, thirdUrl) = await ProposedAsync();
        // The resident page offers no new proposal while one waits, but offers to take it back, next to its status.
        Assert.Null((await ola.GetPageAsync(thirdUrl)).QuerySelector("a[data-action='ProposeTransfer']"));
        var withdrawPage = await ola.GetActionPageAsync(thirdUrl, "WithdrawTransfer");
        Assert.Equal("Forslag om brukerbytte", withdrawPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await ola.SubmitAsync(withdrawPage, "form[action*='handler=WithdrawTransfer']")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lars.GetAsync(thirdUrl)).StatusCode);

        // 4. Accepting checks the grounds again: a consent that has run out since the proposal makes it lapse, not succeed.
        var (fourth, fourthUrl) = await ProposedAsync();
        await app.WithDbAsync(async d =>
        {
            foreach (var consent in await d.Consents.Where(c => c.ResidentId == fourth).ToListAsync())
            {
                consent.ExpiresOn = DateOnly.FromDateTime(DateTime.Now).AddDays(-1);
            }
            await d.SaveChangesAsync();
        });
        var queue = await lars.GetPageAsync("/casework/transfers");
        var accept = await lars.SubmitAsync(queue, $"article[data-resident='{fourth}'] form[action*='handler=Accept']", Html.Values(
            ("teamId", DemoIds.Organisation(DemoCasework.TeamGrorud).ToString()), ("contactPersonId", DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email).ToString())));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, accept.StatusCode);
        Assert.Equal(1, await app.QueryAsync(d => d.Enrolments.CountAsync(e => e.ResidentId == fourth)));
        Assert.Equal(HttpStatusCode.NotFound, (await lars.GetAsync(fourthUrl)).StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_cooperation_meeting_is_recorded_with_participants_and_minutes(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";

        var future = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddMeeting"), "form[action*=\'handler=AddMeeting\']",
            Html.Values(("Meeting.HeldOn", DateOnly.FromDateTime(DateTime.Now).AddDays(3).ToString("yyyy-MM-dd")), ("Meeting.Participants", "Eva Strand"), ("Meeting.Minutes", "")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        var page = await Html.ParseAsync(future);
        Assert.Equal("Et møte kan ikke føres før det er holdt.", page.FieldError("Meeting_HeldOn"));
        Assert.Equal("Skriv referatet.", page.FieldError("Meeting_Minutes"));

        var saved = await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddMeeting"), "form[action*=\'handler=AddMeeting\']", Html.Values(
            ("Meeting.HeldOn", Today), ("Meeting.Participants", "Eva Strand, bydelen\nVeileder Vik, NAV\nBrukeren"),
            ("Meeting.Minutes", "Avtalt fast trekk av husleie. Ny gjennomgang om en måned.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var meeting = (await eva.GetPageAsync(url)).QuerySelector("details.meeting")!;
        Assert.Contains("3 deltakere", meeting.QuerySelector("summary")!.TextContent);
        Assert.Contains("Avtalt fast trekk av husleie.", meeting.TextContent);
    }

    /// <summary>Issue 9 §3: a partner in a cooperation meeting needs the resident's consent on the day of the meeting, as
    /// adding the partner did; the meeting records who took part.</summary>
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_partner_takes_part_in_a_meeting_only_with_consent_on_that_day(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var url = $"/casework/residents/details/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await AddConsentAsync(eva, url, "ShareWithPartner", "Nav")).StatusCode); // given 2026-01-02
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(await eva.GetActionPageAsync(url, "AddPartner"), "form[action*=\'handler=AddPartner\']",
            Html.Values(("NewPartner.Kind", "Nav"), ("NewPartner.ContactName", "Veileder Vik")))).StatusCode);
        var page = await eva.GetActionPageAsync(url, "AddMeeting");
        var partnerId = page.QuerySelector("input[name='Meeting.PartnerIds']")!.GetAttribute("value")!;

        var before = await eva.SubmitAsync(page, "form[action*='handler=AddMeeting']", Html.Values(("Meeting.HeldOn", "2026-01-01"),
            ("Meeting.PartnerIds", partnerId), ("Meeting.Participants", "Eva Strand, bydelen"), ("Meeting.Minutes", "Før samtykket.")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, before.StatusCode);
        Assert.Contains("hadde ikke gyldig samtykke", (await Html.ParseAsync(before)).GetElementById("form-errors")!.TextContent);
        var stranger = await eva.SubmitAsync(page, "form[action*='handler=AddMeeting']", Html.Values(("Meeting.HeldOn", Today),
            ("Meeting.PartnerIds", Guid.NewGuid().ToString()), ("Meeting.Participants", "Eva"), ("Meeting.Minutes", "Ukjent partner.")));
        Assert.Contains("Velg blant samarbeidspartnerne i denne oppfølgingen.", (await Html.ParseAsync(stranger)).GetElementById("form-errors")!.TextContent);

        var saved = await eva.SubmitAsync(page, "form[action*='handler=AddMeeting']", Html.Values(("Meeting.HeldOn", Today),
            ("Meeting.PartnerIds", partnerId), ("Meeting.Participants", "Eva Strand, bydelen"), ("Meeting.Minutes", "Avtalt oppfølging med NAV.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var meeting = (await eva.GetPageAsync(url)).QuerySelector("details.meeting")!;
        Assert.Contains("Veileder Vik", meeting.TextContent);
        Assert.Contains("2 deltakere", meeting.QuerySelector("summary")!.TextContent);
    }

    private static AngleSharp.Dom.IElement Card(IHtmlDocument queue, Guid residentId) =>
        queue.QuerySelector($"article[data-resident='{residentId}']") ?? throw new InvalidOperationException("No transfer card for the resident");
}
