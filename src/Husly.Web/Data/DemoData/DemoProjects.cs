using Husly.Features.Portfolio.Projects;

namespace Husly.Data.DemoData;

/// <summary>Demo projects: the named ones with the facts the public sources give, and generated BOSin projects in all
/// 15 districts. The generator is seeded, so the same projects come out every run.</summary>
public static class DemoProjects
{
    private const string Rop = "Personer med samtidig rus- og psykisk lidelse (ROP)";
    public const int NamedBosinCount = 3;

    public static IEnumerable<Project> Named()
    {
        yield return new ProjectBuilder("Husrom-hjerterom")
            .InDistrict("Frogner").WithProjectLead(DemoAccounts.LeadFrogner)
            .Running(new DateOnly(2018, 1, 1), new DateOnly(2020, 12, 31))
            .WithStatus(ProjectStatus.InOrdinaryOperation, InnovationPhase.DeliveringAndImplementing)
            .Describe(
                "En modell for helhetlig oppfølging når personer i ROP-gruppen flytter fra institusjon til egen bolig i bydelen. " +
                "Beboeren har ett kontaktpunkt gjennom alle ledd, fra valg av bolig til innkjøp, innredning og aktiviteter. " +
                "Bosetting skjer både i kommunale og private leiligheter.",
                "Bydelen har få egnede boliger for ROP-gruppen, og overgangen fra institusjon til bolig brøt ofte sammen.",
                "Beboerne var med på å velge og innrede boligen og på å utforme oppfølgingen.")
            .ForTargetGroups(Rop, "Personer som skrives ut fra institusjon")
            .WithPartner(ReferenceData.SpecialistHealth, "Samarbeid om utskriving fra institusjon")
            .WithPartner(ReferenceData.Nav, "Økonomisk rådgivning og ytelser")
            .WithFunding(2018, FundingSource.ProgrammeGrant, "BOSin", 850_000)
            .WithFunding(2019, FundingSource.ProgrammeGrant, "BOSin", 900_000)
            .WithFunding(2020, FundingSource.ProgrammeGrant, "BOSin", 600_000)
            .WithFunding(2019, FundingSource.OwnContribution, "Bydel Frogner", 400_000)
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "10 personer bosatt i prosjektperioden")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Modellen er tatt i bruk i ordinær drift etter at prosjektet ble avsluttet i 2020")
            .WithImpact(ImpactKind.Effect, Realisation.Expected, "Færre brudd i overgangen fra institusjon til bolig")
            .Build();

        yield return new ProjectBuilder("BoTrygt")
            .InDistrict("Grorud").WithProjectLead(DemoAccounts.LeadGrorud)
            .Running(new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31))
            .WithStatus(ProjectStatus.Completed, InnovationPhase.DevelopingAndTesting)
            .Describe(
                "Eldre som ikke selv ber om hjelp, blir lett usynlige for nærmiljøet og tjenestene. Prosjektet utvikler en metode for " +
                "samhandling rundt disse eldre, og en lavterskel kanal der hvem som helst kan melde fra når de er bekymret for en person.",
                "Utfordringene til eldre som ikke ber om hjelp, oppdages ofte først når de er blitt store.",
                "Eldre, pårørende og naboer er intervjuet og har testet meldekanalen.")
            .ForTargetGroups("Eldre som ikke ber om hjelp")
            .WithPartner(ReferenceData.Boligbygg, "Vaktmestere og utleiere melder bekymring")
            .WithPartner(ReferenceData.Bymisjon, "Frivillige i nærmiljøet")
            .WithFunding(2020, FundingSource.ProgrammeGrant, "BOSin", 500_000)
            .WithFunding(2021, FundingSource.ProgrammeGrant, "BOSin", 700_000)
            .WithFunding(2022, FundingSource.ProgrammeGrant, "BOSin", 650_000)
            .WithImpact(ImpactKind.Impact, Realisation.Expected, "Eldre med hjelpebehov fanges opp tidligere")
            .WithImpact(ImpactKind.Impact, Realisation.Expected, "En lavterskel meldekanal som alle kan bruke")
            .Build();

        yield return new ProjectBuilder("Sammen om bolig")
            .LedByUnit(ReferenceData.WelfareAgency)
            .WithCoDistricts("Alna", "Gamle Oslo", "Grorud", "Grünerløkka", "St. Hanshaugen", "Stovner")
            .Running(new DateOnly(2018, 1, 1), new DateOnly(2020, 10, 31))
            .WithStatus(ProjectStatus.Completed, InnovationPhase.GrowingAndSpreading)
            .Describe(
                "Seks bydeler og Velferdsetaten utvikler tjenester og samarbeidsmodeller for å gi personer med alvorlige psykiske lidelser " +
                "og/eller omfattende rusavhengighet et trygt botilbud i lokalsamfunnet, også der det er vurdert sikkerhetsrisiko. " +
                "Fafo følger arbeidet med forskning. Trondheim, Bergen, Stavanger og København deltar i et læringsnettverk.",
                "Når det er vold eller sikkerhetsrisiko, kjøper bydelene ofte dyre private institusjonsplasser i stedet for å bosette lokalt.",
                "Brukerorganisasjoner og erfaringskonsulenter deltar i utviklingsarbeidet.")
            .ForTargetGroups(Rop, "Bostedsløse")
            .WithPartner(ReferenceData.Fafo, "Følgeforskning")
            .WithPartner(ReferenceData.SpecialistHealth, "Faste samarbeidsmøter")
            .WithPartner(ReferenceData.Police, "Politiets psykiatritjeneste i faste samarbeidsmøter")
            .WithPartner(ReferenceData.UserOrganisation, "Brukermedvirkning")
            .WithFunding(2018, FundingSource.External, "Forskningsrådet (FORKOMMUNE)", 4_100_000)
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Endret intern organisering")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "«Én dør inn», med én eller få ansatte å forholde seg til")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Individuelt tilpassede løsninger med oppfølging uten tidsbegrensning")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Brukermedvirkning")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Bruk av erfaringskonsulenter")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Individuelt tilpassede og meningsfylte aktiviteter, også med lønn")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Rutine for brukerbytte på tvers av bydelsgrenser")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Faste møter mellom spesialisthelsetjenesten, politiets psykiatritjeneste og bydelene fra 2021")
            .WithImpact(ImpactKind.Impact, Realisation.Expected, "Faste fagmøter om målgruppen mellom alle bydelene i Oslo")
            .WithImpact(ImpactKind.Impact, Realisation.Expected, "Flere tilbud om individuelt tilpassede aktiviteter")
            .WithImpact(ImpactKind.Impact, Realisation.Expected, "Målgruppen fanges opp tidligere for behandling i spesialisthelsetjenesten")
            .WithImpact(ImpactKind.Effect, Realisation.Realised, "Økt kompetanse")
            .WithImpact(ImpactKind.Effect, Realisation.Realised, "Endrede holdninger")
            .WithImpact(ImpactKind.Effect, Realisation.Realised, "Målgruppen har økt bostabilitet, bedre psykisk helse, flere sosiale ressurser og mindre vold og trusler")
            .WithImpact(ImpactKind.Effect, Realisation.Realised, "Mindre uro og utrygghet i nærmiljøet")
            .WithImpact(ImpactKind.Effect, Realisation.Expected, "Spredning av kompetanse")
            .WithImpact(ImpactKind.Effect, Realisation.Expected, "Spredning av metoden")
            .Build();

        yield return new ProjectBuilder("Boligbrua")
            .InProgramme("BOSO Oslo").InDistrict("Stovner")
            .Running(new DateOnly(2010, 11, 1), new DateOnly(2016, 12, 31))
            .WithStatus(ProjectStatus.Completed, InnovationPhase.DeliveringAndImplementing)
            .Describe(
                "Daglig oppfølging i egen bolig for beboere med rus- og psykiske problemer som kommer fra fengsel eller avbrutt behandling. " +
                "Individuell plan og kriseplan, koordinering med NAV, fastlege, spesialisthelsetjenesten og LAR, og et værested i leilighet 110 " +
                "med 25–30 besøkende i uka. Startet med to ansatte, tre fra 2012.",
                "Mangelfull samhandling med spesialisthelsetjenesten, lite tilstedeværelse på kveld og helg og manglende kartlegging av psykisk helse.",
                "Beboerne er med i et brukerteam som planlegger aktiviteter på værestedet.")
            .ForTargetGroups(Rop, "Personer som løslates fra fengsel")
            .WithPartner(ReferenceData.Nav, "Ytelser og økonomi")
            .WithPartner(ReferenceData.SpecialistHealth, "Behandling og LAR")
            .WithImpact(ImpactKind.Impact, Realisation.Realised, "Værested i leilighet 110 med 25–30 beboere i uka")
            .Build();

        yield return BosoProject("Tevlingeveien", "Alna", "Utvikling av egnede boliger for vanskeligstilte i en kommunal boligblokk.", "Bostedsløse");
        yield return BosoProject("Treningsboliger for ungdom", "Grorud", "Treningsboliger med bo-oppfølging for ungdom som skal mestre egen bolig.", "Ungdom som flytter fra barnevernet");
        yield return BosoProject("Bomiljø i Sinsenveien", "Bjerke", "Bomiljøarbeid i et utsatt område, med møteplasser og samarbeid med beboerne.", "Barnefamilier i kommunal bolig");
    }

    private static Project BosoProject(string name, string district, string summary, string targetGroup) =>
        new ProjectBuilder(name).InProgramme("BOSO Oslo").InDistrict(district)
            .Running(new DateOnly(2013, 1, 1), new DateOnly(2016, 12, 31))
            .WithStatus(ProjectStatus.Completed, InnovationPhase.DeliveringAndImplementing)
            .Describe(summary).ForTargetGroups(targetGroup).Build();

    private static readonly (string Name, string Summary, string Challenge, string TargetGroup, string Partner, string Role)[] Themes =
    [
        ("Boskole", "Kurs og veiledning i å mestre egen bolig: økonomi, husorden, naboskap og rettigheter som leietaker.", "Mange mister boligen på grunn av forhold som kunne vært forebygget med opplæring.", "Unge voksne uten fast bolig", ReferenceData.Nav, "Økonomisk rådgivning"),
        ("Tidlig innsats mot utkastelse", "Tett oppfølging fra første husleierestanse, før saken går til begjæring om utkastelse.", "Restanser oppdages for sent til at utkastelse kan forhindres.", "Leietakere med husleierestanse", ReferenceData.Boligbygg, "Varsler om restanser"),
        ("Trygg overgang fra institusjon", "En fast kontaktperson følger beboeren fra utskriving til etablert i egen bolig.", "Overgangen fra institusjon til bolig bryter ofte sammen de første ukene.", "Personer som skrives ut fra institusjon", ReferenceData.SpecialistHealth, "Utskrivingsplanlegging"),
        ("Bolig etter soning", "Planlegging av bolig og oppfølging før løslatelse, i samarbeid med kriminalomsorgen.", "Mange løslates uten bolig og havner i midlertidig botilbud.", "Personer som løslates fra fengsel", ReferenceData.CorrectionalService, "Planlegging før løslatelse"),
        ("Housing First for unge", "Egen bolig uten krav om rusfrihet, med oppfølging fra et tverrfaglig team.", "Krav om boevne før bolig stenger de mest utsatte ute.", "Bostedsløse", ReferenceData.Bymisjon, "Erfaringskonsulenter"),
        ("Leie til eie", "Leietakere i kommunal bolig får hjelp til å kjøpe egen bolig med startlån.", "Familier blir værende i kommunal bolig selv om de kunne eid.", "Barnefamilier i kommunal bolig", ReferenceData.Husbanken, "Startlån og tilskudd"),
        ("Nabolagsverter", "Beboere ansettes som verter som skaper møteplasser og fanger opp uro tidlig.", "Konflikter og utrygghet i kommunale bomiljøer eskalerer før noen griper inn.", "Barnefamilier i kommunal bolig", ReferenceData.Boligbygg, "Bomiljøtiltak"),
        ("Ettervern bolig", "Ungdom som flytter fra barnevernet, får en bolig og en fast voksen å spørre.", "Unge uten nettverk mister boligen i det første året.", "Ungdom som flytter fra barnevernet", ReferenceData.Nav, "Ungdomsveileder"),
        ("Digital boveiledning", "Oppfølging på video og chat som supplement til hjemmebesøk.", "Bo-oppfølgere bruker mye tid på reise mellom korte besøk.", "Personer i midlertidig botilbud", ReferenceData.Nova, "Evaluering"),
        ("Felles inntak", "Én felles dør inn for alle som søker bolig og oppfølging i bydelen.", "Søkere blir sendt mellom tjenester og må fortelle historien sin mange ganger.", "Bostedsløse", ReferenceData.Nav, "Felles kartlegging"),
        ("Erfaringskonsulenter i boteam", "Personer med egen erfaring fra rus og bostedsløshet blir en del av boteamet.", "Tjenestene når ikke fram til dem som har dårlig erfaring med hjelpeapparatet.", Rop, ReferenceData.UserOrganisation, "Rekruttering og veiledning"),
        ("Bosetting av nyankomne", "Boveiledning for nyankomne flyktninger de første to årene i bydelen.", "Nyankomne kjenner ikke leiemarkedet og reglene for å bo.", "Flyktninger og nyankomne", ReferenceData.Nav, "Introduksjonsprogrammet"),
        ("Miljøvaktmester", "En miljøvaktmester kombinerer praktisk hjelp i boligen med sosial kontakt.", "Små problemer i boligen vokser seg store når ingen følger opp.", "Personer med utviklingshemming", ReferenceData.Boligbygg, "Vedlikehold"),
        ("Midlertidig blir varig", "Kartlegging og plan ut av midlertidig botilbud innen tre måneder.", "Opphold i hospits og campingplasser blir langvarige og dyre.", "Personer i midlertidig botilbud", ReferenceData.Nav, "Midlertidig botilbud"),
    ];

    public static IEnumerable<Project> Generated(int count)
    {
        var random = new Random(2015);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var district = ReferenceData.Districts[i % ReferenceData.Districts.Count];
            var theme = Themes[random.Next(Themes.Length)];
            var name = $"{theme.Name} {district}";
            for (var n = 2; !names.Add(name); n++)
            {
                name = $"{theme.Name} {district} {n}";
            }
            var startYear = 2015 + random.Next(12);
            var start = new DateOnly(startYear, 1 + random.Next(12), 1);
            var years = 1 + random.Next(3);
            var (status, phase, end) = startYear switch
            {
                >= 2026 => (random.Next(2) == 0 ? ProjectStatus.Idea : ProjectStatus.Applied, InnovationPhase.Exploring, (DateOnly?)null),
                >= 2023 => (ProjectStatus.Active, (InnovationPhase)(2 + random.Next(3)), null),
                _ => random.Next(10) switch
                {
                    < 5 => (ProjectStatus.Completed, (InnovationPhase)(3 + random.Next(3)), start.AddYears(years).AddDays(-1)),
                    < 8 => (ProjectStatus.InOrdinaryOperation, (InnovationPhase)(5 + random.Next(3)), start.AddYears(years).AddDays(-1)),
                    _ => (ProjectStatus.Stopped, (InnovationPhase)(2 + random.Next(2)), start.AddYears(1).AddDays(-1)),
                },
            };
            var builder = new ProjectBuilder(name)
                .InDistrict(district)
                .Running(start, end)
                .WithStatus(status, phase)
                .Describe(theme.Summary, theme.Challenge, "Brukere deltar i en referansegruppe og tester løsningen underveis.")
                .ForTargetGroups(theme.TargetGroup)
                .WithPartner(theme.Partner, theme.Role);
            if (random.Next(4) == 0)
            {
                var co = ReferenceData.Districts[random.Next(ReferenceData.Districts.Count)];
                if (co != district)
                {
                    builder.WithCoDistricts(co);
                }
            }
            if (district == "Grorud" && i % 3 == 0)
            {
                builder.WithProjectLead(DemoAccounts.LeadGrorud);
            }
            if (status is not (ProjectStatus.Idea or ProjectStatus.Applied))
            {
                for (var y = 0; y < years && startYear + y <= 2026; y++)
                {
                    builder.WithFunding(startYear + y, FundingSource.ProgrammeGrant, "BOSin", 10_000 * (20 + random.Next(100)));
                }
                builder.WithFunding(startYear, FundingSource.OwnContribution, "Bydel " + district, 10_000 * (5 + random.Next(40)));
            }
            if (status is ProjectStatus.Completed or ProjectStatus.InOrdinaryOperation)
            {
                builder.WithImpact(ImpactKind.Impact, Realisation.Realised, "Ny arbeidsform tatt i bruk i bydelen");
                builder.WithImpact(ImpactKind.Effect, Realisation.Expected, "Flere beholder boligen sin");
            }
            yield return builder.Build();
        }
    }
}
