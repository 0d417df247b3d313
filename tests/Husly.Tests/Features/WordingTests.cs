using System.Net;
using Husly.Data.DemoData;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features;

/// <summary>Issue 8 §9: what a Norwegian user stumbled on.</summary>
public sealed class WordingTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Casework_pages_say_register_one_hour_and_why_a_page_is_read_only(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud, DemoCasework.TeamGrorud, "Grorud");
        var eva = app.ClientFor(DemoAccounts.CaseWorkerGrorud);
        var form = await eva.GetPageAsync($"/casework/residents/{id}/decisions/edit");
        var draft = await eva.SubmitAsync(form, "main form", Html.Values(("Input.ValidFrom", "2026-02-01"),
            ("Input.Services[0].Kind", "HousingFollowUp"), ("Input.Services[0].Hours", "1"), ("Input.Justification", "Trenger litt hjelp.")));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var page = await eva.GetPageAsync($"/casework/residents/details/{id}");
        Assert.Contains("1 time per uke", page.GetElementById("main")!.TextContent);
        Assert.DoesNotContain("1 timer", page.GetElementById("main")!.TextContent);
        Assert.Contains("Registrer levert tid", page.Body!.TextContent);
        Assert.Contains("Registrer samarbeidsmøte", page.Body!.TextContent);
        Assert.DoesNotContain("Før levert tid", page.Body!.TextContent);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Error_summaries_list_messages_in_the_order_of_the_form(TestDatabase db)
    {
        var eva = apps[db].ClientFor(DemoAccounts.CaseWorkerGrorud);
        var form = await eva.GetPageAsync("/casework/residents/register");
        var response = await eva.SubmitAsync(form, "main form", Html.Values(("Input.IdentityNumber", "12345678901"), ("Input.FirstName", ""),
            ("Input.LastName", ""), ("Input.LivingSituation", ""), ("Input.Category", "")));
        var links = (await Html.ParseAsync(response)).QuerySelectorAll("#form-errors a").Select(a => a.GetAttribute("href")).ToList();
        var fields = new[] { "#Input_IdentityNumber", "#Input_FirstName", "#Input_LastName", "#Input_LivingSituation", "#Input_Category" };
        Assert.Equal(fields, links.Where(fields.Contains).ToList());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_decision_letter_is_in_norwegian_even_when_the_worker_uses_english(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud");
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2);
        var draft = await per.SubmitAsync(await per.GetPageAsync($"/casework/residents/{id}/decisions/edit"), "main form", Html.Values(("Input.ValidFrom", "2026-02-01"),
            ("Input.Services[0].Kind", "HousingFollowUp"), ("Input.Services[0].Hours", "2"), ("Input.Justification", "Trenger hjelp.")));
        var url = draft.Headers.Location!.ToString();
        await per.SubmitAsync(await per.GetPageAsync(url), "form[action*='handler=Decide']");
        await per.SubmitAsync(await per.GetPageAsync("/"), "form.language-switch", Html.Values(("culture", "en")));

        var letter = await per.GetPageAsync(url + "/print");
        Assert.Equal("nb", letter.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Du kan klage", letter.GetElementById("letter")!.TextContent);
        var english = await per.GetPageAsync(url + "/print?language=en");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_date_outside_its_window_is_explained_wholly_in_the_users_language(TestDatabase db)
    {
        var app = apps[db];
        var id = await app.AddResidentAsync(DemoAccounts.CaseWorkerGrorud2, DemoCasework.TeamGrorud, "Grorud");
        var per = app.ClientFor(DemoAccounts.CaseWorkerGrorud2);
        await per.SubmitAsync(await per.GetPageAsync("/"), "form.language-switch", Html.Values(("culture", "en")));
        var meeting = await per.GetActionPageAsync($"/casework/residents/details/{id}", "AddMeeting");
        var refused = await Html.ParseAsync(await per.SubmitAsync(meeting, "form[action*='handler=AddMeeting']",
            Html.Values(("Meeting.HeldOn", "1990-01-01"), ("Meeting.Participants", "Per"), ("Meeting.Minutes", "Minutes."))));
        Assert.StartsWith("Date of the meeting must be between ", refused.FieldError("Meeting_HeldOn"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task The_start_page_link_under_active_projects_shows_active_projects(TestDatabase db)
    {
        var page = await apps[db].ClientFor(DemoAccounts.DirectorGrorud).GetPageAsync("/");
        var link = page.QuerySelectorAll("#main a").Single(a => a.TextContent.Trim() == "Se alle aktive prosjekter i bydelen");
        Assert.Contains("status=Active", link.GetAttribute("href"));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_group_lead_is_named_as_lead_not_glued_to_the_unit(TestDatabase db)
    {
        var page = await apps[db].ClientFor(DemoAccounts.Manager).GetPageAsync($"/portfolio/programmes/details/{DemoIds.Programme("BOSin")}");
        Assert.DoesNotContain("Velferdsetaten Leder", page.Body!.TextContent.Replace("\n", " ").Replace("  ", " "));
        Assert.Contains("Leder:", page.Body!.TextContent);
    }
}
