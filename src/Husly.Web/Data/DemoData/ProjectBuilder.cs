using Husly.Features.Portfolio.Projects;

namespace Husly.Data.DemoData;

/// <summary>Builds a valid project for the demo seed and for tests. Defaults: a BOSin project in Frogner, active, phase 1.</summary>
public sealed class ProjectBuilder(string name)
{
    private Guid _id = DemoIds.Project(name);
    private Guid _programmeId = DemoIds.Programme("BOSin");
    private Guid _leadUnitId = DemoIds.District("Frogner");
    private Guid? _projectLeadId;
    private DateOnly _start = new(2024, 1, 1);
    private DateOnly? _end;
    private ProjectStatus _status = ProjectStatus.Active;
    private InnovationPhase _phase = InnovationPhase.Exploring;
    private string? _summary;
    private string? _challenge;
    private string? _involvement;
    private readonly List<Guid> _coDistricts = [];
    private readonly List<Guid> _targetGroups = [];
    private readonly List<(Guid Org, string Role)> _partners = [];
    private readonly List<(int Year, FundingSource Source, string Name, long Amount)> _funding = [];
    private readonly List<(ImpactKind Kind, Realisation Realisation, string Text)> _impacts = [];

    public ProjectBuilder WithId(Guid id) { _id = id; return this; }

    public ProjectBuilder InProgramme(string shortName) { _programmeId = DemoIds.Programme(shortName); return this; }

    public ProjectBuilder InDistrict(string shortName) { _leadUnitId = DemoIds.District(shortName); return this; }

    public ProjectBuilder LedByUnit(string organisationName) { _leadUnitId = DemoIds.Organisation(organisationName); return this; }

    public ProjectBuilder WithProjectLead(DemoAccount account) { _projectLeadId = DemoIds.User(account.Email); return this; }

    public ProjectBuilder Running(DateOnly start, DateOnly? end = null) { _start = start; _end = end; return this; }

    public ProjectBuilder WithStatus(ProjectStatus status, InnovationPhase phase) { _status = status; _phase = phase; return this; }

    public ProjectBuilder Describe(string summary, string? challenge = null, string? involvement = null)
    {
        _summary = summary; _challenge = challenge; _involvement = involvement; return this;
    }

    public ProjectBuilder WithCoDistricts(params string[] shortNames) { _coDistricts.AddRange(shortNames.Select(DemoIds.District)); return this; }

    public ProjectBuilder ForTargetGroups(params string[] names) { _targetGroups.AddRange(names.Select(DemoIds.TargetGroup)); return this; }

    public ProjectBuilder WithPartner(string organisationName, string role) { _partners.Add((DemoIds.Organisation(organisationName), role)); return this; }

    public ProjectBuilder WithFunding(int year, FundingSource source, string sourceName, long amountNok)
    {
        _funding.Add((year, source, sourceName, amountNok)); return this;
    }

    public ProjectBuilder WithImpact(ImpactKind kind, Realisation realisation, string text) { _impacts.Add((kind, realisation, text)); return this; }

    public Project Build()
    {
        var project = new Project
        {
            Id = _id,
            ProgrammeId = _programmeId,
            Name = name,
            Summary = _summary,
            Challenge = _challenge,
            UserInvolvement = _involvement,
            LeadUnitId = _leadUnitId,
            ProjectLeadId = _projectLeadId,
            StartDate = _start,
            EndDate = _end,
            Status = _status,
            Phase = _phase,
            CoDistricts = _coDistricts.Select(d => new ProjectDistrict { ProjectId = _id, DistrictId = d }).ToList(),
            TargetGroups = _targetGroups.Select(t => new ProjectTargetGroup { ProjectId = _id, TargetGroupId = t }).ToList(),
            Partners = _partners.Select((p, i) => new ProjectPartner
            {
                Id = DemoIds.For($"{_id}:partner:{i}"),
                ProjectId = _id,
                OrganisationId = p.Org,
                Role = p.Role,
            }).ToList(),
            Funding = _funding.Select((f, i) => new ProjectFunding
            {
                Id = DemoIds.For($"{_id}:funding:{i}"),
                ProjectId = _id,
                Year = f.Year,
                Source = f.Source,
                SourceName = f.Name,
                AmountNok = f.Amount,
            }).ToList(),
            Impacts = _impacts.Select((m, i) => new ProjectImpact
            {
                Id = DemoIds.For($"{_id}:impact:{i}"),
                ProjectId = _id,
                Kind = m.Kind,
                Realisation = m.Realisation,
                Description = m.Text,
            }).ToList(),
        };
        // The phase history walks from step 1 to the current step, spread over the project's period.
        var steps = (int)_phase;
        var span = Math.Max(1, ((_end ?? _start.AddYears(2)).DayNumber - _start.DayNumber) / steps);
        for (var step = 1; step <= steps; step++)
        {
            project.PhaseChanges.Add(new ProjectPhaseChange
            {
                Id = DemoIds.For($"{_id}:phase:{step}"),
                ProjectId = _id,
                FromPhase = step == 1 ? null : (InnovationPhase)(step - 1),
                ToPhase = (InnovationPhase)step,
                ChangedAt = _start.AddDays(span * (step - 1)).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
                ChangedBy = CurrentSeedActor,
            });
        }
        project.RefreshSearchText();
        return project;
    }

    private const string CurrentSeedActor = "Demodata";
}
