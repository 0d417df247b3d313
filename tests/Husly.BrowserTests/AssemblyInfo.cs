[assembly: AssemblyFixture(typeof(Husly.BrowserTests.Support.BrowserHost))]
