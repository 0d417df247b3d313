using Husly.Common;
using Husly.Data;
using Microsoft.EntityFrameworkCore;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Husly.Tests.Architecture;

/// <summary>Residents' data has one way in: <c>Husly.Features.Casework.Access</c>, which authorises and logs every read.
/// This reads the compiled IL of every method in the app and fails if any other code touches the casework tables.</summary>
public sealed class ResidentDataPathTests
{
    /// <summary>The tables with identifiable resident data: every DbSet whose entity carries <see cref="IResidentData"/>.</summary>
    private static readonly string[] ResidentTables = [.. typeof(HuslyDbContext).GetProperties()
        .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericArguments()[0].IsAssignableTo(typeof(IResidentData)))
        .Select(p => p.Name)];

    // The audited path and the Access services built on it (Casework's, and any module's own Access namespace: a concern
    // names a person, so Concerns/Access will read through it too); the context and its migrations; the demo seed, which
    // writes synthetic people before anyone signs in.
    private static readonly System.Text.RegularExpressions.Regex AccessNamespace = new(@"^Husly\.Features\.\w+\.Access\.");
    private static readonly string[] Allowed = ["Husly.Data.DemoData"];

    private static IEnumerable<(string Type, string Method, string Reference)> References()
    {
        using var module = ModuleDefinition.ReadModule(typeof(HuslyDbContext).Assembly.Location);
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode.OperandType == OperandType.InlineMethod && instruction.Operand is MethodReference called
                        && Touches(called) is { } reference)
                    {
                        yield return (Outermost(type).FullName, method.Name, reference);
                    }
                }
            }
        }
    }

    private static string? Touches(MethodReference called)
    {
        if (called.DeclaringType.FullName == typeof(HuslyDbContext).FullName && ResidentTables.Any(t => called.Name == "get_" + t))
        {
            return called.Name[4..];
        }
        // db.Set<Resident>(), db.Entry(resident), db.Add(resident) and the like, by generic argument. (Model
        // configuration uses generics too, but reads nothing.)
        if (called is GenericInstanceMethod generic && generic.GenericArguments.Any(IsCaseworkEntity)
            && called.DeclaringType.FullName == "Microsoft.EntityFrameworkCore.DbContext")
        {
            return called.Name + "<" + string.Join(",", generic.GenericArguments.Select(a => a.Name)) + ">";
        }
        return null;
    }

    private static bool IsCaseworkEntity(TypeReference type) =>
        type.Resolve() is { } definition && definition.Interfaces.Any(i => i.InterfaceType.FullName == typeof(IResidentData).FullName);

    private static TypeDefinition Outermost(TypeDefinition type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static bool IsAllowed(string typeName) =>
        typeName == typeof(HuslyDbContext).FullName || typeName.StartsWith("Husly.Data.Migrations", StringComparison.Ordinal)
        || AccessNamespace.IsMatch(typeName) || Allowed.Any(a => typeName.StartsWith(a + ".", StringComparison.Ordinal));

    [Fact]
    public void Only_the_casework_access_path_reads_resident_tables()
    {
        var offenders = References().Where(r => !IsAllowed(r.Type)).Select(r => $"{r.Type}.{r.Method} uses {r.Reference}").Distinct().ToList();
        Assert.True(offenders.Count == 0, "Read residents through an Access service (ResidentAccess, CaseFiles …):\n" + string.Join("\n", offenders));
    }

    /// <summary>Another module's Access code may touch resident tables only through the audited path: each of its types
    /// that does must also append to the access log through <see cref="Husly.Features.Casework.Access.ResidentAccess"/>.</summary>
    [Fact]
    public void Access_code_in_other_modules_logs_through_the_audited_path()
    {
        using var module = ModuleDefinition.ReadModule(typeof(HuslyDbContext).Assembly.Location);
        var touching = References().Where(r => AccessNamespace.IsMatch(r.Type) && !r.Type.StartsWith("Husly.Features.Casework.", StringComparison.Ordinal))
            .Select(r => r.Type).ToHashSet();
        var unaudited = touching.Where(t => !Calls(module, t, nameof(Husly.Features.Casework.Access.ResidentAccess.LogAsync))).ToList();
        Assert.True(unaudited.Count == 0, "Access code that reads residents without logging through ResidentAccess:\n" + string.Join("\n", unaudited));
        // The check finds calls where they are (inside async state machines too): Casework's caseload logs this way.
        Assert.True(Calls(module, typeof(Husly.Features.Casework.Access.Caseload).FullName!, nameof(Husly.Features.Casework.Access.ResidentAccess.LogAsync)));
    }

    /// <summary>The rule's queries (<c>Visible</c>, <c>ReadableEnrolments</c> …) return resident data unlogged, so only
    /// Access code may call them; pages go through the Access services, which log.</summary>
    [Fact]
    public void Only_access_code_calls_the_need_to_know_queries()
    {
        using var module = ModuleDefinition.ReadModule(typeof(HuslyDbContext).Assembly.Location);
        var audited = typeof(Husly.Features.Casework.Access.ResidentAccess).FullName;
        var queries = typeof(Husly.Features.Casework.Access.ResidentAccess).GetMethods()
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() is var g
                && (g == typeof(IQueryable<>) || g == typeof(Task<>))).Select(m => m.Name).ToHashSet();
        Assert.Contains("Visible", queries);
        var offenders = module.GetTypes().Where(t => !AccessNamespace.IsMatch(Outermost(t).FullName))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions
                .Where(i => i.Operand is MethodReference c && c.DeclaringType.FullName == audited && queries.Contains(c.Name))
                .Select(_ => $"{Outermost(t).FullName}.{m.Name}")))
            .Distinct().ToList();
        Assert.True(offenders.Count == 0, "Need-to-know queries called outside Access code:\n" + string.Join("\n", offenders));
    }

    private static bool Calls(ModuleDefinition module, string typeName, string method) =>
        module.GetTypes().Where(t => Outermost(t).FullName == typeName).SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.Body.Instructions)
            .Any(i => i.Operand is MethodReference c && c.DeclaringType.FullName == typeof(Husly.Features.Casework.Access.ResidentAccess).FullName && c.Name == method);

    [Fact]
    public void Every_casework_entity_is_marked_as_resident_data()
    {
        using var db = new Husly.Data.SqliteHuslyDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Husly.Data.SqliteHuslyDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        var unmarked = db.Model.GetEntityTypes().Select(t => t.ClrType)
            .Where(t => t.Namespace?.StartsWith("Husly.Features.Casework", StringComparison.Ordinal) == true && !t.IsAssignableTo(typeof(IResidentData)))
            .Select(t => t.FullName).ToList();
        Assert.True(unmarked.Count == 0, "Casework entities without IResidentData: " + string.Join(", ", unmarked));
        Assert.True(ResidentTables.Length >= 21, string.Join(", ", ResidentTables));
    }

    [Fact]
    public void The_scan_sees_the_access_path_itself()
    {
        // Guards the test above against scanning nothing: the path must show up, or the IL reading is broken.
        var seen = References().Where(r => r.Type.StartsWith("Husly.Features.Casework.Access", StringComparison.Ordinal)).Select(r => r.Reference).ToHashSet();
        Assert.Contains("Residents", seen);
        Assert.Contains("Enrolments", seen);
        Assert.Contains("AccessLog", seen);
    }
}
