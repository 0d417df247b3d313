using System.Globalization;
using Husly.Common;
using Husly.Features.Catalogue;
using Husly.Features.Portfolio.Reporting;

namespace Husly.Data.DemoData;

/// <summary>Many generated, published solutions for the catalogue's benchmark (DemoData:Solutions): Norwegian text from
/// word lists, spread over the register's municipalities, forms, categories and target groups, the same every run.
/// Marked as generated in their titles; never on by default.</summary>
internal static class DemoCatalogueVolume
{
    private static readonly string[] Topics =
    [
        "Bo-oppfølging", "Boligskole", "Miljøvaktmester", "Overgangsbolig", "Lavterskel møteplass", "Bomiljøarbeid", "Oppsøkende team",
        "Husleiestøtte", "Treningsbolig", "Koordinator", "Nabolagsarbeid", "Leie til eie", "Tidlig innsats", "Digital boligveiledning",
        "Individuell plan", "Ambulant tjeneste", "Fritidsbolig for ungdom", "Samarbeid med NAV", "Bostøtteteam", "Frivillige verter",
    ];

    private static readonly string[] Groups =
    [
        "for unge voksne", "for eldre som bor alene", "for bostedsløse", "for barnefamilier", "for flyktninger",
        "etter utskriving fra institusjon", "etter løslatelse", "for personer med rus og psykiske lidelser", "i kommunale boliger",
    ];

    private static readonly string[] Sentences =
    [
        "Tjenesten følger beboeren tett de første månedene etter innflytting.",
        "Ansatte møter beboerne hjemme og hjelper med økonomi, husleie og naboforhold.",
        "Kommunen samarbeider med NAV og spesialisthelsetjenesten om oppfølgingen.",
        "Beboerne deltar selv i å utvikle tilbudet gjennom jevnlige samlinger.",
        "Boligene ligger spredt i vanlige nabolag, ikke samlet.",
        "Et lite team har ansvar for et fast antall beboere hver.",
        "Frivillige organisasjoner bidrar med aktiviteter og fellesskap.",
        "Oppfølgingen trappes ned når beboeren mestrer boforholdet.",
        "Husleierestanser fanges opp tidlig, før det blir begjæring om utkastelse.",
        "Tilbudet ble prøvd ut i en bydel før det ble spredt til flere.",
    ];

    private static readonly string[] Lessons =
    [
        "Det tok lengre tid enn ventet å skaffe egnede boliger.",
        "Faste kontaktpersoner gjorde at færre falt ut av oppfølgingen.",
        "Samarbeidet med utleierne måtte avtales skriftlig.",
        "Vi undervurderte behovet for oppfølging på kveldstid.",
    ];

    public static IEnumerable<Solution> Generate(int count, Guid programmeId, DateTime utcNow)
    {
        var random = new Random(2026);
        var municipalities = MunicipalityRegister.All;
        var forms = Enum.GetValues<OrganisationForm>();
        var categories = Enum.GetValues<FollowUpCategory>();
        for (var i = 0; i < count; i++)
        {
            var topic = Topics[random.Next(Topics.Length)];
            var group = Groups[random.Next(Groups.Length)];
            var municipality = municipalities[random.Next(municipalities.Count)];
            var title = $"{topic} {group} ({municipality.Name}, generert {i + 1})";
            var slug = "generert-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var id = DemoIds.For("solution:" + slug);
            var summary = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Sentences[random.Next(Sentences.Length)]));
            var groupName = ReferenceData.TargetGroups[random.Next(ReferenceData.TargetGroups.Count)];
            var published = utcNow.AddDays(-random.Next(1, 2000));
            var solution = new Solution
            {
                Id = id,
                ProgrammeId = programmeId,
                Slug = slug,
                Title = title,
                Summary = summary,
                Problem = Sentences[random.Next(Sentences.Length)],
                HowToStart = "Ta kontakt med " + municipality.Name + " kommune.",
                Contact = municipality.Name + " kommune",
                MunicipalityNumber = municipality.Number,
                OrganisationForm = random.Next(5) == 0 ? null : forms[random.Next(forms.Length)],
                Category = random.Next(3) == 0 ? null : categories[random.Next(categories.Length)],
                State = SolutionState.Published,
                FirstPublishedAt = published,
                PublishedAt = published,
                PublishedVersion = 1,
                FromYear = 2010 + random.Next(15),
            };
            solution.TargetGroups.Add(new SolutionTargetGroup { SolutionId = id, TargetGroupId = DemoIds.TargetGroup(groupName) });
            solution.Lessons.Add(new SolutionLesson
            {
                Id = DemoIds.For("solution-lesson:" + slug),
                SolutionId = id,
                Kind = random.Next(2) == 0 ? LessonKind.Success : LessonKind.Failure,
                Text = Lessons[random.Next(Lessons.Length)],
            });
            solution.RefreshSearchText([groupName], municipality.Name);
            yield return solution;
        }
    }
}
