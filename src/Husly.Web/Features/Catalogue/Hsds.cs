using System.Text.Json.Serialization;
using Husly.Platform.Localization;

namespace Husly.Features.Catalogue;

/// <summary>The catalogue shaped after Open Referral HSDS 3.0: each solution is a <c>service</c> with its
/// <c>organization</c> (the municipality, or the Oslo district) and a <c>location</c> (the municipality, identified by its
/// number). docs/hsds-mapping.md says which field goes where and what has no home in HSDS.</summary>
public static class Hsds
{
    /// <summary>HSDS's paginated list, as its API specification returns lists.</summary>
    public sealed record Page(
        [property: JsonPropertyName("total_items")] int TotalItems,
        [property: JsonPropertyName("total_pages")] int TotalPages,
        [property: JsonPropertyName("page_number")] int PageNumber,
        [property: JsonPropertyName("size")] int Size,
        [property: JsonPropertyName("first_page")] bool FirstPage,
        [property: JsonPropertyName("last_page")] bool LastPage,
        [property: JsonPropertyName("empty")] bool Empty,
        [property: JsonPropertyName("contents")] IReadOnlyList<Service> Contents);

    public sealed record Organization(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("description")] string Description);

    public sealed record Location(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("location_type")] string LocationType,
        [property: JsonPropertyName("organization_id")] string OrganizationId,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("external_identifier")] string ExternalIdentifier,
        [property: JsonPropertyName("external_identifier_type")] string ExternalIdentifierType);

    public sealed record ServiceAtLocation(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("service_id")] string ServiceId,
        [property: JsonPropertyName("location_id")] string LocationId,
        [property: JsonPropertyName("location")] Location Location);

    public sealed record Phone(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("number")] string Number);

    public sealed record Classification(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("taxonomy")] string Taxonomy,
        [property: JsonPropertyName("value")] string Value,
        [property: JsonPropertyName("label")] string Label);

    public sealed record Service(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("organization_id")] string OrganizationId,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("url")] string Url,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("application_process")] string? ApplicationProcess,
        [property: JsonPropertyName("fees_description")] string? FeesDescription,
        [property: JsonPropertyName("eligibility_description")] string? EligibilityDescription,
        [property: JsonPropertyName("assured_date")] string? AssuredDate,
        [property: JsonPropertyName("organization")] Organization Organization,
        [property: JsonPropertyName("service_at_locations")] IReadOnlyList<ServiceAtLocation> ServiceAtLocations,
        [property: JsonPropertyName("phones")] IReadOnlyList<Phone> Phones,
        [property: JsonPropertyName("attributes")] IReadOnlyList<Classification> Attributes);

    public const int PageSize = 100;

    public static Page From(IReadOnlyList<Solution> solutions, int total, int page, string root)
    {
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        return new Page(total, pages, page, solutions.Count, page == 1, page >= pages, solutions.Count == 0,
            solutions.Select(s => ServiceOf(s, root)).ToList());
    }

    private static Service ServiceOf(Solution s, string root)
    {
        var v = (Municipality: s.Municipality!.Name, County: s.Municipality.CountyName, District: s.District?.Name,
            TargetGroups: s.TargetGroups.OrderBy(t => t.TargetGroup!.SortOrder).Select(t => t.TargetGroup!.Name).ToList());
        // Stable ids derived from what they name, so the same organisation or location has the same id in every export.
        var orgKey = s.DistrictId?.ToString() ?? "kommune-" + s.MunicipalityNumber;
        var organization = new Organization(StableId("organization:" + orgKey),
            v.District is { } d ? d + ", " + v.Municipality + " kommune" : v.Municipality + " kommune",
            v.District is not null ? "Bydel i " + v.Municipality + " kommune" : "Kommune i " + v.County);
        var location = new Location(StableId("location:" + s.MunicipalityNumber), "physical", organization.Id, v.Municipality,
            v.Municipality + " kommune, " + v.County, s.MunicipalityNumber, "kommunenummer");
        var serviceId = s.Id.ToString();
        var description = string.Join("\n\n", new[] { s.Summary, s.Problem }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var attributes = new List<Classification>();
        if (s.OrganisationForm is { } form)
        {
            attributes.Add(new Classification(StableId(serviceId + ":form"), "husly:organisasjonsform", form.ToString(), Format.EnumName(form)));
        }
        if (s.Category is { } category)
        {
            attributes.Add(new Classification(StableId(serviceId + ":category"), "husly:oppfolgingstype", category.ToString(), Format.EnumName(category)));
        }
        if (s.Phase is { } phase)
        {
            attributes.Add(new Classification(StableId(serviceId + ":phase"), "husly:innovasjonsfase", ((int)phase).ToString(System.Globalization.CultureInfo.InvariantCulture), Format.EnumName(phase)));
        }
        return new Service(serviceId, organization.Id, s.Title, description, root + "/losninger/" + s.Slug, s.ContactEmail,
            "active", s.HowToStart, s.CostNeeds, v.TargetGroups.Count > 0 ? string.Join(", ", v.TargetGroups) : null,
            s.PublishedAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), organization,
            [new ServiceAtLocation(StableId(serviceId + ":" + location.Id), serviceId, location.Id, location)],
            s.ContactPhone is { } phone ? [new Phone(StableId(serviceId + ":phone"), phone)] : [],
            attributes);
    }

    /// <summary>A name-based UUID (SHA-256 of the name, version and variant bits set) that is the same every time for the same name.</summary>
    private static string StableId(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("husly:" + name));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
