using AngleSharp;
using AngleSharp.Html.Dom;

namespace Husly.Tests.Support;

/// <summary>Reads pages with AngleSharp and submits their real forms, antiforgery token included, as a browser would.</summary>
public static class Html
{
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(address));
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>Opens an enrolment action's own page (log hours, meeting, partner, transfer, close) the way a user does: by
    /// its link on the resident's page (the first enrolment that offers it).</summary>
    public static async Task<IHtmlDocument> GetActionPageAsync(this HttpClient client, string residentUrl, string action)
    {
        var resident = await client.GetPageAsync(residentUrl);
        var link = resident.QuerySelector($"a[data-action='{action}']");
        Assert.True(link is not null, $"no link to {action} on {residentUrl}");
        return await client.GetPageAsync(link.GetAttribute("href")!);
    }

    /// <summary>Fills and posts a form found on the page. Values replace the form's own; a value of null removes the field,
    /// several values post the field several times (checkbox lists).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlDocument page, string formSelector, IDictionary<string, string?[]?>? values = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches '{formSelector}'");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.SelectedOptions.Length > 0 ? select.SelectedOptions[0].Value : ""));
                    break;
                default:
                    break;
            }
        }
        foreach (var (name, replacement) in values ?? new Dictionary<string, string?[]?>())
        {
            fields.RemoveAll(f => f.Key == name);
            foreach (var value in replacement ?? [])
            {
                fields.Add(new(name, value ?? ""));
            }
        }
        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? page.Url : action;
        return await client.PostAsync(new Uri(url, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts fields to any URL with the user's own valid antiforgery token (taken from the start page's sign-out
    /// form), so a refusal is the app's decision and never antiforgery's 400.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var start = await client.GetPageAsync("/");
        var token = start.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The start page has no antiforgery token");
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
            new("__RequestVerificationToken", token)]));
    }

    public static IDictionary<string, string?[]?> Values(params (string Name, string? Value)[] values) =>
        values.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => (string?[]?)g.Select(v => v.Value).ToArray());

    /// <summary>The text of the error message tied to a field (Punkt field helper markup).</summary>
    public static string? FieldError(this IHtmlDocument page, string fieldId) => page.GetElementById(fieldId + "-error")?.TextContent.Trim();
}
