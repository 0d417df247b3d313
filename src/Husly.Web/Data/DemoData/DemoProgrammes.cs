using Husly.Features.Portfolio.Programmes;

namespace Husly.Data.DemoData;

/// <summary>The demo programmes, from the public descriptions of BOSin and BOSO Oslo.</summary>
public static class DemoProgrammes
{
    public static InnovationProgramme Bosin()
    {
        var id = DemoIds.Programme("BOSin");
        return new InnovationProgramme
        {
            Id = id,
            Name = "Boligsosialt utviklings- og innovasjonsprogram",
            ShortName = "BOSin",
            StartYear = 2015,
            OwnerId = DemoIds.Organisation(ReferenceData.CityDepartment),
            Vision = "En inkluderende storby der alle bor godt og trygt.",
            Description = "BOSin gir midler, veiledning og oppfølging til boligsosiale innovasjonsprosjekter i bydelene. " +
                "Programmet er åpent for kommunale virksomheter som har en boligsosial utfordring uten gode løsninger i dag, " +
                "og støtter ikke ordinær drift. Både det som lykkes og det som ikke lykkes, deles videre.",
            MainGoal = "Nye løsninger som tas i bruk, gir merverdi for virksomheten og kan kopieres av andre.",
            NationalGoals = NationalGoals.GoodPlaceToLive | NationalGoals.MasterTenancy | NationalGoals.HolisticEffort,
            Goals =
            [
                Goal(id, GoalKind.OwnGoal, 1, "Utvikling og innovasjon i det boligsosiale arbeidet skal bygge på brukernes behov og medvirkning."),
                Goal(id, GoalKind.OwnGoal, 2, "Kunnskap skal aktivt deles mellom sektorer i kommunen og med andre aktører."),
            ],
            Groups =
            [
                Group(id, GroupKind.CentralProgrammeGroup, "Programledelsen i Velferdsetaten", null,
                    ("Mikal Råheim", "Operativ programleder", ReferenceData.WelfareAgency, true),
                    ("Marianne Hektoen", "Operativ programleder", ReferenceData.WelfareAgency, true)),
            ],
            Managers = [new ProgrammeManager { ProgrammeId = id, UserId = DemoIds.User(DemoAccounts.Manager.Email) }],
        };
    }

    public static InnovationProgramme BosoOslo()
    {
        var id = DemoIds.Programme("BOSO Oslo");
        return new InnovationProgramme
        {
            Id = id,
            Name = "Boligsosialt utviklingsprogram i Oslo, Groruddalen",
            ShortName = "BOSO Oslo",
            StartYear = 2012,
            EndYear = 2016,
            IsArchived = false,
            OwnerId = DemoIds.Organisation(ReferenceData.CityDepartment),
            Vision = "Alle har et trygt og godt sted å bo.",
            Description = "Et samarbeid mellom bydelene Alna, Bjerke, Grorud og Stovner, koordinert av byrådsavdelingen og Husbanken. " +
                "Bolig er, sammen med helse, utdanning og arbeid, en grunnpilar i velferdssamfunnet.",
            MainGoal = "Flere vanskeligstilte skal bosettes på boligmarkedet.",
            NationalGoals = NationalGoals.GoodPlaceToLive | NationalGoals.MasterTenancy,
            Goals =
            [
                Goal(id, GoalKind.WorkingGoal, 1, "Mer forebygging og bekjempelse av bostedsløshet."),
                Goal(id, GoalKind.WorkingGoal, 2, "Mer boligsosial aktivitet i bydelene."),
                Goal(id, GoalKind.WorkingGoal, 3, "Mer boligsosial kompetanse i bydelene."),
            ],
            FocusAreas =
            [
                Area(id, 1, "Egnede boliger for vanskeligstilte",
                    ["Boligbehovsplan", "Boligtiltak for grupper der bolig ikke er nok"],
                    [("Framskaffe og utvikle boligtilbud", MeasureTag.Provision), ("Kartlegge eierskapspotensialet blant klienter", MeasureTag.Provision)]),
                Area(id, 2, "Økonomiske boligvirkemidler",
                    ["Lik og effektiv praksis mellom bydelene for boligøkonomiske virkemidler", "Hjelp til å kjøpe egen bolig"],
                    [("Kompetanseheving om startlån sammen med Velferdsetaten", MeasureTag.Training)]),
                Area(id, 3, "Individuell oppfølging i bomiljø",
                    ["Tverrfaglige rutiner for ansvar og samarbeid", "Mer individuell bo-oppfølging", "Fra prosjekt til ordinær tjeneste"],
                    [("Treningsboliger for ungdom", MeasureTag.Provision)]),
                Area(id, 4, "Bomiljøarbeid i utsatte områder",
                    ["Samarbeid med områdeløftet", "Møteplasser i samarbeid med borettslag og sameier"],
                    [("Bomiljøtiltak i Sinsenveien", MeasureTag.Provision)]),
                Area(id, 5, "Kompetanse, læring, utvikling og ny kunnskap",
                    ["Samhandling internt og eksternt", "Koordinering av tjenester", "Rullering av programplanen"],
                    [("Felles opplæringsplan for BOSO Oslo", MeasureTag.Training), ("Boliguka og konferanser", MeasureTag.Training)]),
            ],
            Groups =
            [
                Group(id, GroupKind.SteeringGroup, "Styringsgruppe", null,
                    ("Bjørg Månum Andersson", "Kommunaldirektør", "Byrådsavdeling for eldre og sosiale tjenester", true),
                    ("Tore Pran Olsen", "Bydelsdirektør", "Bydel Alna", false),
                    ("Kari-Anne Mathisen", "Bydelsdirektør", "Bydel Bjerke", false),
                    ("Maria Brattebakke", "Bydelsdirektør", "Bydel Stovner", false),
                    ("Helge Jagmann", "Bydelsdirektør", "Bydel Grorud", false),
                    ("Morten Mjelve", "Sosialtjenestesjef", "Byrådsavdeling for eldre og sosiale tjenester", false),
                    ("Tilde Knudtzon", "Fagsjef", "Byrådsavdeling for eldre og sosiale tjenester", false)),
                Group(id, GroupKind.CentralProgrammeGroup, "Sentral programgruppe", null,
                    ("Programkoordinator", "Sekretær", "Byrådsavdeling for eldre og sosiale tjenester", true),
                    ("Koordinator", null, ReferenceData.Husbanken, false),
                    ("Nina Børresen", "Programleder", "Bydel Alna", false)),
                Group(id, GroupKind.DistrictProgrammeGroup, "Programgruppe Alna", DemoIds.District("Alna"),
                    ("Nina Børresen", "Programleder", "Bydel Alna", true)),
                Group(id, GroupKind.DistrictProgrammeGroup, "Programgruppe Bjerke", DemoIds.District("Bjerke")),
                Group(id, GroupKind.DistrictProgrammeGroup, "Programgruppe Grorud", DemoIds.District("Grorud")),
                Group(id, GroupKind.DistrictProgrammeGroup, "Programgruppe Stovner", DemoIds.District("Stovner")),
                Group(id, GroupKind.ReferenceGroup, "Referansegruppe", null),
            ],
            Managers = [new ProgrammeManager { ProgrammeId = id, UserId = DemoIds.User(DemoAccounts.BosoManager.Email) }],
        };
    }

    private static ProgrammeGoal Goal(Guid programmeId, GoalKind kind, int order, string text) =>
        new() { Id = DemoIds.For($"goal:{programmeId}:{kind}:{order}"), ProgrammeId = programmeId, Kind = kind, SortOrder = order, Text = text };

    private static FocusArea Area(Guid programmeId, int number, string title, string[] strategies, (string Text, MeasureTag Tag)[] measures)
    {
        var areaId = DemoIds.For($"focusarea:{programmeId}:{number}");
        var items = strategies.Select((s, i) => new FocusAreaItem
        {
            Id = DemoIds.For($"{areaId}:s{i}"),
            FocusAreaId = areaId,
            Kind = FocusAreaItemKind.Strategy,
            Text = s,
            SortOrder = i,
        })
            .Concat(measures.Select((m, i) => new FocusAreaItem
            {
                Id = DemoIds.For($"{areaId}:m{i}"),
                FocusAreaId = areaId,
                Kind = FocusAreaItemKind.Measure,
                Tag = m.Tag,
                Text = m.Text,
                SortOrder = i,
            }));
        return new FocusArea { Id = areaId, ProgrammeId = programmeId, Number = number, Title = title, Items = items.ToList() };
    }

    private static ProgrammeGroup Group(Guid programmeId, GroupKind kind, string name, Guid? district,
        params (string Name, string? Title, string Organisation, bool IsLead)[] members)
    {
        var groupId = DemoIds.For($"group:{programmeId}:{name}");
        return new ProgrammeGroup
        {
            Id = groupId,
            ProgrammeId = programmeId,
            Kind = kind,
            Name = name,
            DistrictId = district,
            Members = members.Select((m, i) => new ProgrammeGroupMember
            {
                Id = DemoIds.For($"{groupId}:{i}"),
                GroupId = groupId,
                Name = m.Name,
                Title = m.Title,
                OrganisationName = m.Organisation,
                IsLead = m.IsLead,
                SortOrder = i,
            }).ToList(),
        };
    }
}
