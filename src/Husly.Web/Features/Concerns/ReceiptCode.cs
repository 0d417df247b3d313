using System.Security.Cryptography;
using System.Text;

namespace Husly.Features.Concerns;

/// <summary>The code a reporter gets to add information later without an account: 12 characters from an alphabet without
/// look-alikes (no 0/O, 1/I), about 60 bits, shown as XXXX-XXXX-XXXX. Only its SHA-256 is stored; with that many
/// possibilities and the rate limit, guessing is hopeless.</summary>
public static class ReceiptCode
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Length = 12;

    public static string New()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        var code = new string(chars);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>The code as typed, without spaces or dashes and in capitals; null if it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var code = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static string Hash(string normalised) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
}
