// The assembly is Husly.Web but its root namespace is Husly; the localizer needs this to find Resources/SharedResource.*.resx.
[assembly: Microsoft.Extensions.Localization.RootNamespace("Husly")]

namespace Husly;

/// <summary>Anchor type for the one shared string resource. Bokmål text is the key; English lives in
/// Resources/SharedResource.en.resx.</summary>
public sealed class SharedResource;
