using System.Globalization;
using Husly.Common;
using Husly.Features.Catalogue;
using Husly.Features.Portfolio.Projects;
using Husly.Features.Portfolio.Reporting;

namespace Husly.Data.DemoData;

/// <summary>The catalogue's demo content. The 28 municipal examples in the source texts (seeds 000, 003 and 004) are
/// published in BOSin's catalogue with only the facts and figures the sources give; where a source says nothing, the
/// field is empty. Organisation form and follow-up category are partly the extractor's assessment (marked
/// "vurdering" in the extract). Two more solutions, from BOSin projects, are still in the editorial workflow. The
/// adoptions are fictitious and stay inside Oslo: we claim nothing about other municipalities.</summary>
internal static class DemoCatalogue
{
    private const string Actor = "Husly demodata";

    // Titles other rows refer to (adoptions, the adopters' results).
    private const string Husrom = "Husrom-hjerterom";
    private const string BoTrygt = "BoTrygt";
    private const string HousingFirst = "Bo-oppfølging med elementer fra Housing First";
    private const string HamarSchool = "Boligskolen Hamar";
    private const string OsloSchool = "Boligskole Oslo";
    private const string M100 = "M100 – overgangsbolig etter langtidsbehandling";

    // Target groups, checked against the reference list so a renamed group fails loudly instead of seeding a dangling id.
    private static readonly string Rop = Group("Personer med samtidig rus- og psykisk lidelse (ROP)");
    private static readonly string Elderly = Group("Eldre som ikke ber om hjelp");
    private static readonly string Homeless = Group("Bostedsløse");
    private static readonly string TemporaryHousing = Group("Personer i midlertidig botilbud");
    private static readonly string FromChildWelfare = Group("Ungdom som flytter fra barnevernet");
    private static readonly string YoungAdults = Group("Unge voksne uten fast bolig");
    private static readonly string FromInstitution = Group("Personer som skrives ut fra institusjon");
    private static readonly string Families = Group("Barnefamilier i kommunal bolig");
    private static readonly string Refugees = Group("Flyktninger og nyankomne");

    /// <summary>Every example in the seeds, published in the programme's catalogue (publication dates spread over the
    /// last ~300 days), followed by two solutions from BOSin projects that are not published: one draft and one in
    /// review.</summary>
    public static List<Solution> Examples(Guid programmeId, DateTime utcNow)
    {
        Solution Make(int daysAgo, string title, string municipality, string summary, string problem, string howToStart,
            string contact, string? district = null, string? staff = null, string? cost = null, string? partners = null,
            OrganisationForm? form = null, FollowUpCategory? category = null, InnovationPhase? phase = null,
            int? fromYear = null, int? toYear = null, Guid? project = null, IReadOnlyList<string>? groups = null,
            IReadOnlyList<(string Name, string Result)>? figures = null,
            IReadOnlyList<(LessonKind Kind, string Text, int? Figure)>? lessons = null) =>
            Published(programmeId, utcNow.AddDays(-daysAgo), title, municipality, summary, problem, howToStart, contact,
                district, staff, cost, partners, form, category, phase, fromYear, toYear, project, groups ?? [], figures ?? [], lessons ?? []);

        List<Solution> solutions =
        [
            // Seed 000: BOSin's own projects.
            Make(296, Husrom, "Oslo",
                summary: "Bydelen har laget en modell for helhetlig oppfølging når personer i ROP-gruppen flytter fra institusjon til bolig " +
                    "i bydelen. Beboeren har ett kontaktpunkt som hjelper med alt fra å velge bolig til innkjøp, innredning og aktiviteter, " +
                    "og det bosettes både i kommunale og private leiligheter.",
                problem: "Bydelen har få egnede boliger for ROP-gruppen, som skal bosettes fra institusjon til bydelen.",
                howToStart: "Ta kontakt med Bydel Frogner for å høre hvordan de organiserte kontaktpunktet for beboerne, og les omtalen av " +
                    "prosjektet hos BOSin-programmet.",
                contact: "Bydel Frogner, Oslo kommune", district: "Frogner",
                category: FollowUpCategory.CaseManagement, phase: InnovationPhase.DeliveringAndImplementing,
                toYear: 2020, project: DemoIds.Project(Husrom), groups: [Rop, FromInstitution],
                figures: [("Personer bosatt", "Prosjektet har i perioden bosatt 10 personer.")],
                lessons: [Success("Modellen ble tatt inn i ordinær drift i bydelen etter at prosjektet ble avsluttet i 2020.")]),

            Make(284, BoTrygt, "Oslo",
                summary: "Prosjektet utvikler en samarbeidsmetode rundt vanskeligstilte eldre som involverer mange aktører og tjenester, " +
                    "slik at de fanges opp før problemene vokser seg for store. I tillegg lages en lavterskel kanal der hvem som helst kan " +
                    "melde fra når de er bekymret for en person.",
                problem: "Eldre som ikke selv ber om hjelp selv om de trenger det, har blitt usynlige for samfunnet, nærmiljøet og hjelperne. " +
                    "Det finnes også systemiske utfordringer rundt målgruppen.",
                howToStart: "Ta kontakt med Bydel Grorud for å høre hvordan samarbeidsmetoden og meldekanalen er utviklet og testet, og les " +
                    "omtalen av prosjektet hos BOSin-programmet.",
                contact: "Bydel Grorud, Oslo kommune", district: "Grorud",
                partners: "Metoden skal sikre bred involvering av interessenter og tjenester rundt de eldre.",
                fromYear: 2020, toYear: 2022, project: DemoIds.Project(BoTrygt), groups: [Elderly]),

            // Seed 003: innovation in social-housing work.
            Make(271, "Tøyen Unlimited – nabolagsinkubator", "Oslo",
                summary: "En inkubator i nabolaget der lokale ildsjeler får plass og støtte til å utvikle ideer om hvordan sosiale utfordringer " +
                    "kan løses gjennom å starte en ideell bedrift. Den ble startet som del av områdeløftet på Tøyen og er nå en selvstendig " +
                    "organisasjon i Aktivitetshuset K1.",
                problem: "Sosiale utfordringer i nabolag og områdeløft-områder. Utgangspunktet er at løsningene finnes blant innbyggerne i " +
                    "nærmiljøet.",
                howToStart: "Ta kontakt med Tøyen Unlimited i Aktivitetshuset K1 for å høre hvordan inkubatoren ble startet i områdeløftet og " +
                    "senere ble en selvstendig organisasjon.",
                contact: "Tøyen Unlimited",
                lessons: [Success("Inkubatoren startet som del av områdeløft Tøyen og ble senere en uavhengig organisasjon.")]),

            Make(262, "En U-sving til bedre bolig", "Larvik",
                summary: "Larvik kommune og Universitetet i Sørøst-Norge prøvde ut en ny måte å hjelpe vanskeligstilte familier på, der " +
                    "familiene i en gruppeprosess arbeidet med egne verdier og strategier og med både boligsituasjonen og egne ressurser. " +
                    "Samtidig reflekterte ansatte fra NAV og kommunen over egen praksis og utviklet ideer til ny praksis.",
                problem: "Vanskeligstilte familier med varige økonomiske utfordringer og en krevende boligsituasjon.",
                howToStart: "Ta kontakt med Larvik kommune for å høre hvordan gruppeprosessen ble lagt opp sammen med Universitetet i " +
                    "Sørøst-Norge, og hvordan de tre modellene ble flettet sammen.",
                contact: "Larvik kommune",
                partners: "Universitetet i Sørøst-Norge (USN), NAV og ulike deler av Larvik kommune. Tre modeller ble brukt og flettet " +
                    "sammen: Theory-U, Diversity Icebreaker og en USN-utviklet modell for samhandlende sosial innovasjon.",
                fromYear: 2018,
                figures: [("Familier som deltok", "I 2018 ble fem familier med varige økonomiske utfordringer invitert til gruppeprosessen.")],
                lessons: [Success("At prosjektet flyttet oppmerksomheten fra problemer til ressurser, var det som ga de tydeligste resultatene.")]),

            Make(250, "Asker Velferdslab", "Asker",
                summary: "En arbeidsform på tvers av kommunens tjenesteområder som skal flytte velferdstjenestene fra saksbehandling til " +
                    "mennesker. Den er et tillegg til, ikke en erstatning for, de ordinære tjenestene, og skal gjennom tidlig innsats og " +
                    "samordnet oppfølging gi familier og ungdom bedre levekår og livskvalitet. Ambisjonen er at «ingen beslutning om meg " +
                    "skal tas uten meg».",
                problem: "Velferdstjenestene tar utgangspunkt i saker heller enn i mennesker. Målet er at familien eller ungdommen på sikt " +
                    "skal trenge færre tjenester fra det offentlige.",
                howToStart: "Ta kontakt med Asker kommune for å høre hvordan Velferdslab er organisert på tvers av tjenesteområdene.",
                contact: "Asker kommune", category: FollowUpCategory.CaseManagement),

            Make(239, "Det gode nabolag", "Bærum",
                summary: "Bærum blander omsorgsboliger, boliger for førstegangskjøpere under 35 år, familieboliger for startlånsmottakere og " +
                    "salg i det vanlige markedet i samme prosjekt. Kommunen solgte tomten med krav til beboersammensetning til en privat " +
                    "aktør som utvikler, regulerer, bygger og selger; fellesarealer skal fremme fellesskap.",
                problem: "Prosjektet skal blant annet forebygge ensomhet gjennom fellesskap mellom beboerne.",
                howToStart: "Ta kontakt med Bærum kommune for å høre hvordan tomten ble solgt med føringer for beboersammensetning, og hvordan " +
                    "samarbeidet med Husbanken ble lagt opp.",
                contact: "Bærum kommune",
                partners: "Samarbeid med Husbanken, og en privat aktør som kjøper tomten med føringer for beboersammensetning og utvikler, " +
                    "omregulerer, bygger og selger boligene. Boligene organiseres som borettslag.",
                form: OrganisationForm.HousingEnvironment,
                figures: [("Boliger", "Kommunen har i samarbeid med Husbanken tilrettelagt for utbygging av ca. 70 boliger organisert som borettslag.")]),

            Make(228, "Hjemveien – boligsosiale tjenester på brukernes premisser", "Sarpsborg",
                summary: "Et konsept for boligsosiale tjenester laget med tjenestedesign (Comte Bureau), som tar hensyn til både brukerens og " +
                    "systemets perspektiv. Det er laget slik at andre kommuner lett kan bruke det på mange slags kommunale tjenester.",
                problem: "Kommunen har en ambisjon om null bostedsløse, og vil ha boligsosiale tjenester som tar utgangspunkt i brukernes premisser.",
                howToStart: "Ta kontakt med Sarpsborg kommune for å få vite mer om konseptet Hjemveien og verktøyene fra tjenestedesignet.",
                contact: "Sarpsborg kommune",
                partners: "Konseptet ble utviklet sammen med tjenestedesignbyrået Comte Bureau.",
                groups: [Homeless],
                lessons: [Success("Ifølge kilden kan konseptet enkelt brukes av andre kommuner på et mangfold av kommunale tjenester.")]),

            Make(217, "Tjenestedesign i utviklingen av boligtjenestene", "Nittedal",
                summary: "Nittedal brukte tjenestedesign for å forstå brukernes behov og finne verdiene og oppgavene som fremtidens " +
                    "organisering av boligtjenestene skal bygge på. Kommunen har også brukt metoden i folkehelsearbeid og demensplan, og " +
                    "planla et prosjekt om digital søknad om hjelp til å skaffe bolig.",
                problem: "Kommunen trengte innsikt i brukernes behov, og i hvilke verdier og arbeidsoppgaver som skal ligge til grunn, før " +
                    "boligtjenestene organiseres på nytt.",
                howToStart: "Ta kontakt med Nittedal kommune for å høre hvordan de brukte tjenestedesign i utviklingen av boligtjenestene.",
                contact: "Nittedal kommune",
                figures: [("Endringsprosesser med tjenestedesign", "Tjenestedesign er brukt i tre endringsprosesser, og kommunen ville i 2018 " +
                    "gjennomføre et fjerde prosjekt om digitale søknader om hjelp til å skaffe bolig.")],
                lessons: [Success("Tjenestedesign er brukt i flere endringsprosesser i kommunen: forebyggende folkehelsearbeid, demensplan og " +
                    "boligtjenestene.", 0)]),

            // Seed 004: housing follow-up and services in and around the home.
            Make(205, "Kartlegging av kommunale boliger og etablering av boligkontor", "Verdal",
                summary: "Gjennom systematisk innsats og statlig finansierte utviklingsprosjekter har Verdal kartlagt og veiledet leietakere og " +
                    "opprettet et boligkontor som følger opp leietakerne. Kommunen har også sluttet å bosette barnefamilier i kommunale " +
                    "boliger, og velger ellers områder som egner seg for barn.",
                problem: "Bostedsløshet og en vanskelig bosituasjon for vanskeligstilte barnefamilier.",
                howToStart: "Ta kontakt med Verdal kommune for å høre hvordan kartleggingen av leietakerne ble gjort og hvordan boligkontoret " +
                    "ble etablert.",
                contact: "Verdal kommune",
                staff: "Et boligkontor som følger opp leietakerne.",
                cost: "Arbeidet ble gjort gjennom systematisk kommunal innsats og deltakelse i statlig finansierte utviklingsprosjekter.",
                form: OrganisationForm.EarmarkedPositions, groups: [Homeless, Families],
                figures: [("Bostedsløse i kommunen", "Høsten 2018 hadde Verdal kommune ingen bostedsløse.")],
                lessons:
                [
                    Success("Kartlegging og veiledning av leietakere og et boligkontor som følger dem opp, har bidratt til målet om ingen bostedsløse.", 0),
                    Success("Bevisstgjøring rundt bosetting av barnefamilier har ført til at de ikke lenger bosettes i kommunale boliger. Må en " +
                        "familie likevel innom en kommunal bolig, velges et område som egner seg for barn, for eksempel uten kjent rusmisbruk."),
                ]),

            Make(196, "Boligskolen for flyktninger i Rana", "Rana",
                summary: "Prosjektet skulle gi flyktninger mer kunnskap i boligkarrieren og styrke oppfølging og veiledning i boligen. Det " +
                    "skulle også få flere til å flytte videre fra Flyktningetjenestens gjennomgangsboliger, slik at boligene kunne brukes til " +
                    "nye bosettinger.",
                problem: "Flyktninger trenger mer kunnskap i boligkarrieren, og gjennomstrømningen i Flyktningetjenestens gjennomgangsboliger " +
                    "var for liten til at boligene kunne frigjøres til nye bosettinger.",
                howToStart: "Ta kontakt med Flyktningetjenesten i Rana kommune for å høre hvordan boligskolen ble organisert.",
                contact: "Flyktningetjenesten, Rana kommune",
                partners: "Flyktningetjenesten, som har gjennomgangsboligene.",
                form: OrganisationForm.HousingSchool, groups: [Refugees]),

            Make(184, HamarSchool, "Hamar",
                summary: "Hamar startet en boligskole der deltakerne lærer det mest grunnleggende om å bruke og vedlikeholde en bolig. " +
                    "Tilbudet er nå en fast del av opplæringen for flyktninger i introduksjonsordningen, og kommunen arbeider med å tilpasse " +
                    "det til flere grupper.",
                problem: "Mange kommunale leietakere trenger mer kunnskap om det å bo, og flyktninger som kommer til Hamar, kjenner ikke " +
                    "norske boligforhold.",
                howToStart: "Ta kontakt med Boligsosial avdeling i Hamar kommune for å høre hvordan boligskolen ble en del av undervisningen " +
                    "i introduksjonsordningen.",
                contact: "Boligsosial avdeling, Hamar kommune",
                partners: "Samarbeid mellom Boligsosial avdeling, Hamar læringssenter og Flyktningkontoret.",
                form: OrganisationForm.HousingSchool, groups: [Refugees],
                lessons: [Success("Boligskolen er tatt inn i undervisningen for flyktninger i introduksjonsordningen og er en del av ordinær " +
                    "drift. Kommunen arbeider med å utvide og tilpasse den til andre målgrupper.")]),

            Make(173, "Boligskolen SAFIR", "Oslo",
                summary: "SAFIR er et rusfritt sosialt nettverk der tidligere rusavhengige, frivillige og ansatte møtes, og boligskolen er ett " +
                    "av tilbudene. Den skal gi tidligere rusavhengige kunnskap og mot til å håndtere boligutfordringer og mestre hverdagen bedre.",
                problem: "Tidligere rusavhengige strever med boligsosiale utfordringer og med å mestre hverdagen.",
                howToStart: "Ta kontakt med SAFIR for å høre hvordan ressursgruppen av frivillige med ruserfaring planlegger, gjennomfører og " +
                    "evaluerer kursene.",
                contact: "SAFIR",
                staff: "En ressursgruppe med 4–5 frivillige med ruserfaring og én ansatt koordinator, i rusfrie rammer.",
                form: OrganisationForm.HousingSchool,
                figures: [("Ressursgruppe", "4–5 frivillige med ruserfaring og en ansatt koordinator.")],
                lessons: [Success("Erfaringskompetansen til de frivillige med ruserfaring er selve suksessfaktoren. De er med i planlegging, " +
                    "gjennomføring og evaluering av alle kursene.", 0)]),

            Make(165, OsloSchool, "Oslo",
                summary: "Velferdsetaten og Voksenopplæringen har gitt flyktninger i introduksjonsordningen undervisning i skoletiden om det de " +
                    "må kunne for å bo i Norge. Flere etater har gitt praktisk innføring, Husbanken har holdt workshop, og Boligbygg KF har " +
                    "lånt ut en treningsbolig til kurs.",
                problem: "Flyktninger mangler ferdigheter og kunnskap som trengs for å bo i Norge.",
                howToStart: "Ta kontakt med Velferdsetaten for å høre hvordan undervisningen ble lagt opp sammen med Voksenopplæringen og de " +
                    "andre etatene.",
                contact: "Velferdsetaten, Oslo kommune",
                partners: "Voksenopplæringen i Oslo, som har ansvar for introduksjonsordningen; Brann- og redningsetaten, Boligbygg KF (med en " +
                    "treningsbolig) og Renovasjonsetaten; Husbanken holdt workshop med «Sjef i eget liv».",
                form: OrganisationForm.HousingSchool, groups: [Refugees]),

            Make(152, "Vertsfamilieordning i Finnmark", "Vadsø",
                summary: "Elever under 18 år som må flytte hjemmefra for å gå på skole, får hybel eller rom hos en godkjent vertsfamilie. " +
                    "Eleven klarer seg stort sett selv, men familien kan hjelpe med klesvask, vekking og mat, og skolen har kontakt med " +
                    "familien hver måned.",
                problem: "Mange ungdommer i Finnmark under 18 år må flytte hjemmefra for å gå på skole. Ordningen skal gi dem et tryggere " +
                    "bomiljø og forebygge frafall fra videregående skole.",
                howToStart: "Ta kontakt med Vadsø kommune for å høre hvordan vertsfamilieordningen er organisert.",
                contact: "Vadsø kommune",
                partners: "Godkjente vertsfamilier. Skolen har månedlig kontakt med familien."),

            Make(141, HousingFirst, "Stavanger",
                summary: "Stavanger gjennomførte sammen med Helse Stavanger et forprosjekt som kartla målgruppen, samarbeidsmuligheter, " +
                    "ressursbehov og mulig finansiering for et Housing First-team. Rapporten ledet til en politisk sak, og kommunen vedtok å " +
                    "starte et bo-oppfølgingsteam bygd på Housing First-prinsipper.",
                problem: "Kommunen ville undersøke om et Housing First-team kunne være et supplement til det tilbudet kommunen allerede hadde.",
                howToStart: "Ta kontakt med Stavanger kommune og be om prosjektrapporten fra forprosjektet, som beskriver målgruppen, " +
                    "samarbeidsmuligheter, ressursbehov og mulige finansieringskilder. Les også Husbankens veileder om bo-oppfølging.",
                contact: "Stavanger kommune",
                partners: "Helse Stavanger, Avdeling Unge Voksne, var med i forprosjektet. Oppstarten krevde et politisk vedtak.",
                form: OrganisationForm.Team, category: FollowUpCategory.SupportedHousing, fromYear: 2015,
                lessons: [Success("Forprosjektet ga en prosjektrapport, som ledet til en politisk sak og et vedtak om å etablere et " +
                    "bo-oppfølgingsteam basert på prinsipper fra Housing First. Prosjektet startet i 2015 og er toårig.")]),

            Make(130, "Tandem", "Kristiansand",
                summary: "Et samarbeid mellom Kristiansand kommune og Sørlandet sykehus om tjenester til personer med samtidige rus- og " +
                    "psykiske lidelser. Tilbudet er for dem som ikke får nytte av hjelp fra verken kommunen eller spesialisthelsetjenesten " +
                    "hver for seg.",
                problem: "Noen brukere med samtidig rus- og psykisk lidelse klarer ikke å nyttiggjøre seg hjelp fra verken 1. eller " +
                    "2. linjetjenesten hver for seg.",
                howToStart: "Ta kontakt med Kristiansand kommune for å høre hvordan samarbeidet med Sørlandet sykehus er organisert.",
                contact: "Kristiansand kommune",
                partners: "Sørlandet sykehus HF.",
                form: OrganisationForm.Team, groups: [Rop]),

            Make(121, "Topdalsveien 18 – omsorgsboliger med aktivitetstilbud", "Kristiansand",
                summary: "Et botilbud med småhus, noen for par, bygget som energisparende passivhus og klart for innflytting høsten 2013. " +
                    "Beboerne har lang rushistorie, og boligene er utviklet med mye brukermedvirkning.",
                problem: "Tilbudet gjelder personer med et langt rusliv bak seg, med rusutfordringer og psykiske plager, som trenger et sted å bo.",
                howToStart: "Ta kontakt med Kristiansand kommune for å høre hvordan beboerne var med på å utforme boligene, og hvordan " +
                    "kommunen møtte skepsisen fra naboer og fagfolk.",
                contact: "Kristiansand kommune",
                form: OrganisationForm.StaffedHousing, fromYear: 2013, groups: [Rop],
                figures:
                [
                    ("Boliger", "17 småhus inkludert 3 boliger for par, innflyttingsklare i oktober 2013."),
                    ("Boligstørrelse", "Bruttoarealet for hver av de ordinære boenhetene er ca. 42 kvadratmeter."),
                ],
                lessons:
                [
                    Failure("Etableringen møtte kontroverser og skepsis: mange, både naboer og fagfolk, så problemer med å samle så mange " +
                        "med rusutfordringer og psykiske plager på ett sted.", 0),
                    Success("Boligene kom i stand med stor grad av brukermedvirkning."),
                ]),

            Make(110, M100, "Stavanger",
                summary: "Et botilbud for personer som har fullført langtidsbehandling i TSB og har kommet langt i rehabiliteringen, men " +
                    "fortsatt trenger botrening og oppfølging før de flytter i egen bolig. Huset har hybelleiligheter med egen stue/soverom, " +
                    "minikjøkken og bad, og felles kjøkken og oppholdsrom.",
                problem: "Personer som har gjennomført langtidsbehandling i tverrfaglig spesialisert behandling (TSB), er ikke alltid klare " +
                    "for egen bolig uten praktisk botrening og oppfølging.",
                howToStart: "Ta kontakt med Stavanger kommune. Merk inntakskriteriene: søkeren må ha fylt 18 år, og individuell plan og " +
                    "kriseplan skal være utarbeidet før innflytting.",
                contact: "Stavanger kommune",
                form: OrganisationForm.StaffedHousing, category: FollowUpCategory.CriticalTimeIntervention, groups: [FromInstitution],
                figures: [("Hybelleiligheter", "M100 er et hybelhus med 9 hybelleiligheter.")]),

            Make(98, "Jegersberg gård rehabiliterings- og kompetansesenter", "Kristiansand",
                summary: "Et senter som er resultat av modellutvikling sammen med Sørlandet sykehus, Universitetet i Agder, næringslivet og " +
                    "organisasjoner. Det skal gi rusmiddelavhengige et langsiktig og helhetlig rehabiliteringstilbud uten medikamenter.",
                problem: "Rusmiddelavhengige trenger et langsiktig, helhetlig og medikamentfritt rehabiliteringstilbud.",
                howToStart: "Ta kontakt med Kristiansand kommune for å høre om modellutviklingen sammen med Sørlandet sykehus, Universitetet " +
                    "i Agder, næringslivet og organisasjonene.",
                contact: "Kristiansand kommune",
                partners: "Sørlandet sykehus HF, Universitetet i Agder, næringslivet og organisasjoner.",
                fromYear: 2013),

            Make(87, "Søbstadveien – bolig for menn med rus- og psykiske utfordringer", "Trondheim",
                summary: "Trondheim etablerte bolig for menn med rus- og psykiske utfordringer som tidligere har hatt problemer med å bo. " +
                    "Målet er et mer stabilt boforhold, med vekt på kost, ernæring og aktiviteter som del av skadereduksjon.",
                problem: "Menn med rus- og psykiske utfordringer som tidligere har hatt vansker knyttet til boforholdene sine, har ustabile " +
                    "boforhold.",
                howToStart: "Ta kontakt med Trondheim kommune for å høre hvordan de arbeider med kost, ernæring og aktiviteter som del av " +
                    "skadereduksjon i boligen.",
                contact: "Trondheim kommune",
                form: OrganisationForm.StaffedHousing, groups: [Rop],
                figures: [("Plasser", "Bolig for 10 menn.")]),

            Make(79, "Foyer Bodø", "Bodø",
                summary: "Foyer gir ungdom mellom 16 og 23 år som er eller kan bli bostedsløse et hjem, veiledning og hjelp til " +
                    "koordinering, tilpasset hver enkelt. Tilbudet hører til barneverntjenesten, og målet er trygge, selvstendige unge " +
                    "voksne gjennom tverrfaglig oppfølging.",
                problem: "Ungdom mellom 16 og 23 år som er eller står i fare for å bli bostedsløse, og som trenger hjelp og veiledning.",
                howToStart: "Ta kontakt med barneverntjenesten i Bodø kommune for å høre hvordan Foyer er organisert og hvordan ungdommene " +
                    "søkes inn.",
                contact: "Barneverntjenesten, Bodø kommune",
                partners: "Tilbudet er knyttet til barneverntjenesten. Ungdommene som søkes inn, er allerede i kontakt med NAV, " +
                    "Flyktningkontoret eller barneverntjenesten.",
                form: OrganisationForm.StaffedHousing, category: FollowUpCategory.SupportedHousing, groups: [YoungAdults, Homeless]),

            Make(68, "Oppsøkende behandlingsteam (OBS)", "Stavanger",
                summary: "Et samarbeid mellom Stavanger kommune og Stavanger universitetssykehus som skal gi samordnede tjenester til " +
                    "personer med alvorlige psykiske lidelser og tilleggsproblemer. Brukerne trenger ofte oppfølging både fra kommunen og " +
                    "spesialisthelsetjenesten.",
                problem: "Brukere med alvorlige psykiske lidelser og ulike tilleggsproblemer trenger ofte tjenester fra både kommunen og " +
                    "spesialisthelsetjenesten, og tjenestene må henge sammen.",
                howToStart: "Ta kontakt med Stavanger kommune for å høre hvordan samarbeidet med Stavanger universitetssykehus om teamet " +
                    "er lagt opp.",
                contact: "Stavanger kommune",
                partners: "Stavanger universitetssykehus.",
                form: OrganisationForm.Team, category: FollowUpCategory.OutreachTeam),

            Make(57, "Tidlig intervensjon – unge og rus (TIUR)", "Ringsaker",
                summary: "En samarbeidsmodell mellom kommunen og lensmannskontoret for å oppdage, gripe tidlig inn og følge opp ungdom som " +
                    "kan utvikle rus- og kriminalitetsproblemer. Kommunens og politiets virkemidler brukes samlet med rask reaksjon, " +
                    "tverrfaglig samarbeid og tilpassede tiltak.",
                problem: "Ungdom som står i fare for å utvikle problemer knyttet til rus og kriminalitet.",
                howToStart: "Les metodehåndboken «Tidlig intervensjon – unge og rus (TIUR)», og ta kontakt med Ringsaker kommune for å høre " +
                    "hvordan samarbeidet med lensmannskontoret er organisert.",
                contact: "Ringsaker kommune",
                partners: "Ringsaker lensmannskontor. Tiltaket er forankret i SLT-modellen."),

            Make(46, "Oppfølgingsrutine for rusmiddelavhengige fra institusjon til bolig", "Oslo",
                summary: "Oslo kommune har laget en rutine for hvordan overgangen fra institusjon til egen bolig skal håndteres. Målet er å " +
                    "gjøre overgangen mindre sårbar slik at flere lykkes med å bo.",
                problem: "Overgangen mellom institusjon og bolig er sårbar og fører ofte til ny innleggelse i institusjon.",
                howToStart: "Ta kontakt med Oslo kommune for å få rutinen for oppfølging når rusmiddelavhengige flytter fra institusjon til bolig.",
                contact: "Oslo kommune",
                category: FollowUpCategory.CriticalTimeIntervention, groups: [FromInstitution]),

            Make(38, "Beboerråd for bedre bomiljø", "Oslo",
                summary: "Bydel Stovner og Leieboerforeningen gjennomførte prosjektet «Bedre bomiljø» for å øke beboernes medvirkning i en " +
                    "stor kommunal blokk. Samarbeidet er ett av flere ledd i bydelens langvarige satsing på dette bomiljøet.",
                problem: "Beboerne i en større kommunal blokk i bydelen trengte mer medvirkning, og bomiljøet skulle bli bedre.",
                howToStart: "Ta kontakt med Bydel Stovner for å høre hvordan prosjektet ble gjennomført sammen med Leieboerforeningen.",
                contact: "Bydel Stovner, Oslo kommune", district: "Stovner",
                partners: "Leieboerforeningen.",
                form: OrganisationForm.HousingEnvironment, fromYear: 2016, toYear: 2016),

            Make(27, "Fra bostedsløs til beboer", "Tromsø",
                summary: "Prosjektet skal styrke Tromsøs boligsosiale arbeid for bostedsløse ved å lage gode samarbeidsrutiner mellom " +
                    "tjenestene og bedre den individuelle oppfølgingen av dem som søker midlertidig botilbud. Målet er at de raskere kommer " +
                    "over i varig bolig.",
                problem: "Bostedsløse som søker midlertidig botilbud etter § 27 i sosialtjenesteloven, trenger raskere overgang til varig " +
                    "bolig, og tjenestene trenger gode rutiner for samhandling på systemnivå.",
                howToStart: "Ta kontakt med NAV Tromsø eller Boligkontoret i Tromsø kommune for å høre hvilke samhandlingsrutiner prosjektet " +
                    "har utviklet.",
                contact: "Boligkontoret, Tromsø kommune",
                partners: "NAV Tromsø og Boligkontoret har ansvaret for gjennomføringen av prosjektet.",
                groups: [Homeless, TemporaryHousing]),

            Make(18, "STULI – særskilte tiltak for ungdom i Lister", "Farsund",
                summary: "Prosjektet laget en metodehåndbok med tips og råd for ansatte i ettervern i barnevernet og annet boligsosialt " +
                    "arbeid, rettet mot ungdom som ikke kan bo hjemme. Håndboken vurderer ulike boformer med ulik grad av oppfølging, og har " +
                    "tiltak for dagtilbud, sosialt liv, økonomi og livskvalitet.",
                problem: "Ungdom mellom 16 og 23 år i Lister barnevern som ikke kan bo hjemme. Målet var gode lokale løsninger som et " +
                    "alternativ til statlige barneverntiltak (institusjonsplassering).",
                howToStart: "Les metodehåndboken fra STULI-prosjektet, og ta kontakt med Farsund kommune for å høre om erfaringene.",
                contact: "Farsund kommune",
                groups: [FromChildWelfare]),

            Make(9, "Botilbud for ungdom som springbrett til å greie seg selv", "Bærum",
                summary: "Bærum opprettet et eget botilbud med hybler og leiekontrakt på seks måneder, med gode ressurser til å hjelpe " +
                    "ungdommen videre til egen bolig. Ungdommene må være i jobb, utdanning eller NAV-tiltak på dagtid.",
                problem: "Oppfølging av ungdom virker dårlig når bosituasjonen er krevende. Noen ungdommer står uten fast bolig, og andre " +
                    "har bolig, men mestrer ikke alle sider ved å bo.",
                howToStart: "Ta kontakt med Ungdomsavdelingen ved NAV Bærum for å høre hvordan botilbudet og oppfølgingen er organisert.",
                contact: "Ungdomsavdelingen, NAV Bærum",
                staff: "Hybler med seks måneders leiekontrakt, og gode ressurser til å hjelpe ungdommen videre til egen bolig.",
                partners: "Ungdomsavdelingen ved NAV Bærum.",
                form: OrganisationForm.StaffedHousing, category: FollowUpCategory.CriticalTimeIntervention, groups: [YoungAdults],
                figures: [("Ungdom uten fast bolig", "Ungdomsavdelingen ved NAV Bærum har til enhver tid ca. 15–20 ungdom som er registrert " +
                    "uten fast bolig.")],
                lessons: [Failure("Oppfølgingstiltak for ungdom er lite hensiktsmessige når boligsituasjonen er krevende. En tilfredsstillende " +
                    "bosituasjon må til for å lykkes med studier, skole eller arbeidsrettede tiltak.")]),
        ];
        solutions.AddRange(InWorkflow(programmeId, utcNow));
        return solutions;
    }

    /// <summary>A fictitious spread inside Oslo: districts that took some of the examples into use. Only Oslo districts,
    /// never other municipalities, so we claim nothing about them; the texts and figures are made up for the demo.</summary>
    public static List<Adoption> Adoptions(DateTime utcNow)
    {
        var sagene = Adopt(utcNow, Husrom, "Sagene", 250, AdoptionStatus.InOperation,
            "Vi bruker modellen med ett kontaktpunkt for beboere som flytter fra institusjon, men bosetter foreløpig bare i kommunale leiligheter.");
        // Fictitious demo figures against Husrom-hjerterom's indicator, not facts about Bydel Sagene.
        var settled = IndicatorId(Slugs.From(Husrom), 0);
        var today = DateOnly.FromDateTime(utcNow);
        sagene.Results.Add(Result(sagene, settled, sagene.AdoptedOn.Year, "2 personer bosatt"));
        if (today.Year > sagene.AdoptedOn.Year)
        {
            sagene.Results.Add(Result(sagene, settled, today.Year, "1 person bosatt hittil i år"));
        }
        return
        [
            sagene,
            Adopt(utcNow, Husrom, "Nordre Aker", 60, AdoptionStatus.Trying,
                "Vi prøver ut modellen for noen få beboere i ROP-gruppen, med kontaktpunktet lagt til bydelens bo-oppfølging."),
            Adopt(utcNow, HousingFirst, "Gamle Oslo", 100, AdoptionStatus.Trying,
                "Vi prøver ut et lite bo-oppfølgingsteam etter Housing First-prinsipper, som et supplement til bydelens øvrige tilbud. " +
                "Vi gjorde en enklere kartlegging av målgruppen i stedet for et eget forprosjekt."),
            Adopt(utcNow, HamarSchool, "Søndre Nordstrand", 150, AdoptionStatus.InOperation,
                "Boligskolen er tilpasset unge voksne i kommunal bolig, ikke bare flyktninger, og holdes sammen med NAV-kontoret i bydelen."),
            Adopt(utcNow, OsloSchool, "Alna", 20, AdoptionStatus.Planning,
                "Vi planlegger undervisning om å bo for deltakere i introduksjonsprogrammet, og ser på om vi kan låne en treningsbolig."),
            Adopt(utcNow, BoTrygt, "Østensjø", 240, AdoptionStatus.Stopped,
                "Vi testet meldekanalen for bekymring om eldre i ett borettslag, sammen med vaktmesteren.",
                stoppedReason: "Prosjektstillingen ble ikke videreført i bydelens budsjett, og meldekanalen fikk for få meldinger til at vi " +
                    "kunne drive den videre alene. Vi vil heller prøve igjen sammen med hjemmetjenesten."),
            Adopt(utcNow, M100, "Grünerløkka", 30, AdoptionStatus.Planning,
                "Vi utreder en overgangsbolig for personer som kommer fra langtidsbehandling, med samme krav om individuell plan og " +
                "kriseplan før innflytting."),
        ];
    }

    /// <summary>Two solutions from BOSin projects, not yet published: "Sammen om bolig" in review, and a draft from the
    /// first generated project, taken from the generator so its name and district always match the seeded project.</summary>
    private static List<Solution> InWorkflow(Guid programmeId, DateTime utcNow)
    {
        const string together = "Sammen om bolig";
        var togetherSlug = Slugs.From(together);
        var togetherId = DemoIds.For("solution:" + togetherSlug);
        var inReview = new Solution
        {
            Id = togetherId,
            ProgrammeId = programmeId,
            Slug = togetherSlug,
            Title = together,
            Summary = "Seks bydeler og Velferdsetaten utvikler tjenester og samarbeidsmodeller for å gi personer med alvorlige psykiske " +
                "lidelser og/eller omfattende rusavhengighet et trygt botilbud i lokalsamfunnet, også der det er vurdert sikkerhetsrisiko. " +
                "Fafo følger arbeidet med forskning.",
            Problem = "Når det er vold eller sikkerhetsrisiko, kjøper bydelene ofte dyre private institusjonsplasser i stedet for å bosette lokalt.",
            PartnerNeeds = "Fafo (følgeforskning), spesialisthelsetjenesten og politiets psykiatritjeneste (faste samarbeidsmøter) og " +
                "brukerorganisasjoner (brukermedvirkning).",
            HowToStart = "Ta kontakt med Velferdsetaten for å høre hvordan de seks bydelene organiserte samarbeidet, og les Fafos følgeforskning.",
            MunicipalityNumber = MunicipalityRegister.Oslo,
            FromYear = 2018,
            ToYear = 2020,
            Contact = "Velferdsetaten, Oslo kommune",
            ProjectId = DemoIds.Project(together),
            State = SolutionState.InReview,
            TargetGroups = [Target(togetherId, Rop), Target(togetherId, Homeless)],
            Lessons =
            [
                Lesson(togetherId, togetherSlug, 0, Success("Bydelene innførte «én dør inn», der brukeren har én eller få ansatte å forholde seg til.")),
                Lesson(togetherId, togetherSlug, 1, Success("Bydelene fikk en rutine for brukerbytte på tvers av bydelsgrenser.")),
                Lesson(togetherId, togetherSlug, 2, Success("Fra 2021 har spesialisthelsetjenesten, politiets psykiatritjeneste og bydelene faste møter.")),
            ],
            Events =
            [
                Event(togetherId, togetherSlug, "created", SolutionAction.Created, SolutionState.Draft, 0, utcNow.AddDays(-40)),
                Event(togetherId, togetherSlug, "sent-to-review", SolutionAction.SentToReview, SolutionState.InReview, 0, utcNow.AddDays(-6)),
            ],
        };
        inReview.RefreshSearchText([Rop, Homeless], "Oslo");

        // Generated(1) yields the same first project as the seeder's Generated(n): the generator is seeded and walks in order.
        var project = DemoProjects.Generated(1).First();
        var district = ReferenceData.Districts.First(d => DemoIds.District(d) == project.LeadUnitId);
        var groups = ReferenceData.TargetGroups.Where(g => project.TargetGroups.Any(t => t.TargetGroupId == DemoIds.TargetGroup(g))).ToList();
        var draftSlug = Slugs.From(project.Name);
        var draftId = DemoIds.For("solution:" + draftSlug);
        var draft = new Solution
        {
            Id = draftId,
            ProgrammeId = programmeId,
            Slug = draftSlug,
            Title = project.Name,
            Summary = project.Summary ?? "",
            Problem = project.Challenge,
            MunicipalityNumber = MunicipalityRegister.Oslo,
            DistrictId = project.LeadUnitId,
            Contact = "Bydel " + district + ", Oslo kommune",
            ProjectId = project.Id,
            State = SolutionState.Draft,
            TargetGroups = groups.Select(g => Target(draftId, g)).ToList(),
            Events = [Event(draftId, draftSlug, "created", SolutionAction.Created, SolutionState.Draft, 0, utcNow.AddDays(-3))],
        };
        draft.RefreshSearchText(groups, "Oslo");
        return [inReview, draft];
    }

    private static Solution Published(
        Guid programmeId, DateTime publishedAt, string title, string municipality, string summary, string problem, string howToStart,
        string contact, string? district, string? staff, string? cost, string? partners, OrganisationForm? form,
        FollowUpCategory? category, InnovationPhase? phase, int? fromYear, int? toYear, Guid? project, IReadOnlyList<string> groups,
        IReadOnlyList<(string Name, string Result)> figures, IReadOnlyList<(LessonKind Kind, string Text, int? Figure)> lessons)
    {
        var slug = Slugs.From(title);
        var id = DemoIds.For("solution:" + slug);
        var indicators = figures.Select((f, i) => new SolutionIndicator
        {
            Id = IndicatorId(slug, i),
            SolutionId = id,
            Name = f.Name,
            ResultText = f.Result,
            SortOrder = i,
        }).ToList();
        var solution = new Solution
        {
            Id = id,
            ProgrammeId = programmeId,
            Slug = slug,
            Title = title,
            Summary = summary,
            Problem = problem,
            StaffNeeds = staff,
            CostNeeds = cost,
            PartnerNeeds = partners,
            HowToStart = howToStart,
            OrganisationForm = form,
            Category = category,
            Phase = phase,
            MunicipalityNumber = MunicipalityRegister.ByName(municipality)!.Number,
            DistrictId = district is null ? null : DemoIds.District(district),
            FromYear = fromYear,
            ToYear = toYear,
            Contact = contact,
            ProjectId = project,
            State = SolutionState.Published,
            FirstPublishedAt = publishedAt,
            PublishedAt = publishedAt,
            PublishedVersion = 1,
            TargetGroups = groups.Select(g => Target(id, g)).ToList(),
            Indicators = indicators,
            Lessons = lessons.Select((l, i) => Lesson(id, slug, i, l, l.Figure is { } figure ? indicators[figure].Id : null)).ToList(),
            Events =
            [
                Event(id, slug, "created", SolutionAction.Created, SolutionState.Draft, 0, publishedAt.AddDays(-14)),
                Event(id, slug, "published", SolutionAction.Published, SolutionState.Published, 1, publishedAt),
            ],
        };
        solution.RefreshSearchText(groups, municipality);
        return solution;
    }

    private static (LessonKind Kind, string Text, int? Figure) Success(string text, int? figure = null) => (LessonKind.Success, text, figure);

    private static (LessonKind Kind, string Text, int? Figure) Failure(string text, int? figure = null) => (LessonKind.Failure, text, figure);

    private static SolutionLesson Lesson(Guid solutionId, string slug, int n, (LessonKind Kind, string Text, int? Figure) lesson, Guid? indicatorId = null) =>
        new()
        {
            Id = DemoIds.For("solution-lesson:" + slug + ":" + N(n)),
            SolutionId = solutionId,
            Kind = lesson.Kind,
            Text = lesson.Text,
            IndicatorId = indicatorId,
            SortOrder = n,
        };

    private static SolutionTargetGroup Target(Guid solutionId, string name) =>
        new() { SolutionId = solutionId, TargetGroupId = DemoIds.TargetGroup(name) };

    private static SolutionEvent Event(Guid solutionId, string slug, string key, SolutionAction action, SolutionState state, int version, DateTime at) =>
        new()
        {
            Id = DemoIds.For("solution-event:" + slug + ":" + key),
            SolutionId = solutionId,
            Action = action,
            State = state,
            Version = version,
            At = at,
            By = Actor,
        };

    private static Guid IndicatorId(string slug, int n) => DemoIds.For("solution-indicator:" + slug + ":" + N(n));

    private static Adoption Adopt(DateTime utcNow, string title, string district, int daysAgo, AdoptionStatus status, string changes,
        string? stoppedReason = null)
    {
        var slug = Slugs.From(title);
        return new Adoption
        {
            Id = DemoIds.For("adoption:" + slug + ":" + district),
            SolutionId = DemoIds.For("solution:" + slug),
            MunicipalityNumber = MunicipalityRegister.Oslo,
            DistrictId = DemoIds.District(district),
            OrganisationId = DemoIds.District(district),
            AdoptedOn = DateOnly.FromDateTime(utcNow.AddDays(-daysAgo)),
            Status = status,
            Changes = changes,
            StoppedReason = stoppedReason,
            Contact = "Bydel " + district,
        };
    }

    private static AdoptionResult Result(Adoption adoption, Guid indicatorId, int year, string value) =>
        new()
        {
            Id = DemoIds.For("adoption-result:" + adoption.Id + ":" + N(year)),
            AdoptionId = adoption.Id,
            IndicatorId = indicatorId,
            Year = year,
            Value = value,
        };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Group(string name) =>
        ReferenceData.TargetGroups.Contains(name) ? name : throw new InvalidOperationException("Unknown target group: " + name);
}
