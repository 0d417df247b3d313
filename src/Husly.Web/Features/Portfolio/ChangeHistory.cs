using Husly.Data;
using Husly.Features.Portfolio.Projects;
using Husly.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Portfolio;

public sealed record HistoryRow(DateTime ChangedAt, string ChangedBy, string Field, string? OldValue, string? NewValue);

/// <summary>Reads a programme's or project's change history and turns stored field names and values into UI text.</summary>
public sealed class ChangeHistory(HuslyDbContext db)
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["Created"] = "Opprettet",
        ["Name"] = "Navn",
        ["ShortName"] = "Kortnavn",
        ["Summary"] = "Sammendrag",
        ["Challenge"] = "Utfordringen",
        ["UserInvolvement"] = "Brukermedvirkning",
        ["LeadUnitId"] = "Ansvarlig enhet",
        ["ProjectLeadId"] = "Prosjektleder",
        ["StartDate"] = "Startdato",
        ["EndDate"] = "Sluttdato",
        ["Status"] = "Status",
        ["Phase"] = "Innovasjonsfase",
        ["ProgrammeId"] = "Program",
        ["IsArchived"] = "Arkivert",
        ["CoDistricts"] = "Samarbeidsbydeler",
        ["TargetGroups"] = "Målgrupper",
        ["Partners"] = "Samarbeidspartnere",
        ["Funding"] = "Finansiering",
        ["Impacts"] = "Virkninger og effekter",
        ["StartYear"] = "Startår",
        ["EndYear"] = "Sluttår",
        ["Vision"] = "Visjon",
        ["Description"] = "Beskrivelse",
        ["MainGoal"] = "Hovedmål",
        ["OwnerId"] = "Programeier",
        ["NationalGoals"] = "Nasjonale mål",
        ["Goals"] = "Mål",
        ["FocusAreas"] = "Satsingsområder",
        ["Groups"] = "Organisering",
    };

    public async Task<List<HistoryRow>> ForAsync(string entityType, Guid id, int? take = null)
    {
        var query = db.ChangeLog.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == id)
            .OrderByDescending(e => e.ChangedAt).ThenByDescending(e => e.Id)
            .Select(e => new HistoryRow(e.ChangedAt, e.ChangedByName, e.Field, e.OldValue, e.NewValue));
        return await (take is { } n ? query.Take(n) : query).ToListAsync();
    }

    public static string FieldText(IStringLocalizer l, string field) => Labels.TryGetValue(field, out var label) ? l[label] : field;

    public static string? ValueText(IStringLocalizer l, string field, string? value) => (field, value) switch
    {
        (_, null) => null,
        ("Status", _) when Enum.TryParse<ProjectStatus>(value, out var s) => l.Enum(s),
        ("Phase", _) when Enum.TryParse<InnovationPhase>(value, out var p) => l.Enum(p),
        ("IsArchived", "True") => l["Ja"],
        ("IsArchived", "False") => l["Nei"],
        _ => value,
    };
}
