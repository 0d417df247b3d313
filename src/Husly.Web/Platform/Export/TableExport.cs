using System.Text;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace Husly.Platform.Export;

/// <summary>Tables as Excel workbooks and CSV files, written by MiniExcel. Rows are column title → value, in order.
/// CSV uses semicolons and a byte-order mark, which is what Excel with Norwegian settings opens without asking.</summary>
public static class TableExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static FileContentResult Xlsx(string fileName, IReadOnlyDictionary<string, List<Dictionary<string, object?>>> sheets)
    {
        using var stream = new MemoryStream();
        // MiniExcel takes a sheet's columns from its first row, so an empty table is written as a single "–" column.
        var data = sheets.ToDictionary(s => s.Key, s => (object)(s.Value.Count > 0 ? s.Value : [new Dictionary<string, object?> { ["–"] = "" }]));
        stream.SaveAs(data, excelType: ExcelType.XLSX);
        return new FileContentResult(stream.ToArray(), XlsxType) { FileDownloadName = fileName + ".xlsx" };
    }

    public static FileContentResult Csv(string fileName, List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetPreamble());
        var safe = rows.Select(r => r.ToDictionary(c => c.Key, c => Cell(c.Value))).ToList();
        stream.SaveAs(safe.Count > 0 ? safe : [new Dictionary<string, object?> { ["–"] = "" }], excelType: ExcelType.CSV,
            configuration: new CsvConfiguration { Seperator = ';' });
        return new FileContentResult(stream.ToArray(), "text/csv; charset=utf-8") { FileDownloadName = fileName + ".csv" };
    }

    private static readonly System.Globalization.CultureInfo Nb = System.Globalization.CultureInfo.GetCultureInfo("nb-NO");

    /// <summary>Numbers with a decimal comma and no grouping, as Norwegian Excel reads them; text defused.</summary>
    private static object? Cell(object? value) => value switch
    {
        string text => Defuse(text),
        decimal d => d.ToString("0.###", Nb),
        double d => d.ToString("0.###", Nb),
        _ => value,
    };

    /// <summary>A text cell a spreadsheet would run as a formula (=, +, -, @, tab, return) is written with a leading
    /// apostrophe, so a project name cannot become a formula in someone's Excel (CSV injection).</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
