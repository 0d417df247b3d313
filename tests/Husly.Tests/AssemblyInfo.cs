[assembly: AssemblyFixture(typeof(Husly.Tests.Support.Apps))]
