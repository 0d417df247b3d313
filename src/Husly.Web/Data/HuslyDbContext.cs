using Husly.Features.Administration.Organisations;
using Husly.Features.Administration.Users;
using Husly.Features.Casework.Access;
using Husly.Features.Casework.Decisions;
using Husly.Features.Casework.FollowUp;
using Husly.Features.Casework.Plans;
using Husly.Features.Casework.Residents;
using Husly.Features.Portfolio.Programmes;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Auditing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Husly.Data;

/// <summary>The one model. Provider subclasses exist only so each provider owns its own migration set.</summary>
public abstract class HuslyDbContext(DbContextOptions options)
    : IdentityDbContext<HuslyUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection key ring (sign-in and antiforgery cookies): kept in the database so
    /// sign-ins survive a restart and every instance reads the same keys.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<InnovationProgramme> Programmes => Set<InnovationProgramme>();
    public DbSet<ProgrammeGoal> ProgrammeGoals => Set<ProgrammeGoal>();
    public DbSet<FocusArea> FocusAreas => Set<FocusArea>();
    public DbSet<FocusAreaItem> FocusAreaItems => Set<FocusAreaItem>();
    public DbSet<ProgrammeGroup> ProgrammeGroups => Set<ProgrammeGroup>();
    public DbSet<ProgrammeGroupMember> ProgrammeGroupMembers => Set<ProgrammeGroupMember>();
    public DbSet<ProgrammeManager> ProgrammeManagers => Set<ProgrammeManager>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectDistrict> ProjectDistricts => Set<ProjectDistrict>();
    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();
    public DbSet<ProjectTargetGroup> ProjectTargetGroups => Set<ProjectTargetGroup>();
    public DbSet<ProjectPartner> ProjectPartners => Set<ProjectPartner>();
    public DbSet<ProjectFunding> ProjectFunding => Set<ProjectFunding>();
    public DbSet<ProjectImpact> ProjectImpacts => Set<ProjectImpact>();
    public DbSet<ProjectPhaseChange> ProjectPhaseChanges => Set<ProjectPhaseChange>();
    public DbSet<ProjectClosing> ProjectClosings => Set<ProjectClosing>();
    public DbSet<Husly.Features.Portfolio.Reporting.StatusReport> StatusReports => Set<Husly.Features.Portfolio.Reporting.StatusReport>();
    public DbSet<Husly.Features.Portfolio.Reporting.ReportRisk> ReportRisks => Set<Husly.Features.Portfolio.Reporting.ReportRisk>();
    public DbSet<Husly.Features.Portfolio.Reporting.ReportLesson> ReportLessons => Set<Husly.Features.Portfolio.Reporting.ReportLesson>();
    public DbSet<Husly.Features.Portfolio.Reporting.IndicatorValue> IndicatorValues => Set<Husly.Features.Portfolio.Reporting.IndicatorValue>();
    public DbSet<Husly.Features.Portfolio.Reporting.ReportReopening> ReportReopenings => Set<Husly.Features.Portfolio.Reporting.ReportReopening>();
    public DbSet<Husly.Features.Portfolio.Results.IndicatorDefinition> IndicatorDefinitions => Set<Husly.Features.Portfolio.Results.IndicatorDefinition>();
    public DbSet<Husly.Features.Portfolio.Results.ProjectResult> ProjectResults => Set<Husly.Features.Portfolio.Results.ProjectResult>();
    public DbSet<Husly.Features.Portfolio.Results.Indicator> Indicators => Set<Husly.Features.Portfolio.Results.Indicator>();
    public DbSet<Husly.Features.Portfolio.Results.IndicatorTarget> IndicatorTargets => Set<Husly.Features.Portfolio.Results.IndicatorTarget>();
    public DbSet<Husly.Features.Portfolio.Benefits.Benefit> Benefits => Set<Husly.Features.Portfolio.Benefits.Benefit>();
    public DbSet<Husly.Features.Portfolio.Benefits.BenefitMeasurement> BenefitMeasurements => Set<Husly.Features.Portfolio.Benefits.BenefitMeasurement>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<LivingSituationPeriod> LivingSituations => Set<LivingSituationPeriod>();
    public DbSet<ResidentNamedWorker> ResidentNamedWorkers => Set<ResidentNamedWorker>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<DecisionService> DecisionServices => Set<DecisionService>();
    public DbSet<DeliveredHours> DeliveredHours => Set<DeliveredHours>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<EmergencyAccess> EmergencyAccesses => Set<EmergencyAccess>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<FollowUpPartner> FollowUpPartners => Set<FollowUpPartner>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<CooperationMeeting> CooperationMeetings => Set<CooperationMeeting>();
    public DbSet<IndividualPlan> IndividualPlans => Set<IndividualPlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<CrisisPlan> CrisisPlans => Set<CrisisPlan>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();
    public DbSet<ResidentLink> ResidentLinks => Set<ResidentLink>();
    public DbSet<PossibleDuplicate> PossibleDuplicates => Set<PossibleDuplicate>();
    public DbSet<ResidentChange> ResidentChanges => Set<ResidentChange>();
    public DbSet<Husly.Features.Account.UserSession> UserSessions => Set<Husly.Features.Account.UserSession>();
    public DbSet<Husly.Features.Calls.Call> Calls => Set<Husly.Features.Calls.Call>();
    public DbSet<Husly.Features.Calls.CallCriterion> CallCriteria => Set<Husly.Features.Calls.CallCriterion>();
    public DbSet<Husly.Features.Calls.EligibilityQuestion> EligibilityQuestions => Set<Husly.Features.Calls.EligibilityQuestion>();
    public DbSet<Husly.Features.Calls.CallInvitedUnit> CallInvitedUnits => Set<Husly.Features.Calls.CallInvitedUnit>();
    public DbSet<Husly.Features.Calls.CallSubscription> CallSubscriptions => Set<Husly.Features.Calls.CallSubscription>();
    public DbSet<Husly.Features.Calls.ProgrammeStage> ProgrammeStages => Set<Husly.Features.Calls.ProgrammeStage>();
    public DbSet<Husly.Features.Calls.Applications.Application> Applications => Set<Husly.Features.Calls.Applications.Application>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationMember> ApplicationMembers => Set<Husly.Features.Calls.Applications.ApplicationMember>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationTargetGroup> ApplicationTargetGroups => Set<Husly.Features.Calls.Applications.ApplicationTargetGroup>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationUnit> ApplicationUnits => Set<Husly.Features.Calls.Applications.ApplicationUnit>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationMilestone> ApplicationMilestones => Set<Husly.Features.Calls.Applications.ApplicationMilestone>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationBudgetLine> ApplicationBudgetLines => Set<Husly.Features.Calls.Applications.ApplicationBudgetLine>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationRisk> ApplicationRisks => Set<Husly.Features.Calls.Applications.ApplicationRisk>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationAnswer> ApplicationAnswers => Set<Husly.Features.Calls.Applications.ApplicationAnswer>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationAttachment> ApplicationAttachments => Set<Husly.Features.Calls.Applications.ApplicationAttachment>();
    public DbSet<Husly.Features.Calls.Applications.ApplicationEvent> ApplicationEvents => Set<Husly.Features.Calls.Applications.ApplicationEvent>();
    public DbSet<Husly.Features.Calls.Assessment.Review> Reviews => Set<Husly.Features.Calls.Assessment.Review>();
    public DbSet<Husly.Features.Calls.Assessment.CriterionScore> CriterionScores => Set<Husly.Features.Calls.Assessment.CriterionScore>();
    public DbSet<Husly.Features.Calls.Awards.FundingDecision> FundingDecisions => Set<Husly.Features.Calls.Awards.FundingDecision>();
    public DbSet<Husly.Features.Calls.Awards.ReportDue> ReportsDue => Set<Husly.Features.Calls.Awards.ReportDue>();
    public DbSet<Husly.Features.Catalogue.Municipality> Municipalities => Set<Husly.Features.Catalogue.Municipality>();
    public DbSet<Husly.Features.Catalogue.Solution> Solutions => Set<Husly.Features.Catalogue.Solution>();
    public DbSet<Husly.Features.Catalogue.SolutionTargetGroup> SolutionTargetGroups => Set<Husly.Features.Catalogue.SolutionTargetGroup>();
    public DbSet<Husly.Features.Catalogue.SolutionIndicator> SolutionIndicators => Set<Husly.Features.Catalogue.SolutionIndicator>();
    public DbSet<Husly.Features.Catalogue.SolutionLesson> SolutionLessons => Set<Husly.Features.Catalogue.SolutionLesson>();
    public DbSet<Husly.Features.Catalogue.SolutionSlug> SolutionSlugs => Set<Husly.Features.Catalogue.SolutionSlug>();
    public DbSet<Husly.Features.Catalogue.SolutionEvent> SolutionEvents => Set<Husly.Features.Catalogue.SolutionEvent>();
    public DbSet<Husly.Features.Catalogue.Adoption> Adoptions => Set<Husly.Features.Catalogue.Adoption>();
    public DbSet<Husly.Features.Concerns.Concern> Concerns => Set<Husly.Features.Concerns.Concern>();
    public DbSet<Husly.Features.Concerns.ConcernAddition> ConcernAdditions => Set<Husly.Features.Concerns.ConcernAddition>();
    public DbSet<Husly.Features.Concerns.ConcernEvent> ConcernEvents => Set<Husly.Features.Concerns.ConcernEvent>();
    public DbSet<Husly.Features.Concerns.ConcernMeeting> ConcernMeetings => Set<Husly.Features.Concerns.ConcernMeeting>();
    public DbSet<Husly.Features.Concerns.PostcodeDistrict> PostcodeDistricts => Set<Husly.Features.Concerns.PostcodeDistrict>();
    public DbSet<Husly.Features.Concerns.Rent.RentImport> RentImports => Set<Husly.Features.Concerns.Rent.RentImport>();
    public DbSet<Husly.Features.Concerns.Rent.RentImportRejection> RentImportRejections => Set<Husly.Features.Concerns.Rent.RentImportRejection>();
    public DbSet<Husly.Features.Concerns.Rent.RentLedgerLine> RentLedgerLines => Set<Husly.Features.Concerns.Rent.RentLedgerLine>();
    public DbSet<Husly.Features.Concerns.Rent.RentAlert> RentAlerts => Set<Husly.Features.Concerns.Rent.RentAlert>();
    public DbSet<Husly.Features.Concerns.Rent.RentAlertRule> RentAlertRules => Set<Husly.Features.Concerns.Rent.RentAlertRule>();
    public DbSet<Husly.Features.Catalogue.AdoptionResult> AdoptionResults => Set<Husly.Features.Catalogue.AdoptionResult>();
    public DbSet<Husly.Features.Casework.OutcomeSubject> OutcomeSubjects => Set<Husly.Features.Casework.OutcomeSubject>();
    public DbSet<Husly.Features.Outcomes.OutcomeRecord> OutcomeRecords => Set<Husly.Features.Outcomes.OutcomeRecord>();
    public DbSet<Husly.Features.Outcomes.ConcernRecord> ConcernRecords => Set<Husly.Features.Outcomes.ConcernRecord>();
    public DbSet<Husly.Features.Outcomes.OutcomeRun> OutcomeRuns => Set<Husly.Features.Outcomes.OutcomeRun>();
    public DbSet<Husly.Features.Outcomes.PublishedYear> PublishedYears => Set<Husly.Features.Outcomes.PublishedYear>();
    public DbSet<Husly.Features.Outcomes.Costs.UnitCost> UnitCosts => Set<Husly.Features.Outcomes.Costs.UnitCost>();
    public DbSet<Husly.Features.Outcomes.SelfAssessment.SavedAssessment> SavedAssessments => Set<Husly.Features.Outcomes.SelfAssessment.SavedAssessment>();
    public DbSet<Husly.Features.Administration.Mail.OutboxMessage> OutboxMessages => Set<Husly.Features.Administration.Mail.OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HuslyDbContext).Assembly);
        // Filled by provider SQL (full-text search); no table of its own.
        builder.Entity<Husly.Features.Catalogue.SearchMatch>().HasNoKey().ToView(null);
        // A key is an XML document of about a kilobyte; the 400-character default for strings would cut it.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).HasMaxLength(8000);
        // Husly sets every id in code. Without this, EF takes a child row with a set Guid key, found through a navigation,
        // for an existing row and updates it instead of inserting it.
        foreach (var key in builder.Model.GetEntityTypes()
                     .Where(t => t.ClrType.Namespace?.StartsWith("Husly", StringComparison.Ordinal) == true)
                     .Select(t => t.FindPrimaryKey())
                     .Where(k => k is { Properties: [{ ClrType: var type }] } && type == typeof(Guid)))
        {
            key!.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(IAuditable).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IAuditable.Version)).IsConcurrencyToken();
            builder.Entity(entity.ClrType).Property(nameof(IAuditable.CreatedBy)).HasMaxLength(200);
            builder.Entity(entity.ClrType).Property(nameof(IAuditable.ChangedBy)).HasMaxLength(200);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Text without a stated limit gets 400 characters; a [MaxLength] or fluent limit wins. (HaveMaxLength here would
        // override the attributes, which silently cut meeting minutes, plans and justifications to 400 on PostgreSQL.)
        configurationBuilder.Conventions.Add(_ => new DefaultStringLength(400));
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(60);
        // Every timestamp is UTC; SQLite forgets the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    private sealed class DefaultStringLength(int length) : Microsoft.EntityFrameworkCore.Metadata.Conventions.IModelFinalizingConvention
    {
        public void ProcessModelFinalizing(Microsoft.EntityFrameworkCore.Metadata.Builders.IConventionModelBuilder modelBuilder,
            Microsoft.EntityFrameworkCore.Metadata.Conventions.IConventionContext<Microsoft.EntityFrameworkCore.Metadata.Builders.IConventionModelBuilder> context)
        {
            foreach (var property in modelBuilder.Metadata.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
            {
                if (property.ClrType == typeof(string) && property.GetMaxLength() is null)
                {
                    property.Builder.HasMaxLength(length);
                }
            }
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteHuslyDbContext(DbContextOptions<SqliteHuslyDbContext> options) : HuslyDbContext(options);

public sealed class PostgresHuslyDbContext(DbContextOptions<PostgresHuslyDbContext> options) : HuslyDbContext(options);
