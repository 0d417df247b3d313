using System.Security.Cryptography;
using System.Text;

namespace Husly.Data.DemoData;

/// <summary>Stable ids for seeded records, derived from a readable key, so every run (and every test) sees the same ids.</summary>
public static class DemoIds
{
    public static Guid For(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes("husly:" + key)).AsSpan(0, 16));

    public static Guid Organisation(string name) => For("org:" + name);

    public static Guid District(string shortName) => Organisation("Bydel " + shortName);

    public static Guid Programme(string shortName) => For("programme:" + shortName);

    public static Guid Project(string name) => For("project:" + name);

    public static Guid TargetGroup(string name) => For("targetgroup:" + name);

    public static Guid User(string email) => For("user:" + email);
}
