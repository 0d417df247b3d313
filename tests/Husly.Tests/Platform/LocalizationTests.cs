using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Husly.Features.Portfolio;
using Husly.Platform.Auth;
using Husly.Tests.Architecture;

namespace Husly.Tests.Platform;

/// <summary>Bokmål text is the key; English lives in SharedResource.en.resx. Every key the code uses must have English.</summary>
public sealed partial class LocalizationTests
{
    [GeneratedRegex("""""
        \b[Ll]\["((?:[^"\\]|\\.)*)"|ErrorMessage = "((?:[^"\\]|\\.)*)"|Display\(Name = "((?:[^"\\]|\\.)*)"\)|placeholder-option="([^"]*)"|help="([^"]*)"|RuleError\([^,]+, "((?:[^"\\]|\\.)*)"|\["\w+"\] = "([^"]+)"
        """"")]
    private static partial Regex KeyPattern();

    private static HashSet<string> KeysUsedInCode()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(BoundaryTests.SourceRoot(), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains("Migrations", StringComparison.Ordinal)))
        {
            foreach (Match match in KeyPattern().Matches(File.ReadAllText(file)))
            {
                keys.Add(match.Groups.Values.Skip(1).First(g => g.Success).Value.Replace("\\\"", "\"", StringComparison.Ordinal));
            }
        }
        keys.UnionWith(Roles.All.Select(Roles.DisplayName));
        return keys;
    }

    [Fact]
    public void Every_key_used_in_pages_and_code_has_an_English_text()
    {
        // Only the English set itself: a missing key would otherwise fall back to the (absent) neutral resources and throw.
        var english = new ResourceManager("Husly.Resources.SharedResource", typeof(SharedResource).Assembly)
            .GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var missing = KeysUsedInCode().Where(k => english.GetString(k) is null).Order().ToList();
        Assert.True(missing.Count == 0, "Missing in SharedResource.en.resx (add to tools/en.tsv and run tools/resx.py): " + string.Join(" | ", missing));
    }

    [Fact]
    public void The_scan_finds_keys_from_every_source_of_text()
    {
        var keys = KeysUsedInCode();
        Assert.Contains("Hopp til hovedinnhold", keys);          // L["…"] in a view
        Assert.Contains("Skriv inn navnet på prosjektet.", keys); // ErrorMessage
        Assert.Contains("1. Utforske muligheter og utfordringer", keys); // enum [Display]
        Assert.Contains("Sluttdato kan ikke være før startdato.", keys);  // entity rule
        Assert.Contains("Programeier", keys);                     // role names
        Assert.Contains(ChangeHistory.FieldText(new PassThrough(), "Challenge"), keys); // history labels
    }

    private sealed class PassThrough : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name);
        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] => new(name, name);
        public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
