using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Husly.Platform.Forms;

/// <summary>A choice read from the database. Ids are turned into text in .NET, not in SQL: SQLite would give upper-case GUIDs.</summary>
public sealed record Choice(Guid Id, string Text);

public static class ChoiceQueries
{
    public static async Task<List<SelectListItem>> ToItemsAsync(this IQueryable<Choice> query) =>
        (await query.ToListAsync()).ToItems();

    public static List<SelectListItem> ToItems(this IEnumerable<Choice> choices) =>
        choices.Select(c => new SelectListItem(c.Text, c.Id.ToString())).ToList();
}
