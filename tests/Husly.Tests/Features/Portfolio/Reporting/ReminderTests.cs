using Husly.Data.DemoData;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Husly.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Husly.Tests.Features.Portfolio.Reporting;

/// <summary>Issue 10 §5: reminders before a report is due and notices when it is overdue, timed by the server's clock
/// (a fake one here), sent once even when two instances run the job at the same moment.</summary>
public sealed class ReminderTests
{
    private static async Task<int> RunAsync(HuslyApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportReminders>().RunAsync(CancellationToken.None);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Reminders_come_before_the_due_date_and_when_overdue_once_even_from_two_instances(TestDatabase db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = new HuslyApp(db, clock: clock);
        await using var second = new HuslyApp(app);
        var name = TestData.Unique("Påminnes");
        var project = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud)
            .Running(new DateOnly(2026, 1, 1)).WithStatus(ProjectStatus.Active, InnovationPhase.DevelopingAndTesting), name);
        var stopped = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud)
            .Running(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).WithStatus(ProjectStatus.Stopped, InnovationPhase.DevelopingAndTesting), name + " stoppet");
        // Reports are owed until the project is closed with a final report, whatever its status says.
        var completed = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud)
            .Running(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).WithStatus(ProjectStatus.Completed, InnovationPhase.DevelopingAndTesting), name + " ferdig");
        var closed = await app.AddProjectAsync(b => b.InProgramme("BOSin").InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud)
            .Running(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).WithStatus(ProjectStatus.Completed, InnovationPhase.DevelopingAndTesting), name + " lukket");
        StatusReport Due(Guid projectId, int month, int day, ReportState state = ReportState.NotStarted) =>
            new() { Id = Guid.CreateVersion7(), ProjectId = projectId, DueOn = new DateOnly(2027, month, day), State = state };
        await app.WithDbAsync(async d =>
        {
            d.StatusReports.AddRange(Due(project.Id, 2, 20), Due(project.Id, 3, 15), Due(project.Id, 4, 30), Due(project.Id, 3, 10, ReportState.Submitted),
                Due(project.Id, 1, 31, ReportState.Approved), Due(stopped.Id, 2, 1), Due(completed.Id, 3, 12), Due(closed.Id, 3, 12));
            // Sent in time and returned by the programme after its due date: not overdue.
            var returned = Due(project.Id, 2, 10, ReportState.Returned);
            returned.SubmittedAt = new DateTime(2027, 2, 9, 12, 0, 0, DateTimeKind.Utc);
            d.StatusReports.Add(returned);
            d.ProjectClosings.Add(new ProjectClosing { ProjectId = closed.Id, Outcome = ClosingOutcome.Stopped, EndDate = new DateOnly(2026, 12, 31), WhatWorked = "a", WhatDidNotWork = "b", DoDifferently = "c" });
            await d.SaveChangesAsync();
        });
        Task<List<string>> MailsAsync() => app.QueryAsync(d => d.OutboxMessages.Where(m => m.Subject.EndsWith(": " + name))
            .OrderBy(m => m.To).ThenBy(m => m.Subject).Select(m => m.To + " " + m.Subject).ToListAsync());

        await Task.WhenAll(RunAsync(app), RunAsync(second));
        var manager = DemoAccounts.Manager.Email;
        var lead = DemoAccounts.LeadGrorud.Email;
        // 20 Feb is overdue (project and programme told); 15 Mar is within 14 days; 30 Apr, sent and approved reports, and a
        // stopped project's report are left alone.
        Assert.Equal([$"{manager} Statusrapporten er forfalt: {name}", $"{lead} Påminnelse om statusrapport: {name}", $"{lead} Statusrapporten er forfalt: {name}"],
            (await MailsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(1, await app.QueryAsync(d => d.OutboxMessages.CountAsync(m => m.Subject == $"Påminnelse om statusrapport: {name} ferdig")));
        Assert.Equal(0, await app.QueryAsync(d => d.OutboxMessages.CountAsync(m => m.Subject.Contains(name + " lukket"))));
        Assert.Equal(0, await app.QueryAsync(d => d.OutboxMessages.CountAsync(m => m.Subject.Contains(name + " stoppet"))));
        var outbox = await app.QueryAsync(d => d.OutboxMessages.FirstAsync(m => m.Subject == $"Påminnelse om statusrapport: {name}"));
        Assert.Contains("innen 15.03.2027", outbox.Body, StringComparison.Ordinal);

        await RunAsync(app);
        Assert.Equal(3, (await MailsAsync()).Count);

        // Sixteen days before 30 April nothing; fourteen days before, the reminder; after it, the overdue notice.
        clock.SetUtcNow(new DateTimeOffset(2027, 4, 14, 9, 0, 0, TimeSpan.Zero));
        await RunAsync(app);
        Assert.Equal(3 + 2, (await MailsAsync()).Count); // 15 March became overdue: lead and manager
        clock.SetUtcNow(new DateTimeOffset(2027, 4, 16, 9, 0, 0, TimeSpan.Zero));
        await RunAsync(second);
        Assert.Equal(6, (await MailsAsync()).Count);
        Assert.Equal(2, (await MailsAsync()).Count(m => m.StartsWith(lead + " Påminnelse", StringComparison.Ordinal)));
    }
}
