using Husly.Data;
using Husly.Features.Administration.Organisations;
using Husly.Platform.Auditing;
using Husly.Platform.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Husly.Features.Concerns;

/// <summary>Which district a postcode belongs to, for routing concerns. Oslo's street-to-district register is not
/// available here, so this is a list the administrators maintain; a postcode that is not on it (or lies in more than one
/// district and was left out on purpose) sends the concern to the central desk, which routes it by hand.</summary>
public sealed class PostcodeDistrict : Auditable
{
    public string Postcode { get; set; } = "";
    public Guid DistrictId { get; set; }
    public Organisation? District { get; set; }
}

internal sealed class PostcodeDistrictConfiguration : IEntityTypeConfiguration<PostcodeDistrict>
{
    public void Configure(EntityTypeBuilder<PostcodeDistrict> b)
    {
        b.HasKey(p => p.Postcode);
        b.Property(p => p.Postcode).HasMaxLength(4);
        b.HasOne(p => p.District).WithMany().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.DistrictId);
    }
}

/// <summary>Routes a concern by its postcode, from a cached copy of the list (cleared when it changes).</summary>
public sealed class DistrictRouting(HuslyDbContext db, ReadCache cache)
{
    /// <summary>The district of a postcode, or null for the central desk.</summary>
    public async Task<Guid?> DistrictOfAsync(string? postcode)
    {
        if (postcode is null)
        {
            return null;
        }
        var map = await cache.GetAsync("concerns:postcodes", ReadCache.ReferenceDataLifetime, [typeof(PostcodeDistrict)],
            async () => await db.PostcodeDistricts.AsNoTracking().ToDictionaryAsync(p => p.Postcode, p => p.DistrictId));
        return map.TryGetValue(postcode, out var district) ? district : null;
    }
}

/// <summary>The starting list for Oslo, by postcode ranges. An approximation for demonstration and a first install: the
/// ranges follow the districts roughly, and sentrum (0150–0159, 0101–0149) is left to the central desk. The
/// administrators correct it where a postcode lies elsewhere.</summary>
public static class OsloPostcodes
{
    public static readonly IReadOnlyList<(int From, int To, string District)> Ranges =
    [
        (160, 179, "St. Hanshaugen"), (180, 199, "Gamle Oslo"), (250, 274, "Frogner"), (275, 285, "Ullern"), (286, 287, "Frogner"),
        (340, 369, "Frogner"), (370, 399, "Vestre Aker"), (450, 459, "St. Hanshaugen"), (460, 484, "Sagene"), (485, 499, "Nordre Aker"),
        (550, 579, "Grünerløkka"), (580, 599, "Bjerke"), (650, 669, "Gamle Oslo"), (670, 699, "Østensjø"), (750, 791, "Vestre Aker"),
        (850, 891, "Nordre Aker"), (950, 979, "Grorud"), (980, 989, "Stovner"), (1000, 1089, "Alna"), (1150, 1189, "Nordstrand"),
        (1200, 1299, "Søndre Nordstrand"),
    ];

    public static IEnumerable<(string Postcode, string District)> All() =>
        Ranges.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)
            .Select(n => (n.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), r.District)));
}
