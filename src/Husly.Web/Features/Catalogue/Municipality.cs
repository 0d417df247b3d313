using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Catalogue;

/// <summary>A Norwegian municipality by its official number (SSB classification 131, valid from 1 January 2024) with
/// its county. Reference data: the rows come from <see cref="MunicipalityRegister"/> through the migrations.</summary>
public sealed class Municipality
{
    public required string Number { get; set; }
    public required string Name { get; set; }
    public required string CountyNumber { get; set; }
    public required string CountyName { get; set; }
}

/// <summary>The municipalities Husly knows. Not yet all 357: the ones in the seeds' examples, the largest towns and
/// their neighbours. A municipality is added here (and a migration made) when someone from it needs to register.</summary>
public static class MunicipalityRegister
{
    private static readonly (string Number, string Name)[] Counties =
    [
        ("03", "Oslo"), ("11", "Rogaland"), ("15", "Møre og Romsdal"), ("18", "Nordland"), ("31", "Østfold"),
        ("32", "Akershus"), ("33", "Buskerud"), ("34", "Innlandet"), ("39", "Vestfold"), ("40", "Telemark"),
        ("42", "Agder"), ("46", "Vestland"), ("50", "Trøndelag"), ("55", "Troms"), ("56", "Finnmark"),
    ];

    private static readonly (string Number, string Name)[] Rows =
    [
        ("0301", "Oslo"),
        ("1101", "Eigersund"), ("1103", "Stavanger"), ("1106", "Haugesund"), ("1108", "Sandnes"), ("1124", "Sola"), ("1149", "Karmøy"),
        ("1505", "Kristiansund"), ("1506", "Molde"), ("1508", "Ålesund"),
        ("1804", "Bodø"), ("1806", "Narvik"), ("1833", "Rana"), ("1865", "Vågan"),
        ("3101", "Halden"), ("3103", "Moss"), ("3105", "Sarpsborg"), ("3107", "Fredrikstad"),
        ("3201", "Bærum"), ("3203", "Asker"), ("3205", "Lillestrøm"), ("3207", "Nordre Follo"), ("3209", "Ullensaker"), ("3232", "Nittedal"),
        ("3301", "Drammen"), ("3303", "Kongsberg"), ("3305", "Ringerike"),
        ("3401", "Kongsvinger"), ("3403", "Hamar"), ("3405", "Lillehammer"), ("3407", "Gjøvik"), ("3411", "Ringsaker"), ("3420", "Elverum"),
        ("3901", "Horten"), ("3903", "Holmestrand"), ("3905", "Tønsberg"), ("3907", "Sandefjord"), ("3909", "Larvik"),
        ("4001", "Porsgrunn"), ("4003", "Skien"), ("4005", "Notodden"),
        ("4202", "Grimstad"), ("4203", "Arendal"), ("4204", "Kristiansand"), ("4206", "Farsund"),
        ("4601", "Bergen"),
        ("5001", "Trondheim"), ("5006", "Steinkjer"), ("5007", "Namsos"), ("5035", "Stjørdal"), ("5037", "Levanger"), ("5038", "Verdal"),
        ("5501", "Tromsø"), ("5503", "Harstad"),
        ("5601", "Alta"), ("5603", "Hammerfest"), ("5607", "Vadsø"),
    ];

    public const string Oslo = "0301";

    public static IReadOnlyList<Municipality> All { get; } = Rows
        .Select(r =>
        {
            var county = Counties.Single(c => c.Number == r.Number[..2]);
            return new Municipality { Number = r.Number, Name = r.Name, CountyNumber = county.Number, CountyName = county.Name };
        })
        .ToList();

    public static Municipality? Find(string? number) => All.FirstOrDefault(m => m.Number == number);

    public static Municipality? ByName(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> b)
    {
        b.HasKey(m => m.Number);
        b.Property(m => m.Number).HasMaxLength(4);
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.CountyNumber).HasMaxLength(2);
        b.Property(m => m.CountyName).HasMaxLength(100);
        b.HasData(MunicipalityRegister.All.Select(m => new Municipality
        {
            Number = m.Number,
            Name = m.Name,
            CountyNumber = m.CountyNumber,
            CountyName = m.CountyName,
        }));
    }
}
