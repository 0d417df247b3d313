using System.Net;
using Husly.Data.DemoData;
using Husly.Features.Portfolio.Projects;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Husly.Tests.Features.Portfolio.Projects;

/// <summary>Issue 10 §6: a final report closes a project with its outcome and required closing lessons.</summary>
public sealed class CloseTests(Apps apps)
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task A_project_is_closed_with_its_outcome_and_lessons_which_are_required(TestDatabase db)
    {
        var app = apps[db];
        var project = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud).Running(new DateOnly(2025, 1, 1)));
        var lead = app.ClientFor(DemoAccounts.LeadGrorud);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(DemoAccounts.LeadFrogner).GetAsync($"/portfolio/projects/{project.Id}/close")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(DemoAccounts.PartnerNav).GetAsync($"/portfolio/projects/{project.Id}/close")).StatusCode);

        var page = await lead.GetPageAsync($"/portfolio/projects/{project.Id}/close");
        var missing = await Html.ParseAsync(await lead.SubmitAsync(page, "main form", Html.Values(("Input.Outcome", "Stopped"), ("Input.WhatWorked", "Samarbeidet med NAV."))));
        Assert.Equal("Skriv hvorfor prosjektet stoppet.", missing.FieldError("Input_Explanation"));
        Assert.Equal("Skriv hva som ikke virket. Det andre kan lære mest av.", missing.FieldError("Input_WhatDidNotWork"));
        Assert.Equal("Samarbeidet med NAV.", missing.GetElementById("Input_WhatWorked")!.TextContent);
        var tooEarly = await Html.ParseAsync(await lead.SubmitAsync(page, "main form", Html.Values(("Input.Outcome", "OrdinaryOperation"), ("Input.OperationFrom", "01.01.2026"),
            ("Input.WhatWorked", "a"), ("Input.WhatDidNotWork", "b"), ("Input.DoDifferently", "c"))));
        Assert.StartsWith("Et prosjekt kan ikke være i ordinær drift før det er i fase 5", tooEarly.FieldError("Input_Outcome"), StringComparison.Ordinal);

        var closed = await lead.SubmitAsync(page, "main form", Html.Values(("Input.Outcome", "Stopped"), ("Input.Explanation", "For få deltakere etter at botilbudet ble lagt ned."),
            ("Input.WhatWorked", "Samarbeidet med NAV."), ("Input.WhatDidNotWork", "Rekrutteringen gjennom hospitsene."), ("Input.DoDifferently", "Starte med færre deltakere."),
            ("Input.EndDate", "30.11.2026")));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var details = await lead.GetPageAsync($"/portfolio/projects/details/{project.Id}");
        Assert.Contains("Rekrutteringen gjennom hospitsene.", details.QuerySelector("#closing")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Stoppet", details.QuerySelector(".tags")!.TextContent, StringComparison.Ordinal);
        Assert.Null(details.QuerySelector("#close-project"));
        var stored = await app.QueryAsync(d => d.Projects.SingleAsync(p => p.Id == project.Id));
        Assert.Equal(ProjectStatus.Stopped, stored.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), stored.EndDate);

        var again = await Html.ParseAsync(await lead.SubmitAsync(page, "main form", Html.Values(("Input.Outcome", "Stopped"), ("Input.Explanation", "x"),
            ("Input.WhatWorked", "a"), ("Input.WhatDidNotWork", "b"), ("Input.DoDifferently", "c"))));
        Assert.Contains("allerede avsluttet", again.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
    }
}
