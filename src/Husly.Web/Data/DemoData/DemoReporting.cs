using Husly.Features.Portfolio.Benefits;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;
using Husly.Features.Portfolio.Results;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Husly.Data.DemoData;

/// <summary>Follow-up at every stage: BOSin's shared indicators; the two projects funded by last year's call with results,
/// indicators, targets, an approved mid-year report (with a failure pinned to the figure it explains) and the year-end
/// report still to write; a benefit with a measurement; and some running projects whose report is overdue. For
/// benchmarks, <c>DemoData:ResultYears</c> gives every BOSin project that many years of approved figures.</summary>
public static class DemoReporting
{
    public static readonly Guid Settled = DemoIds.For("definition:settled");
    public static readonly Guid Stability = DemoIds.For("definition:stability");
    public static readonly Guid InstitutionDays = DemoIds.For("definition:institution-days");

    public static async Task SeedAsync(HuslyDbContext db, DateTime utcNow, int resultYears)
    {
        var bosin = DemoIds.Programme("BOSin");
        var today = DateOnly.FromDateTime(Format.ToOslo(utcNow));
        var year = today.Year;
        db.IndicatorDefinitions.AddRange(
            new IndicatorDefinition { Id = Settled, ProgrammeId = bosin, Name = "Personer bosatt", Description = "Personer i målgruppen som har flyttet inn i egen bolig i perioden.", Unit = IndicatorUnit.Count, Direction = IndicatorDirection.Increase },
            new IndicatorDefinition { Id = Stability, ProgrammeId = bosin, Name = "Bostabilitet", Description = "Andel av de bosatte som fortsatt bor i boligen etter 12 måneder.", Unit = IndicatorUnit.Percent, Direction = IndicatorDirection.Increase },
            new IndicatorDefinition { Id = InstitutionDays, ProgrammeId = bosin, Name = "Institusjonsdøgn unngått", Description = "Døgn i institusjon de bosatte ikke har hatt, sammenlignet med året før innflytting.", Unit = IndicatorUnit.Days, Direction = IndicatorDirection.Increase });

        // Husrom-hjerterom: the shared indicators, an approved mid-year report, and a benefit being realised.
        var husrom = DemoIds.Project("Husrom-hjerterom");
        var husromResult = Result(husrom, "Flere i ROP-gruppen bor stabilt i egen bolig etter institusjon", 0);
        var settled = Shared(husromResult, Settled, "Personer bosatt", IndicatorUnit.Count, false, 0, new DateOnly(year, 1, 1), 0, (year, 6));
        var stability = Shared(husromResult, Stability, "Bostabilitet", IndicatorUnit.Percent, true, 55, new DateOnly(year - 1, 12, 31), 1, (year, 75));
        var days = Shared(husromResult, InstitutionDays, "Institusjonsdøgn unngått", IndicatorUnit.Days, false, 0, new DateOnly(year, 1, 1), 2, (year, 900));
        db.ProjectResults.Add(husromResult);
        var husromMid = Report(husrom, new DateOnly(year, 6, 30), ReportState.Approved, utcNow, Rag.Green, Rag.Yellow, Rag.Green, Rag.Green, 380_000,
            "Tre personer har flyttet inn i egne leiligheter. Samarbeidet med spesialisthelsetjenesten om utskrivingsdato fungerer.", DemoAccounts.LeadFrogner);
        husromMid.Values = [Value(husromMid, settled, 3), Value(husromMid, stability, 67), Value(husromMid, days, 410)];
        husromMid.Lessons = [Lesson(husromMid, LessonKind.Success, "Ett kontaktpunkt fra valg av bolig til innflytting gjorde at ingen falt mellom to stoler.", null, null, 0)];
        husromMid.Risks = [Risk(husromMid, "For få egnede leiligheter i bydelen", 4, 4, "Avtale med Boligbygg om fortrinnsrett og leie i privat marked", 3, 3, 0)];
        var husromEnd = Report(husrom, new DateOnly(year, 12, 31), ReportState.NotStarted, utcNow);
        db.StatusReports.AddRange(husromMid, husromEnd);
        db.Benefits.Add(new Benefit
        {
            Id = DemoIds.For("benefit:husrom:days"),
            ProjectId = husrom,
            Name = "Lavere utgifter til institusjonsplasser",
            Type = BenefitType.AvoidedCost,
            Owner = "Bydelsdirektør, Bydel Frogner",
            Unit = "kr per år",
            Baseline = 0,
            Target = 1_200_000,
            RealiseBy = new DateOnly(year + 1, 12, 31),
            Measurements = [new BenefitMeasurement { Id = DemoIds.For("benefit:husrom:days:1"), BenefitId = DemoIds.For("benefit:husrom:days"), MeasuredOn = new DateOnly(year, 6, 30), Value = 450_000, Note = "410 døgn à om lag 1 100 kr", RecordedBy = DemoAccounts.LeadFrogner.Name }],
        });

        // BoTrygt: its own indicator, and a failure pinned to the figure it explains.
        var botrygt = DemoIds.Project("BoTrygt");
        var botrygtResult = Result(botrygt, "Eldre som ikke ber om hjelp, blir fanget opp tidligere", 0);
        var reports = Own(botrygtResult, "Bekymringsmeldinger fra nærmiljøet", IndicatorUnit.Count, false, 4, new DateOnly(year - 1, 12, 31), 0, (year, 40));
        db.ProjectResults.Add(botrygtResult);
        var botrygtMid = Report(botrygt, new DateOnly(year, 6, 30), ReportState.Approved, utcNow, Rag.Yellow, Rag.Yellow, Rag.Green, Rag.Green, 290_000,
            "Meldekanalen er i drift, og vaktmestere og frivillige er lært opp. Færre meldinger enn ventet fra naboer.");
        botrygtMid.Values = [Value(botrygtMid, reports, 9)];
        botrygtMid.Lessons =
        [
            Lesson(botrygtMid, LessonKind.Failure, "Nettskjemaet ble nesten ikke brukt de første månedene: naboer ringte heller vaktmesteren.",
                "Starte med telefon og vaktmestere, og la nettskjemaet komme som et tillegg.", reports.Id, 0),
            Lesson(botrygtMid, LessonKind.Success, "Vaktmestere i Boligbygg ble de viktigste melderne etter en kort opplæring.", null, null, 1),
        ];
        botrygtMid.Risks = [Risk(botrygtMid, "Melderne får ikke vite hva som skjedde, og slutter å melde", 3, 4, "Kort tilbakemelding til melderen innen en uke", 2, 3, 0)];
        db.StatusReports.AddRange(botrygtMid, Report(botrygt, new DateOnly(year, 12, 31), ReportState.Draft, utcNow));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Three running BOSin projects that are late with a report.
        var late = await db.Projects.AsNoTracking().Where(p => p.ProgrammeId == bosin && p.Status == ProjectStatus.Active && !p.IsArchived)
            .OrderBy(p => p.Name).Select(p => p.Id).Take(3).ToListAsync();
        db.StatusReports.AddRange(late.Select(id => Report(id, today.AddDays(-20), ReportState.NotStarted, utcNow)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        if (resultYears > 0)
        {
            await GenerateAsync(db, bosin, year, resultYears, utcNow);
        }
    }

    /// <summary>Every other BOSin project gets the three shared indicators with targets and two approved reports a year.</summary>
    private static async Task GenerateAsync(HuslyDbContext db, Guid bosin, int year, int years, DateTime utcNow)
    {
        var named = new[] { DemoIds.Project("Husrom-hjerterom"), DemoIds.Project("BoTrygt") };
        var projects = await db.Projects.AsNoTracking().Where(p => p.ProgrammeId == bosin && !named.Contains(p.Id)).OrderBy(p => p.Name).Select(p => p.Id).ToListAsync();
        var random = new Random(17);
        var i = 0;
        foreach (var project in projects)
        {
            var result = Result(project, "Flere bor stabilt i egen bolig", 0);
            var first = year - years + 1;
            var targets = Enumerable.Range(first, years).ToArray();
            var s = Shared(result, Settled, "Personer bosatt", IndicatorUnit.Count, false, 0, new DateOnly(first, 1, 1), 0, [.. targets.Select(y => (y, 8m))]);
            var st = Shared(result, Stability, "Bostabilitet", IndicatorUnit.Percent, true, 50, new DateOnly(first, 1, 1), 1, [.. targets.Select(y => (y, 75m))]);
            var d = Shared(result, InstitutionDays, "Institusjonsdøgn unngått", IndicatorUnit.Days, false, 0, new DateOnly(first, 1, 1), 2, [.. targets.Select(y => (y, 600m))]);
            db.ProjectResults.Add(result);
            foreach (var y in targets)
            {
                foreach (var due in new[] { new DateOnly(y, 6, 30), new DateOnly(y, 12, 31) })
                {
                    var r = Report(project, due, ReportState.Approved, utcNow, Rag.Green, Rag.Green, Rag.Green, Rag.Green, 100_000 * (y - first + 1), "Generert for ytelsestest.");
                    r.Values = [Value(r, s, random.Next(0, 6)), Value(r, st, 50 + random.Next(0, 40)), Value(r, d, random.Next(0, 400))];
                    db.StatusReports.Add(r);
                }
            }
            if (++i % 25 == 0)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static ProjectResult Result(Guid project, string statement, int order) =>
        new() { Id = DemoIds.For($"result:{project}:{order}"), ProjectId = project, Statement = statement, SortOrder = order };

    private static Indicator Shared(ProjectResult result, Guid definition, string name, IndicatorUnit unit, bool cumulative, decimal baseline, DateOnly baselineDate, int order, params (int Year, decimal Value)[] targets)
    {
        var indicator = Own(result, name, unit, cumulative, baseline, baselineDate, order, targets);
        indicator.DefinitionId = definition;
        return indicator;
    }

    private static Indicator Own(ProjectResult result, string name, IndicatorUnit unit, bool cumulative, decimal baseline, DateOnly baselineDate, int order, params (int Year, decimal Value)[] targets)
    {
        var id = DemoIds.For($"indicator:{result.Id}:{order}");
        var indicator = new Indicator
        {
            Id = id,
            ResultId = result.Id,
            ProjectId = result.ProjectId,
            Name = name,
            Unit = unit,
            Direction = IndicatorDirection.Increase,
            Cumulative = cumulative,
            Baseline = baseline,
            BaselineDate = baselineDate,
            SortOrder = order,
            Targets = [.. targets.Select(t => new IndicatorTarget { IndicatorId = id, Year = t.Year, Value = t.Value })],
        };
        result.Indicators.Add(indicator);
        return indicator;
    }

    private static StatusReport Report(Guid project, DateOnly due, ReportState state, DateTime utcNow, Rag? overall = null, Rag? time = null, Rag? budget = null, Rag? quality = null, long? spent = null, string? progress = null, DemoAccount? by = null)
    {
        var sent = state is ReportState.Submitted or ReportState.Approved;
        var at = DateTime.SpecifyKind(due.ToDateTime(new TimeOnly(10, 0)), DateTimeKind.Utc);
        return new StatusReport
        {
            Id = DemoIds.For($"report:{project}:{due:yyyy-MM-dd}"),
            ProjectId = project,
            DueOn = due,
            State = state,
            Overall = overall,
            Time = time,
            Budget = budget,
            Quality = quality,
            SpentToDate = spent,
            Progress = progress,
            SubmittedAt = sent ? at.AddDays(-2) : null,
            SubmittedBy = sent ? "Prosjektleder" : null,
            ApprovedAt = state == ReportState.Approved ? at.AddDays(5) : null,
            ApprovedBy = state == ReportState.Approved ? DemoAccounts.Manager.Name : null,
            // Reminders for what lies in the past were sent long ago; only what is due from now on is reminded.
            ReminderSentAt = due < DateOnly.FromDateTime(utcNow) ? at.AddDays(-14) : null,
        };
    }

    private static IndicatorValue Value(StatusReport report, Indicator indicator, decimal number) =>
        new() { Id = DemoIds.For($"value:{report.Id}:{indicator.Id}"), ReportId = report.Id, IndicatorId = indicator.Id, Number = number };

    private static ReportLesson Lesson(StatusReport report, LessonKind kind, string text, string? different, Guid? indicator, int order) =>
        new() { Id = DemoIds.For($"lesson:{report.Id}:{order}"), ReportId = report.Id, Kind = kind, Text = text, DoDifferently = different, IndicatorId = indicator, SortOrder = order };

    private static ReportRisk Risk(StatusReport report, string text, int p, int c, string action, int pAfter, int cAfter, int order) =>
        new() { Id = DemoIds.For($"risk:{report.Id}:{order}"), ReportId = report.Id, Description = text, Probability = p, Consequence = c, Action = action, ProbabilityAfter = pAfter, ConsequenceAfter = cAfter, SortOrder = order };
}
