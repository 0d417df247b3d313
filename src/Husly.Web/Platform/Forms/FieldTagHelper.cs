using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Forms;

/// <summary>One Punkt form field: label, optional help, the input itself (keeping what the user typed), and the Norwegian
/// error message tied to the input with aria-describedby. Use: &lt;pkt-field for="Input.Name" /&gt;.</summary>
[HtmlTargetElement("pkt-field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator, IStringLocalizer<SharedResource> l) : TagHelper
{
    [HtmlAttributeName("for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    /// <summary>text (default), textarea, select, date, number, email, password.</summary>
    /// <summary>Overrides the posted field name, e.g. short query-string names on a GET filter form.</summary>
    [HtmlAttributeName("name")]
    public string? Name { get; set; }

    /// <summary>A label for fields built from data (an indicator's name), already in the user's language.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem>? Items { get; set; }

    /// <summary>The empty first option of a select, e.g. "Velg bydel".</summary>
    [HtmlAttributeName("placeholder-option")]
    public string? PlaceholderOption { get; set; }

    [HtmlAttributeName("help")]
    public string? Help { get; set; }

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 5;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = Name ?? For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var hasError = errors is { Count: > 0 };
        var describedBy = new List<string>();
        if (Help is not null)
        {
            describedBy.Add(id + "-help");
        }
        if (hasError)
        {
            describedBy.Add(id + "-error");
        }

        var attributes = new Dictionary<string, object?> { ["class"] = Type == "select" ? "pkt-input pkt-select" : "pkt-input" };
        if (describedBy.Count > 0)
        {
            attributes["aria-describedby"] = string.Join(' ', describedBy);
        }
        if (hasError)
        {
            attributes["aria-invalid"] = "true";
        }
        if (Autocomplete is not null)
        {
            attributes["autocomplete"] = Autocomplete;
        }
        if (For.Metadata.IsRequired && Type != "select")
        {
            attributes["aria-required"] = "true";
        }

        TagBuilder input = Type switch
        {
            "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, name, Rows, 0, attributes),
            "select" => Select(name, id, attributes),
            "password" => generator.GeneratePassword(ViewContext, For.ModelExplorer, name, null, attributes),
            _ => TextBox(name, attributes),
        };

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasError ? "pkt-inputwrapper pkt-inputwrapper--error field" : "pkt-inputwrapper field");

        var label = new TagBuilder("label");
        label.AddCssClass("pkt-inputwrapper__label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label ?? For.Metadata.DisplayName ?? name);
        if (For.Metadata.IsRequired)
        {
            var required = new TagBuilder("span");
            required.AddCssClass("pkt-tag pkt-tag--small pkt-tag--blue-light required-tag");
            required.InnerHtml.Append(l["Må fylles ut"]);
            label.InnerHtml.AppendHtml(" ").AppendHtml(required);
        }

        var content = new HtmlContentBuilder();
        content.AppendHtml(label);
        if (Help is not null)
        {
            var help = new TagBuilder("div");
            help.AddCssClass("pkt-inputwrapper__helptext");
            help.Attributes["id"] = id + "-help";
            help.InnerHtml.Append(l[Help]);
            content.AppendHtml(help);
        }
        content.AppendHtml(input);
        if (hasError)
        {
            var message = new TagBuilder("div");
            message.AddCssClass("pkt-alert pkt-alert--error pkt-alert--compact field-error");
            message.Attributes["id"] = id + "-error";
            message.InnerHtml.Append(string.Join(" ", errors!.Select(e => e.ErrorMessage)));
            content.AppendHtml(message);
        }
        output.Content.SetHtmlContent(content);
    }

    /// <summary>A single-choice select. Written here rather than by IHtmlGenerator.GenerateSelect, which re-evaluates the
    /// model and builds a tag per option: list filters render seven selects on every request. Same rule for which
    /// option is chosen: what the user posted (kept after a failed save), else the model's value, else the item's flag.</summary>
    private TagBuilder Select(string name, string id, Dictionary<string, object?> attributes)
    {
        var select = new TagBuilder("select");
        select.MergeAttributes(attributes);
        select.Attributes["id"] = id;
        select.Attributes["name"] = name;
        var current = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : For.Model is { } model ? Convert.ToString(model, System.Globalization.CultureInfo.InvariantCulture) : null;
        var options = select.InnerHtml;
        if (PlaceholderOption is not null)
        {
            options.AppendHtml("<option value=\"\">").Append(l[PlaceholderOption].Value).AppendHtml("</option>");
        }
        foreach (var item in Items ?? [])
        {
            var selected = current is null ? item.Selected : string.Equals(item.Value, current, StringComparison.OrdinalIgnoreCase);
            options.AppendHtml("<option value=\"").Append(item.Value).AppendHtml(selected ? "\" selected=\"selected\">" : "\">")
                .Append(item.Text).AppendHtml("</option>");
        }
        return select;
    }

    private TagBuilder TextBox(string name, Dictionary<string, object?> attributes)
    {
        attributes["type"] = Type;
        string? format = null;
        if (Type == "date")
        {
            format = "{0:yyyy-MM-dd}";
        }
        return generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, For.Model, format, attributes);
    }
}

/// <summary>Helpers to fill selects with localized options.</summary>
public static class Options
{
    public static IEnumerable<SelectListItem> ForEnum<T>(IStringLocalizer l, T? selected = null) where T : struct, Enum =>
        System.Enum.GetValues<T>().Select(v => new SelectListItem(l[Localization.Format.EnumName(v)], v.ToString(), Equals(v, selected)));
}
