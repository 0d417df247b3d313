using Husly.Platform.Auth;

namespace Husly.Data.DemoData;

public sealed record DemoAccount(string Email, string Name, string Title, string Role, string Unit);

/// <summary>One or more demo users per role, in named districts. They exist only when demo data is on.</summary>
public static class DemoAccounts
{
    public const string Password = "Husly-demo-2026";

    public static readonly DemoAccount Owner =
        new("programeier@husly.test", "Ingrid Aas", "Kommunaldirektør", Roles.ProgrammeOwner, ReferenceData.CityDepartment);
    public static readonly DemoAccount Manager =
        new("programleder@husly.test", "Marius Dahl", "Programleder BOSin", Roles.ProgrammeManager, ReferenceData.WelfareAgency);
    public static readonly DemoAccount BosoManager =
        new("programleder.boso@husly.test", "Hanne Lie", "Programkoordinator", Roles.ProgrammeManager, ReferenceData.WelfareAgency);
    public static readonly DemoAccount DirectorGrorud =
        new("direktor.grorud@husly.test", "Svein Holm", "Bydelsdirektør", Roles.DistrictDirector, "Bydel Grorud");
    public static readonly DemoAccount DirectorFrogner =
        new("direktor.frogner@husly.test", "Tone Bakke", "Bydelsdirektør", Roles.DistrictDirector, "Bydel Frogner");
    public static readonly DemoAccount LeadFrogner =
        new("prosjektleder.frogner@husly.test", "Kari Nordby", "Prosjektleder", Roles.ProjectLead, "Bydel Frogner");
    public static readonly DemoAccount LeadGrorud =
        new("prosjektleder.grorud@husly.test", "Ali Rahimi", "Prosjektleder", Roles.ProjectLead, "Bydel Grorud");
    public static readonly DemoAccount CaseWorkerGrorud =
        new("saksbehandler.grorud@husly.test", "Eva Strand", "Bo-oppfølger", Roles.CaseWorker, DemoCasework.TeamGrorud);
    public static readonly DemoAccount CaseWorkerGrorud2 =
        new("saksbehandler2.grorud@husly.test", "Per Lunde", "Bo-oppfølger", Roles.CaseWorker, DemoCasework.TeamGrorud);
    public static readonly DemoAccount CaseWorkerGrorudFact =
        new("fact.grorud@husly.test", "Nina Berg", "Miljøterapeut", Roles.CaseWorker, DemoCasework.FactTeamGrorud);
    public static readonly DemoAccount TeamLeaderGrorud =
        new("teamleder.grorud@husly.test", "Lars Eide", "Teamleder bo-oppfølging", Roles.TeamLeader, DemoCasework.TeamGrorud);
    public static readonly DemoAccount CaseWorkerStovner =
        new("saksbehandler.stovner@husly.test", "Ola Hansen", "Bo-oppfølger", Roles.CaseWorker, DemoCasework.TeamStovner);
    public static readonly DemoAccount PrivacyOfficer =
        new("personvern@husly.test", "Mette Ruud", "Personvernombud", Roles.PrivacyOfficer, ReferenceData.WelfareAgency);
    public static readonly DemoAccount PartnerNav =
        new("partner.nav@husly.test", "Jonas Vik", "Rådgiver", Roles.Partner, ReferenceData.Nav);
    public static readonly DemoAccount Admin =
        new("admin@husly.test", "Siri Moe", "Systemforvalter", Roles.Administrator, ReferenceData.WelfareAgency);

    public static readonly IReadOnlyList<DemoAccount> All =
        [
            Owner, Manager, BosoManager, DirectorGrorud, DirectorFrogner, LeadFrogner, LeadGrorud, CaseWorkerGrorud, CaseWorkerGrorud2,
            CaseWorkerGrorudFact, TeamLeaderGrorud, CaseWorkerStovner, PrivacyOfficer, PartnerNav, Admin,
        ];
}
