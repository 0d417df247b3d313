using Husly.Features.Administration.Organisations;

namespace Husly.Data.DemoData;

/// <summary>Reference data every installation needs, demo or not: Oslo's organisation register and the target groups.</summary>
public static class ReferenceData
{
    public const string Municipality = "Oslo kommune";
    public const string CityDepartment = "Byrådsavdeling for arbeid, integrering og sosiale tjenester (AIS)";
    public const string WelfareAgency = "Velferdsetaten";

    /// <summary>Receives concerns whose district is not known and sends them on (issue 12).</summary>
    public const string CentralDesk = "Sentralt mottak for bekymringsmeldinger";

    public static readonly IReadOnlyList<string> Districts =
    [
        "Gamle Oslo", "Grünerløkka", "Sagene", "St. Hanshaugen", "Frogner", "Ullern", "Vestre Aker", "Nordre Aker",
        "Bjerke", "Grorud", "Stovner", "Alna", "Østensjø", "Nordstrand", "Søndre Nordstrand",
    ];

    public const string Nav = "NAV Oslo";
    public const string Husbanken = "Husbanken";
    public const string SpecialistHealth = "Oslo universitetssykehus";
    public const string Police = "Oslo politidistrikt";
    public const string CorrectionalService = "Kriminalomsorgen region øst";
    public const string Boligbygg = "Boligbygg Oslo KF";
    public const string Fafo = "Fafo";
    public const string Nova = "NOVA, OsloMet";
    public const string Bymisjon = "Kirkens Bymisjon";
    public const string UserOrganisation = "Mental Helse Oslo";

    public static readonly IReadOnlyList<string> Partners =
        [Nav, Husbanken, SpecialistHealth, Police, CorrectionalService, Boligbygg, Fafo, Nova, Bymisjon, UserOrganisation];

    public static readonly IReadOnlyList<string> TargetGroups =
    [
        "Personer med samtidig rus- og psykisk lidelse (ROP)",
        "Eldre som ikke ber om hjelp",
        "Bostedsløse",
        "Personer i midlertidig botilbud",
        "Ungdom som flytter fra barnevernet",
        "Unge voksne uten fast bolig",
        "Personer som løslates fra fengsel",
        "Personer som skrives ut fra institusjon",
        "Barnefamilier i kommunal bolig",
        "Flyktninger og nyankomne",
        "Leietakere med husleierestanse",
        "Personer med utviklingshemming",
    ];

    public static IEnumerable<Organisation> Organisations()
    {
        var oslo = Org(Municipality, OrganisationKind.Municipality, null);
        yield return oslo;
        yield return Org(CityDepartment, OrganisationKind.CityDepartment, oslo.Id);
        var welfare = Org(WelfareAgency, OrganisationKind.Agency, oslo.Id);
        yield return welfare;
        yield return CentralDeskUnit();
        foreach (var district in Districts)
        {
            yield return Org("Bydel " + district, OrganisationKind.District, oslo.Id);
        }
        foreach (var partner in Partners)
        {
            yield return Org(partner, OrganisationKind.Partner, null);
        }
    }

    public static Organisation CentralDeskUnit() => Org(CentralDesk, OrganisationKind.Team, DemoIds.Organisation(WelfareAgency));

    private static Organisation Org(string name, OrganisationKind kind, Guid? parent) =>
        new() { Id = DemoIds.Organisation(name), Name = name, Kind = kind, ParentId = parent };
}
