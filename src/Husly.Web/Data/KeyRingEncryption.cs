using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Husly.Data;

public sealed class KeyRingOptions
{
    /// <summary>The key (base64, 32 bytes) that encrypts the data-protection key ring stored in the database. Without it,
    /// whoever reads the database (or a backup) could forge sign-in cookies. Required in production; elsewhere a key
    /// file is made on first start.</summary>
    public string? Key { get; set; }

    [MaxLength(500)]
    public string KeyFile { get; set; } = "husly-keyring.key";
}

/// <summary>The key-encryption key, from configuration or (outside production) a key file beside the app.</summary>
public sealed class KeyRingKey
{
    public KeyRingKey(IOptions<KeyRingOptions> options, IHostEnvironment environment)
    {
        if (options.Value.Key is { Length: > 0 } configured)
        {
            Bytes = Convert.FromBase64String(configured);
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException("DataProtection:Key must be configured in production (see README).");
        }
        else
        {
            Bytes = Platform.Secrets.KeyFile.LoadOrCreate(Path.GetFullPath(options.Value.KeyFile, environment.ContentRootPath));
        }
        if (Bytes.Length != 32)
        {
            throw new InvalidOperationException("DataProtection:Key must be base64 of exactly 32 bytes.");
        }
    }

    public byte[] Bytes { get; }
}

/// <summary>Encrypts each data-protection key with AES-GCM under <see cref="KeyRingKey"/> before it is stored.</summary>
internal sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key.Bytes, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with AES-GCM under DataProtection:Key; the database never holds that key. "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Created by the data-protection system for each stored key it reads back.</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingKey>();
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key.Bytes, tag.Length))
        {
            aes.Decrypt(nonce, cipher, tag, plain);
        }
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
