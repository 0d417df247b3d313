using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Husly.Data.DemoData;
using Husly.Features.Concerns.Rent;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Concerns;

/// <summary>Issue 12 §3: the rent ledger import (upload and API), row-by-row validation with a report of refused rows,
/// idempotence, and the alert rules — to the contact person of a tenant in follow-up, to the district's queue otherwise —
/// with outcomes recorded.</summary>
public sealed class RentImportTests(Apps apps)
{
    private const string Header = "leieforhold;fodselsnummer;navn;adresse;postnummer;leieforhold_fra;periode;husleie;innbetalt;saldo;begjaering_fravikelse";

    private static string Synthetic(int day) =>
        Enumerable.Range(100, 300).Select(i => Husly.Common.IdentityNumber.Synthetic(new DateOnly(1960, 5, day), i)).First(n => n is not null)!;

    private static async Task<RentImport> UploadAsync(HuslyApp app, string csv, string name = "husleie.csv")
    {
        var admin = app.ClientFor(DemoAccounts.Admin);
        var page = await admin.GetPageAsync("/administration/rent-ledger");
        var token = page.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name },
        };
        var response = await admin.PostAsync("/administration/rent-ledger", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        return await DoneAsync(app, id);
    }

    private static async Task<RentImport> DoneAsync(HuslyApp app, Guid id)
    {
        for (var i = 0; i < 600; i++)
        {
            var import = await app.QueryAsync(d => d.RentImports.AsNoTracking().Include(x => x.Rejections).FirstAsync(x => x.Id == id));
            if (import.Status is ImportStatus.Done or ImportStatus.Failed)
            {
                return import;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The import did not finish in 60 s");
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_upload_is_checked_row_by_row_raises_alerts_by_the_rules_and_the_same_rows_again_change_nothing(TestDatabase db)
    {
        var app = apps[db];
        var run = Guid.NewGuid().ToString("N")[..8];
        var kari = await app.QueryAsync(d => d.Residents.AsNoTracking().FirstAsync(r => r.Id == DemoCasework.Named.KariGrorud));
        var stranger = Synthetic(11);
        var paidUp = Synthetic(12);
        var lines = new[]
        {
            Header,
            $"K-{run};{kari.IdentityNumber};Kari Testesen;Ammerudveien 1;0958;01.02.2024;2026-10;9 000,00;0;18 000,00;",
            $"K-{run};{kari.IdentityNumber};Kari Testesen;Ammerudveien 1;0958;01.02.2024;2026-11;9000.00;0;27000.00;",
            $"S-{run};{stranger};Sven Fremmed;Romsåsveien 2;0970;2020-01-01;2026-11;8000;8000;0;20.11.2026",
            $"P-{run};{paidUp};Per Betaler;Rødtvetveien 3;0955;01.01.2019;2026-11;8000;8000;0;",
            $"X-{run};{stranger[..10]}{(stranger[10] - '0' + 1) % 10};Feil Nummer;Gata 1;0958;01.01.2020;2026-11;9000;9000;0;",
            $"Y-{run};{paidUp};Feil Periode;Gata 2;0958;01.01.2020;2026-13;9000;9000;0;",
            $"P-{run};{paidUp};Per Betaler;Rødtvetveien 3;0955;01.01.2019;2026-11;8000;8000;0;",
            "",
        };
        var csv = string.Join('\n', lines);
        var import = await UploadAsync(app, csv);
        Assert.Equal(ImportStatus.Done, import.Status);
        Assert.Equal((7, 4, 3, 2), (import.TotalRows, import.Added, import.Rejected, import.AlertsCreated));
        Assert.Equal([(6, "«fodselsnummer» er ikke et gyldig fødselsnummer eller D-nummer."), (7, "«periode» må være år og måned som åååå-mm."),
            (8, "Samme leieforhold og periode står på en tidligere linje i filen.")], import.Rejections.OrderBy(r => r.Row).Select(r => (r.Row, r.Reason)));
        // Identity numbers are stored encrypted, never in clear.
        var stored = await app.QueryAsync(d => d.RentLedgerLines.AsNoTracking().Where(l => l.TenancyId == $"S-{run}").SingleAsync());
        Assert.DoesNotContain(stranger, stored.IdentityNumberCipher, StringComparison.Ordinal);

        var alerts = await app.QueryAsync(d => d.RentAlerts.AsNoTracking().Where(a => a.TenancyId.EndsWith(run)).OrderBy(a => a.TenancyId).ToListAsync());
        Assert.Equal(2, alerts.Count);
        var arrears = alerts.Single(a => a.TenancyId == $"K-{run}");
        Assert.Equal((RentAlertKind.Arrears, "2026-11", DemoCasework.Named.KariGrorud, DemoIds.User(DemoAccounts.CaseWorkerGrorud.Email)),
            (arrears.Kind, arrears.Period, arrears.ResidentId, arrears.AssignedToId));
        Assert.Equal("Restanse 27 000 kr (3 måneders husleie) for 2026-11.", arrears.Reason.Replace('\u00a0', ' '));
        var petition = alerts.Single(a => a.TenancyId == $"S-{run}");
        Assert.Equal((RentAlertKind.Petition, (Guid?)DemoIds.District("Grorud"), (Guid?)null), (petition.Kind, petition.DistrictId, petition.AssignedToId));
        // The contact person is told there is something, not who.
        var mail = await app.QueryAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Kind == "rent-alert" && m.To == DemoAccounts.CaseWorkerGrorud.Email)
            .OrderByDescending(m => m.CreatedAt).FirstAsync());
        Assert.DoesNotContain("Kari", mail.Body, StringComparison.Ordinal);

        // The same file again is not read; the same rows in a new file change nothing and raise nothing new.
        var again = await app.ClientFor(DemoAccounts.Admin).GetPageAsync("/administration/rent-ledger/" + import.Id);
        Assert.Contains("Avvist: 3", again.GetElementById("counts")!.TextContent, StringComparison.Ordinal);
        var count = await app.QueryAsync(d => d.RentImports.CountAsync());
        Assert.Equal(import.Id, (await UploadAsync(app, csv)).Id);
        Assert.Equal(count, await app.QueryAsync(d => d.RentImports.CountAsync()));
        var second = await UploadAsync(app, csv.Replace("Per Betaler;Rødtvetveien 3;0955;01.01.2019;2026-11;8000;8000;0;\n", "Per Betaler;Rødtvetveien 3;0955;01.01.2019;2026-11;8000;8000;-50;\n", StringComparison.Ordinal) + "\n");
        Assert.Equal((0, 1, 3, 0), (second.Added, second.Updated, second.Unchanged, second.AlertsCreated));
        Assert.Equal(2, await app.QueryAsync(d => d.RentAlerts.CountAsync(a => a.TenancyId.EndsWith(run))));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_contact_person_and_the_district_see_their_alerts_and_record_the_outcome(TestDatabase db)
    {
        var app = apps[db];
        var run = Guid.NewGuid().ToString("N")[..8];
        var kari = await app.QueryAsync(d => d.Residents.AsNoTracking().FirstAsync(r => r.Id == DemoCasework.Named.KariGrorud));
        await UploadAsync(app, string.Join('\n', Header,
            $"K-{run};{kari.IdentityNumber};Kari Testesen;Ammerudveien 1;0958;01.02.2024;2026-11;9000;0;30000;",
            $"N-{run};{Synthetic(13)};Nina Ny;Romsåsveien 5;0970;01.09.2026;2026-11;9000;4000;5000;"));
        var alerts = await app.QueryAsync(d => d.RentAlerts.AsNoTracking().Where(a => a.TenancyId.EndsWith(run)).ToListAsync());
        var kariAlert = alerts.Single(a => a.TenancyId == $"K-{run}");
        // Arrears of 5,000 are under both thresholds, but the tenancy is two months old: people who lose a new home quickly.
        Assert.Equal(RentAlertKind.NewTenancyArrears, alerts.Single(a => a.TenancyId == $"N-{run}").Kind);

        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var list = (await eva.GetPageAsync("/concerns/alerts")).QuerySelector("table.alert-list")!.TextContent;
        Assert.Contains("Kari Testesen", list, StringComparison.Ordinal);
        Assert.Contains("Nina Ny", list, StringComparison.Ordinal);
        // Another district's worker sees neither, and the id answers as not found (logged as refused).
        var stovner = app.ClientFor(DemoAccounts.CaseWorkerStovner);
        Assert.DoesNotContain("Nina Ny", (await stovner.GetPageAsync("/concerns/alerts")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stovner.GetAsync("/concerns/alerts/" + kariAlert.Id)).StatusCode);
        Assert.True(await app.QueryAsync(d => d.AccessLog.AnyAsync(e => e.ConcernId == kariAlert.Id && e.UserId == DemoIds.User(DemoAccounts.CaseWorkerStovner.Email)
            && e.Outcome == Husly.Features.Casework.Access.AccessOutcome.Denied)));
        // Kari's alert is Eva's: her colleague on another team does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.CaseWorkerGrorudFact).GetAsync("/concerns/alerts/" + kariAlert.Id)).StatusCode);

        var page = await eva.GetPageAsync("/concerns/alerts/" + kariAlert.Id);
        var other = await Html.ParseAsync(await eva.SubmitAsync(page, "main form[method=post]", Html.Values(("Close.Outcome", "Other"))));
        Assert.Contains("Skriv hva som skjedde når du velger «Annet».", other.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await eva.SubmitAsync(page, "main form[method=post]", Html.Values(("Close.Outcome", "PaymentPlan"),
            ("Close.OutcomeNote", "Avtale om 1 500 kr i måneden i tillegg til husleien.")))).StatusCode);
        var closed = await app.QueryAsync(d => d.RentAlerts.AsNoTracking().FirstAsync(a => a.Id == kariAlert.Id));
        Assert.Equal((false, RentAlertOutcome.PaymentPlan), (closed.IsOpen, closed.Outcome));
        // A second close from the same (stale) page is refused, not saved over.
        var stale = await Html.ParseAsync(await eva.SubmitAsync(page, "main form[method=post]", Html.Values(("Close.Outcome", "Evicted"))));
        Assert.NotNull(stale.QuerySelector("#form-errors"));
        Assert.Equal(RentAlertOutcome.PaymentPlan, (await app.QueryAsync(d => d.RentAlerts.AsNoTracking().FirstAsync(a => a.Id == kariAlert.Id))).Outcome);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task An_unclosed_quote_refuses_its_own_line_and_a_file_not_in_utf8_is_refused_whole(TestDatabase db)
    {
        var app = apps[db];
        var run = Guid.NewGuid().ToString("N")[..8];
        var import = await UploadAsync(app, string.Join('\n', Header,
            $"Q1-{run};{Synthetic(15)};Anne Først;\"Gata 1; oppgang B\";0958;01.01.2020;2026-11;9000;9000;0;",
            $"Q2-{run};{Synthetic(16)};\"uavsluttet;Gata 2;0958;01.01.2020;2026-11;9000;9000;0;",
            $"Q3-{run};{Synthetic(17)};Tor Tredje;Gata 3;0958;01.01.2020;2026-11;9000;9000;0;"));
        Assert.Equal((3, 2, 1), (import.TotalRows, import.Added, import.Rejected));
        Assert.Equal((3, "Et anførselstegn (\") er ikke lukket på linjen."), (import.Rejections.Single().Row, import.Rejections.Single().Reason));
        Assert.Equal("Gata 1; oppgang B", await app.QueryAsync(d => d.RentLedgerLines.Where(l => l.TenancyId == $"Q1-{run}").Select(l => l.Address).SingleAsync()));

        var admin = app.ClientFor(DemoAccounts.Admin);
        var page = await admin.GetPageAsync("/administration/rent-ledger");
        var latin1 = Encoding.Latin1.GetBytes(Header + "\n" + $"L-{run};{Synthetic(18)};Åse Øvrebø;Grorudveien 3;0958;01.01.2020;2026-11;9000;0;27000;\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(latin1), "file", "latin1.csv" },
        };
        var refused = await Html.ParseAsync(await admin.PostAsync("/administration/rent-ledger", form));
        Assert.Contains("Filen er ikke lagret som UTF-8", refused.GetElementById("file-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(d => d.RentLedgerLines.AnyAsync(l => l.TenancyId == $"L-{run}")));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_landlords_system_drops_a_file_by_api_with_its_key(TestDatabase db)
    {
        var app = apps[db];
        var run = Guid.NewGuid().ToString("N")[..8];
        var csv = Header + "\n" + $"A-{run};{Synthetic(14)};Anne Api;Vestlisvingen 9;0986;01.01.2018;2026-11;9000;0;27000;\n";
        var client = app.ClientFor();
        HttpRequestMessage Post(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rent-ledger") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }
            return request;
        }
        foreach (var key in new string?[] { null, "feil-nokkel" })
        {
            var refused = await client.SendAsync(Post(key));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        }
        var accepted = await client.SendAsync(Post(HuslyApp.RentApiKey));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;
        await DoneAsync(app, Guid.Parse(location.Split('/')[^1]));
        var status = new HttpRequestMessage(HttpMethod.Get, location);
        status.Headers.Add("X-Api-Key", HuslyApp.RentApiKey);
        var json = await (await client.SendAsync(status)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Done", json.GetProperty("status").GetString());
        Assert.Equal(1, json.GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(Post(HuslyApp.RentApiKey))).StatusCode);
        // Vestli is Stovner's: a tenant not in follow-up goes to that district's queue.
        Assert.Equal(DemoIds.District("Stovner"), await app.QueryAsync(d => d.RentAlerts.Where(a => a.TenancyId == $"A-{run}").Select(a => a.DistrictId).SingleAsync()));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_team_leader_sets_the_districts_rules_and_others_cannot(TestDatabase db)
    {
        var app = apps[db];
        var leader = app.ClientFor(DemoAccounts.TeamLeaderGrorud);
        var page = await leader.GetPageAsync("/concerns/rules");
        var allOff = Html.Values(("Input.ArrearsMonths", ""), ("Input.ArrearsAmount", ""), ("Input.NewTenancyMonths", ""));
        allOff["Input.Petition"] = null; // unticked
        var none = await Html.ParseAsync(await leader.SubmitAsync(page, "main form[method=post]", allOff));
        Assert.Contains("Med alle regler av kommer ingen varsler.", none.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        var bad = await Html.ParseAsync(await leader.SubmitAsync(page, "main form[method=post]", Html.Values(("Input.DeadlineDays", "0"))));
        Assert.Equal("Skriv et tall fra 1 til 60.", bad.FieldError("Input_DeadlineDays"));
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(page, "main form[method=post]", Html.Values(("Input.DeadlineDays", "5")))).StatusCode);
        Assert.Equal(5, await app.QueryAsync(d => d.RentAlertRules.Where(r => r.DistrictId == DemoIds.District("Grorud")).Select(r => r.DeadlineDays).SingleAsync()));
        // The same page, now stale, cannot save over the change.
        var stale = await Html.ParseAsync(await leader.SubmitAsync(page, "main form[method=post]", Html.Values(("Input.DeadlineDays", "9"))));
        Assert.Contains("Noen andre har endret reglene", stale.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(await leader.GetPageAsync("/concerns/rules"), "main form[method=post]", Html.Values(("Input.DeadlineDays", "7")))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.CaseWorkerGrorud).GetAsync("/concerns/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.DirectorGrorud).GetAsync("/concerns/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.TeamLeaderGrorud).GetAsync("/administration/rent-ledger")).StatusCode);
    }
}
