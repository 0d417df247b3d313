[assembly: AssemblyFixture(typeof(Husly.BrowserTests.Support.BrowserHost))]
[assembly: AssemblyFixture(typeof(Husly.BrowserTests.Support.PostgresBrowserHost))]

// One journey at a time: they share two cores with the integration tests, and parallel journeys starved each other
// into 30-second timeouts on CI.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
