using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Husly.Data.DemoData;
using Husly.Features.Casework.Access;
using Husly.Features.Concerns;
using Husly.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Husly.Tests.Features.Concerns;

/// <summary>Issue 12 §1: the public worry channel — a report without signing in, routed by postcode, with a receipt code
/// to add to it later; validation that keeps what was typed; the abuse limits; and a database that does not answer,
/// where the reporter is told plainly that nothing was received.</summary>
public sealed partial class ReportTests(Apps apps)
{
    private const string Form = "main form[method=post]";

    [GeneratedRegex("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")]
    private static partial Regex CodeShape();

    public static string Marker() => "Bekymring " + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A complete worry; <paramref name="more"/> adds fields or replaces them.</summary>
    private static IDictionary<string, string?[]?> Worry(string whatSeen, string? postcode = "0976", params (string Name, string? Value)[] more)
    {
        var fields = new Dictionary<string, string?>
        {
            ["Input.PersonName"] = "Eldre mann i 3. etasje",
            ["Input.Address"] = "Ammerudveien 99",
            ["Input.Postcode"] = postcode,
            ["Input.WhatSeen"] = whatSeen,
            ["Input.Urgency"] = "Soon",
            ["Input.Relation"] = "Neighbour",
        };
        foreach (var (name, value) in more)
        {
            fields[name] = value;
        }
        return Html.Values([.. fields.Select(f => (f.Key, f.Value))]);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_neighbour_reports_without_signing_in_and_the_concern_goes_to_the_district_of_the_postcode(TestDatabase db)
    {
        var app = apps[db];
        var neighbour = app.ClientFor();
        var form = await neighbour.GetPageAsync("/bekymring");
        Assert.Contains("113", form.QuerySelector(".emergency")!.TextContent, StringComparison.Ordinal);
        var seen = Marker() + ": postkassen er full og han har ikke vært ute på to uker.";

        var response = await neighbour.SubmitAsync(form, Form, Worry(seen, more: ("Input.ReporterPhone", "912 34 567")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await Html.ParseAsync(response);
        var code = receipt.QuerySelector("#receipt-code")!.TextContent.Trim();
        Assert.Matches(CodeShape(), code);
        Assert.Contains("Bydel Grorud", receipt.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var concern = await app.QueryAsync(d => d.Concerns.AsNoTracking().SingleAsync(c => c.WhatSeen == seen));
        Assert.Equal(DemoIds.District("Grorud"), concern.DistrictId);
        Assert.Equal(ConcernStatus.Received, concern.Status);
        Assert.Equal(ConcernUrgency.Soon, concern.Urgency);
        Assert.Equal("912 34 567", concern.ReporterPhone);
        Assert.Null(concern.ReporterUserId);
        // Only a hash of the code is kept.
        Assert.Equal(ReceiptCode.Hash(ReceiptCode.Normalise(code)!), concern.ReceiptHash);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), concern.ReceiptHash, StringComparison.OrdinalIgnoreCase);
        var logged = await app.QueryAsync(d => d.AccessLog.AsNoTracking().Where(e => e.ConcernId == concern.Id).ToListAsync());
        Assert.Equal(AccessActions.ConcernReported, Assert.Single(logged).Action);
        Assert.Equal("Melder uten innlogging", logged[0].UserName);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Without_a_known_postcode_the_concern_goes_to_the_central_desk(TestDatabase db)
    {
        var app = apps[db];
        var client = app.ClientFor();
        var seen = Marker() + ": hun virker forvirret og fryser.";
        var receipt = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form,
            Worry(seen, postcode: "", ("Input.PersonName", ""), ("Input.Address", ""), ("Input.PersonDescription", "Dame rundt 80 som sitter på benken ved T-banen på Tøyen."))));
        Assert.Contains("sentralt mottak", receipt.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var sentrum = Marker() + ": sentrum.";
        await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(sentrum, postcode: "0151"));
        Assert.Equal([null, null], await app.QueryAsync(d => d.Concerns.Where(c => c.WhatSeen == seen || c.WhatSeen == sentrum).Select(c => c.DistrictId).ToListAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Bad_input_is_named_field_by_field_keeps_what_was_typed_and_stores_nothing(TestDatabase db)
    {
        var app = apps[db];
        var client = app.ClientFor();
        var seen = Marker() + " – dette skal stå igjen i feltet.";
        var page = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Html.Values(
            ("Input.WhatSeen", seen), ("Input.Postcode", "97"), ("Input.Relation", "Other"), ("Input.ReporterEmail", "ikke-en-adresse"))));
        Assert.Equal("Skriv navnet, adressen eller en beskrivelse av personen – det du vet.", page.FieldError("Input_PersonName"));
        Assert.Equal("Postnummeret har fire sifre, for eksempel 0976.", page.FieldError("Input_Postcode"));
        Assert.Equal("Velg hvor fort du mener noen bør se på dette.", page.FieldError("Input_Urgency"));
        Assert.Equal("Skriv hvem du er for personen.", page.FieldError("Input_RelationOther"));
        Assert.Equal("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.", page.FieldError("Input_ReporterEmail"));
        Assert.Equal(seen, page.QuerySelector("#Input_WhatSeen")!.TextContent);
        Assert.Equal("97", (page.QuerySelector("#Input_Postcode") as IHtmlInputElement)!.Value);
        Assert.NotNull(page.QuerySelector(".pkt-alert--error a[href='#Input_WhatSeen'], .pkt-alert--error a[href='#Input_PersonName']"));

        var tooLong = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form,
            Worry(new string('x', ConcernLimits.Text + 1))));
        Assert.Equal($"Teksten kan ha høyst {ConcernLimits.Text} tegn.", tooLong.FieldError("Input_WhatSeen"));

        // An identity number is more than the district needs, and the form says so instead of storing it.
        var number = Enumerable.Range(10, 90).Select(i => Husly.Common.IdentityNumber.Synthetic(new DateOnly(1941, 3, 2), i)).First(n => n is not null)!;
        var withNumber = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(seen + " " + number)));
        Assert.Equal("Ikke skriv fødselsnummer eller D-nummer. Navn og adresse er nok til at bydelen finner personen.", withNumber.FieldError("Input_WhatSeen"));

        Assert.Equal(0, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen.StartsWith(seen))));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_filled_in_trap_field_is_told_plainly_and_the_same_form_sent_twice_is_stored_once(TestDatabase db)
    {
        var app = apps[db];
        var client = app.ClientFor();
        var seen = Marker();
        var form = await client.GetPageAsync("/bekymring");
        var trapped = await client.SubmitAsync(form, Form, Worry(seen, more: ("Input.Website", "http://spam.example")));
        var trappedPage = await Html.ParseAsync(trapped);
        Assert.Contains("ble ikke mottatt", trappedPage.GetElementById("not-stored")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(seen, trappedPage.QuerySelector("#Input_WhatSeen")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen == seen)));

        Assert.NotNull((await Html.ParseAsync(await client.SubmitAsync(form, Form, Worry(seen)))).QuerySelector("#receipt-code"));
        var again = await Html.ParseAsync(await client.SubmitAsync(form, Form, Worry(seen)));
        Assert.Equal("Meldingen er allerede mottatt", again.QuerySelector("h1")!.TextContent);
        Assert.Null(again.QuerySelector("#receipt-code"));
        Assert.Equal(1, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen == seen)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_receipt_code_adds_information_later_and_never_shows_the_concern_back(TestDatabase db)
    {
        var app = apps[db];
        var client = app.ClientFor();
        var seen = Marker() + ": naboen roper om natten.";
        var code = (await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(seen))))
            .QuerySelector("#receipt-code")!.TextContent.Trim();
        var concernId = await app.QueryAsync(d => d.Concerns.Where(c => c.WhatSeen == seen).Select(c => c.Id).SingleAsync());

        // Typed as people type it: small letters, spaces instead of dashes.
        var added = await client.SubmitAsync(await client.GetPageAsync("/bekymring/tillegg"), Form, Html.Values(
            ("Input.Code", " " + code.ToLowerInvariant().Replace('-', ' ')), ("Input.Text", "Nå har han ikke tatt inn avisen på fire dager.")));
        var addedPage = await Html.ParseAsync(added);
        Assert.Contains("Tillegget er lagt til", addedPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("naboen roper", addedPage.Body!.TextContent, StringComparison.Ordinal);
        var addition = await app.QueryAsync(d => d.ConcernAdditions.AsNoTracking().SingleAsync(a => a.ConcernId == concernId));
        Assert.Equal("Nå har han ikke tatt inn avisen på fire dager.", addition.Text);

        var wrong = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring/tillegg"), Form, Html.Values(
            ("Input.Code", "AAAA-BBBB-CCCC"), ("Input.Text", "Dette skal stå igjen."))));
        Assert.Equal("Vi fant ingen melding med denne koden. Sjekk at den er skrevet riktig.", wrong.FieldError("Input_Code"));
        Assert.Equal("Dette skal stå igjen.", wrong.QuerySelector("#Input_Text")!.TextContent);
        var malformed = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring/tillegg"), Form, Html.Values(
            ("Input.Code", "ABC"), ("Input.Text", "Noe."))));
        Assert.Equal("Kvitteringskoden har 12 tegn, for eksempel ABCD-EFGH-JKLM.", malformed.FieldError("Input_Code"));

        var log = await app.QueryAsync(d => d.AccessLog.AsNoTracking().Where(e => e.ConcernId == concernId).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal([AccessActions.ConcernReported, AccessActions.ConcernAddition], log);
        Assert.Equal(1, await app.QueryAsync(d => d.ConcernAdditions.CountAsync(a => a.ConcernId == concernId)));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Information_added_to_a_closed_concern_puts_it_back_in_the_queue(TestDatabase db)
    {
        var app = apps[db];
        var client = app.ClientFor();
        var seen = Marker() + ": lukket, men mer kom.";
        var code = (await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(seen))))
            .QuerySelector("#receipt-code")!.TextContent.Trim();
        var id = await app.QueryAsync(d => d.Concerns.Where(c => c.WhatSeen == seen).Select(c => c.Id).SingleAsync());
        await app.WithDbAsync(async d =>
        {
            var concern = await d.Concerns.FirstAsync(c => c.Id == id);
            (concern.Status, concern.ClosedAt, concern.Outcome, concern.OutcomeReason) = (ConcernStatus.Closed, DateTime.UtcNow, ConcernOutcome.NoAction, "Ingen grunn.");
            await d.SaveChangesAsync();
        });
        var added = await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring/tillegg"), Form, Html.Values(
            ("Input.Code", code), ("Input.Text", "Nå har han falt i trappen."))));
        // The reporter hears the same as always; the district sees it again, new.
        Assert.Contains("Tillegget er lagt til", added.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var reopened = await app.QueryAsync(d => d.Concerns.AsNoTracking().Include(c => c.Events).FirstAsync(c => c.Id == id));
        Assert.Equal(ConcernStatus.Received, reopened.Status);
        Assert.True(reopened.DueAt > DateTime.UtcNow);
        Assert.Contains(reopened.Events, e => e.Kind == ConcernEventKind.Reopened);
        var page = await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetPageAsync("/concerns/" + id);
        Assert.Contains("Nye opplysninger fra melderen etter at meldingen var avsluttet.", page.QuerySelector("ol.history")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[action*='handler=Claim']"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_form_without_its_cookie_or_too_old_gets_its_text_back(TestDatabase db)
    {
        var app = apps[db];
        var seen = Marker() + " uten informasjonskapsel";
        var form = await app.ClientFor().GetPageAsync("/bekymring");
        // Another client: same form, but not the cookie that goes with its token.
        var stranger = app.ClientFor();
        var response = await stranger.SubmitAsync(form, Form, Worry(seen));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("skjemaet var for gammelt", page.GetElementById("not-stored")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(seen, page.QuerySelector("#Input_WhatSeen")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen == seen)));
        // The page it got back carries a fresh token and cookie: sending it again works.
        Assert.NotNull((await Html.ParseAsync(await stranger.SubmitAsync(page, Form))).QuerySelector("#receipt-code"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_partner_reports_signed_in_and_their_organisation_is_recorded(TestDatabase db)
    {
        var app = apps[db];
        var nav = app.ClientFor(DemoAccounts.PartnerNav);
        var form = await nav.GetPageAsync("/bekymring");
        Assert.Contains("Organisasjonen din blir registrert", form.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DemoAccounts.PartnerNav.Email, (form.QuerySelector("#Input_ReporterEmail") as IHtmlInputElement)!.Value);
        var seen = Marker() + ": husleien er ikke betalt på tre måneder.";
        Assert.NotNull((await Html.ParseAsync(await nav.SubmitAsync(form, Form, Worry(seen, more: ("Input.Relation", "Nav"))))).QuerySelector("#receipt-code"));
        var concern = await app.QueryAsync(d => d.Concerns.AsNoTracking().SingleAsync(c => c.WhatSeen == seen));
        Assert.Equal(DemoIds.User(DemoAccounts.PartnerNav.Email), concern.ReporterUserId);
        Assert.Equal(DemoIds.Organisation(DemoAccounts.PartnerNav.Unit), concern.ReporterOrganisationId);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Too_many_reports_from_one_address_are_refused_with_the_text_kept(TestDatabase db)
    {
        await using var app = new HuslyApp(db, new Dictionary<string, string> { ["Concerns:ReportsPerHourPerAddress"] = "2" });
        var client = app.ClientFor();
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull((await Html.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(Marker())))).QuerySelector("#receipt-code"));
        }
        var third = Marker();
        var refused = await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(third));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("ble ikke mottatt", page.GetElementById("not-stored")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(third, page.QuerySelector("#Input_WhatSeen")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen == third)));
        // Guessing receipt codes counts against the same limit.
        var guess = await client.SubmitAsync(await client.GetPageAsync("/bekymring/tillegg"), Form, Html.Values(("Input.Code", "AAAA-BBBB-CCCC"), ("Input.Text", "x")));
        Assert.Equal(HttpStatusCode.TooManyRequests, guess.StatusCode);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task When_the_database_does_not_answer_the_reporter_is_told_and_can_send_the_same_form_again(TestDatabase db)
    {
        await using var app = new HuslyApp(db, new Dictionary<string, string> { ["Concerns:SaveTimeoutSeconds"] = "1" });
        var client = app.ClientFor();
        var form = await client.GetPageAsync("/bekymring");
        // Warm the postcode list, so it is the save that meets the held database.
        await client.SubmitAsync(await client.GetPageAsync("/bekymring"), Form, Worry(Marker()));
        var seen = Marker() + ": lukter røyk fra leiligheten hver kveld.";

        HttpResponseMessage refused;
        await using (var holder = await HoldAsync(app))
        {
            refused = await client.SubmitAsync(form, Form, Worry(seen));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Meldingen ble ikke mottatt", page.GetElementById("not-stored")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(seen, page.QuerySelector("#Input_WhatSeen")!.TextContent);
        Assert.Equal("Ammerudveien 99", (page.QuerySelector("#Input_Address") as IHtmlInputElement)!.Value);
        Assert.Equal(0, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen == seen)));

        // The page that said "not received" holds everything: sending it again once the database answers stores it.
        var resent = await Html.ParseAsync(await client.SubmitAsync(page, Form));
        Assert.NotNull(resent.QuerySelector("#receipt-code"));
        Assert.Equal(1, await app.QueryAsync(d => d.Concerns.CountAsync(c => c.WhatSeen == seen)));
    }

    [Fact]
    public void An_ipv6_sender_is_limited_by_its_64_block_and_an_ipv4_sender_by_its_address()
    {
        Assert.Equal(ConcernRateLimit.Partition(System.Net.IPAddress.Parse("2001:db8:1:2::1")), ConcernRateLimit.Partition(System.Net.IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ConcernRateLimit.Partition(System.Net.IPAddress.Parse("2001:db8:1:2::1")), ConcernRateLimit.Partition(System.Net.IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("192.0.2.7", ConcernRateLimit.Partition(System.Net.IPAddress.Parse("::ffff:192.0.2.7")));
    }

    /// <summary>Holds the concerns table so no write gets through: an exclusive transaction on SQLite, an exclusive table
    /// lock on PostgreSQL. Released when disposed.</summary>
    private static async Task<IAsyncDisposable> HoldAsync(HuslyApp app)
    {
        if (app.Database == TestDatabase.Sqlite)
        {
            var connection = new SqliteConnection(app.ConnectionString + ";Pooling=False");
            await connection.OpenAsync();
            await using (var begin = new SqliteCommand("BEGIN EXCLUSIVE;", connection))
            {
                await begin.ExecuteNonQueryAsync();
            }
            return connection;
        }
        var pg = new NpgsqlConnection(app.ConnectionString + ";Pooling=false");
        await pg.OpenAsync();
        await using (var lockTable = new NpgsqlCommand("BEGIN; LOCK TABLE \"Concerns\" IN ACCESS EXCLUSIVE MODE;", pg))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        return pg;
    }
}
