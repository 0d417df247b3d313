using System.Security.Cryptography;
using System.Text;

namespace Husly.Platform.Secrets;

/// <summary>A random key kept in a file beside the app (owner read/write only), for demo and single-server installs where
/// no secret store configures one. Made on first start; an instance that loses the race reads the winner's.</summary>
public static class KeyFile
{
    public static byte[] LoadOrCreate(string path, int bytes = 32)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes))));
            }
            catch (IOException) when (File.Exists(path))
            {
                // another instance made it first
            }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
