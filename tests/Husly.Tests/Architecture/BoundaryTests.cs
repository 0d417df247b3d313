using System.Reflection;
using Husly.Data;
using NetArchTest.Rules;

namespace Husly.Tests.Architecture;

/// <summary>The few boundaries that matter in a one-project app, checked on the compiled assembly.</summary>
public sealed class BoundaryTests
{
    private static readonly Assembly App = typeof(HuslyDbContext).Assembly;

    private static string Explain(NetArchTest.Rules.TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);

    [Fact]
    public void Common_and_Platform_do_not_depend_on_Features()
    {
        var result = Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Common")
            .Or().ResideInNamespaceStartingWith("Husly.Platform")
            .ShouldNot().HaveDependencyOn("Husly.Features").GetResult();
        Assert.True(result.IsSuccessful, Explain(result));
    }

    /// <summary>ADR 11: an award creates the project through Portfolio, so Portfolio never knows calls exist.</summary>
    [Fact]
    public void Portfolio_does_not_depend_on_Calls()
    {
        Assert.NotEmpty(Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Calls").GetTypes());
        var result = Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Portfolio")
            .ShouldNot().HaveDependencyOn("Husly.Features.Calls").GetResult();
        Assert.True(result.IsSuccessful, Explain(result));
    }

    /// <summary>ADR 13: the public catalogue reads projects through Portfolio's ProjectSharing and never casework.</summary>
    [Fact]
    public void Catalogue_never_reads_casework()
    {
        Assert.NotEmpty(Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Catalogue").GetTypes());
        var result = Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Catalogue")
            .ShouldNot().HaveDependencyOnAny("Husly.Features.Casework", "Husly.Features.Calls").GetResult();
        Assert.True(result.IsSuccessful, Explain(result));
    }

    /// <summary>ADR 15: Outcomes reads the de-identified results casework fills, never casework or concerns themselves (and
    /// the resident-data path test keeps any of its code off the resident tables).</summary>
    [Fact]
    public void Outcomes_never_reads_casework_or_concerns()
    {
        Assert.NotEmpty(Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Outcomes").GetTypes());
        var result = Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Outcomes")
            .ShouldNot().HaveDependencyOnAny("Husly.Features.Casework", "Husly.Features.Concerns").GetResult();
        Assert.True(result.IsSuccessful, Explain(result));
        // The results themselves carry no resident data, and nothing in Outcomes touches a table that does.
        Assert.DoesNotContain(Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Features.Outcomes").GetTypes(),
            t => t.IsAssignableTo(typeof(Husly.Common.IResidentData)));
    }

    [Fact]
    public void Common_holds_no_framework_or_IO_types()
    {
        var result = Types.InAssembly(App).That().ResideInNamespaceStartingWith("Husly.Common")
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.IO", "System.Net").GetResult();
        Assert.True(result.IsSuccessful, Explain(result));
    }

    [Fact]
    public void Entities_do_not_reference_ASP_NET_Core()
    {
        var entityTypes = typeof(HuslyDbContext).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(t => t.Namespace!.StartsWith("Husly", StringComparison.Ordinal) && t.Name != "HuslyUser") // Identity's user type is ASP.NET Core's by design
            .Select(t => t.FullName!).ToArray();
        Assert.NotEmpty(entityTypes);
        var result = Types.InAssembly(App).That().HaveNameMatching(".*").And().ResideInNamespaceStartingWith("Husly")
            .GetTypes().Where(t => entityTypes.Contains(t.FullName))
            .Where(t => t.GetProperties().Any(p => p.PropertyType.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true)
                || t.GetMethods().Any(m => m.GetParameters().Any(p => p.ParameterType.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true)))
            .Select(t => t.FullName).ToList();
        Assert.Empty(result);
    }

    [Fact]
    public void Concrete_classes_are_sealed_unless_designed_for_inheritance()
    {
        var result = Types.InAssembly(App).That().AreClasses().And().AreNotAbstract().And().AreNotStatic()
            .And().DoNotHaveNameStartingWith("<").And().ResideInNamespaceStartingWith("Husly")
            .And().DoNotResideInNamespaceStartingWith("Husly.Data.Migrations")
            .And().DoNotResideInNamespace("AspNetCoreGeneratedDocument")
            .Should().BeSealed().GetResult();
        var unsealed = (result.FailingTypeNames ?? [])
            .Where(n => !n.Contains("Migrations", StringComparison.Ordinal)) // EF-generated migration classes
            .Where(n => n != "Husly.Features.Administration.Users.UserInput") // base of the Create and Edit input models
            .Where(n => n != "Program")
            .ToList();
        Assert.Empty(unsealed);
    }

    [Fact]
    public void Data_access_stays_in_the_app_and_the_API_is_not_a_second_way_around_authorization()
    {
        // Every portfolio API endpoint that returns a project must go through the project read rule.
        var source = File.ReadAllText(Path.Combine(SourceRoot(), "Features", "Portfolio", "PortfolioApi.cs"));
        Assert.Contains("ProjectOperations.Read", source);
        Assert.Contains("ProjectSearch", source);
    }

    internal static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Husly.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Husly.slnx not found above the test output"), "src", "Husly.Web");
    }
}
