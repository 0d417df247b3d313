namespace Husly.Platform.Auth;

/// <summary>The roles a user can hold. Each user holds exactly one.</summary>
public static class Roles
{
    public const string ProgrammeOwner = "ProgrammeOwner";
    public const string ProgrammeManager = "ProgrammeManager";
    public const string DistrictDirector = "DistrictDirector";
    public const string ProjectLead = "ProjectLead";
    public const string CaseWorker = "CaseWorker";
    public const string TeamLeader = "TeamLeader";
    public const string PrivacyOfficer = "PrivacyOfficer";
    public const string Partner = "Partner";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All =
        [ProgrammeOwner, ProgrammeManager, DistrictDirector, ProjectLead, CaseWorker, TeamLeader, PrivacyOfficer, Partner, Administrator];

    /// <summary>The Bokmål name shown in the UI (also the localization key).</summary>
    public static string DisplayName(string role) => role switch
    {
        ProgrammeOwner => "Programeier",
        ProgrammeManager => "Programleder",
        DistrictDirector => "Bydelsdirektør",
        ProjectLead => "Prosjektleder",
        CaseWorker => "Saksbehandler",
        TeamLeader => "Teamleder",
        PrivacyOfficer => "Personvernombud",
        Partner => "Samarbeidspartner",
        Administrator => "Administrator",
        _ => role,
    };
}

public static class Policies
{
    public const string Administrator = "Administrator";

    /// <summary>Case workers and team leaders: the only roles that work with identifiable residents.</summary>
    public const string Casework = "Casework";

    /// <summary>The privacy officer's desk: the access log and emergency-access reviews.</summary>
    public const string Privacy = "Privacy";
}

/// <summary>Claims Husly adds to the signed-in user beyond Identity's own.</summary>
public static class HuslyClaims
{
    public const string DisplayName = "husly:name";
    public const string OrganisationId = "husly:org";
    public const string OrganisationName = "husly:orgname";

    /// <summary>The district the user works in: their unit, or the district their team belongs to.</summary>
    public const string DistrictId = "husly:district";

    /// <summary>The user's team, when their unit is a team.</summary>
    public const string TeamId = "husly:team";

    /// <summary>Present while the user still has a password an administrator chose.</summary>
    public const string MustChangePassword = "husly:mustchange";
}
