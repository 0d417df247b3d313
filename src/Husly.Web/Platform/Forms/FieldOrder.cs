using System.Reflection;

namespace Husly.Platform.Forms;

/// <summary>Where a model-state key's field comes in its form: the position of the property along the key's path
/// ("Input.Services[2].Hours"), so an error summary can list messages top to bottom.</summary>
public static class FieldOrder
{
    public static (int, int, int) Of(object? model, string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return (-1, 0, 0);
        }
        var type = model?.GetType();
        var positions = new List<int>();
        foreach (var part in key.Split('.'))
        {
            var name = part.Split('[')[0];
            // Base class first, then declaration order (metadata token) within each class.
            var properties = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .OrderBy(p => Depth(p.DeclaringType)).ThenBy(p => p.MetadataToken).ToArray();
            var index = properties is null ? -1 : Array.FindIndex(properties, p => p.Name == name);
            positions.Add(index < 0 ? int.MaxValue / 2 : index);
            var next = index < 0 ? null : properties![index].PropertyType;
            type = next is { IsGenericType: true } list && list.GetGenericArguments() is [var element] ? element : next;
        }
        return (positions.ElementAtOrDefault(0), positions.ElementAtOrDefault(1), positions.ElementAtOrDefault(2));
    }

    private static int Depth(Type? type) => type?.BaseType is { } b ? 1 + Depth(b) : 0;
}
