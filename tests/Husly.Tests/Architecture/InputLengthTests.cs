using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Husly.Tests.Architecture;

/// <summary>Issue 8 §6: every text a form or handler accepts has a length limit the user is told about, because SQLite
/// stores any length and a column's limit alone is no validation. (The save interceptor refuses over-long text on both
/// databases as a last line; this finds the forms that would hit it.)</summary>
public sealed class InputLengthTests
{
    [Fact]
    public void Every_posted_text_has_a_length_limit()
    {
        var missing = new List<string>();
        foreach (var page in typeof(HuslyDbContext).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            foreach (var property in page.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null))
            {
                Check(page.Name + "." + property.Name, property.PropertyType, property, missing, []);
            }
            foreach (var handler in page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                foreach (var parameter in handler.GetParameters())
                {
                    Check($"{page.Name}.{handler.Name}({parameter.Name})", parameter.ParameterType, parameter, missing, []);
                }
            }
        }
        Assert.True(missing.Count == 0, "Text inputs without [StringLength]:\n" + string.Join("\n", missing.Distinct()));
    }

    private static void Check(string path, Type type, ICustomAttributeProvider member, List<string> missing, HashSet<Type> seen)
    {
        if (type == typeof(string))
        {
            if (!member.GetCustomAttributes(true).Any(a => a is StringLengthAttribute or MaxLengthAttribute))
            {
                missing.Add(path);
            }
            return;
        }
        var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : type;
        if (element == typeof(string))
        {
            Check(path, element, member, missing, seen);
            return;
        }
        if (!element.IsClass || element.Namespace?.StartsWith("Husly", StringComparison.Ordinal) != true || !seen.Add(element))
        {
            return;
        }
        foreach (var property in element.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            Check(path + "." + property.Name, property.PropertyType, property, missing, seen);
        }
    }
}
