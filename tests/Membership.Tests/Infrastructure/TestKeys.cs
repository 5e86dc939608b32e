using System.Security.Cryptography;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// Key files for the OIDC server, as production configures them (Oidc:SigningKeyPath, Oidc:EncryptionKeyPath): made once
/// per test run. Tests that forge tokens (expired, other audience) sign with the same key.
/// </summary>
public static class TestKeys
{
    private static readonly Lazy<(string Signing, string Encryption)> Files = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("membership-keys-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return (Write(folder, "signing.pem"), Write(folder, "encryption.pem"));
    });

    public static string Signing => Files.Value.Signing;

    public static string Encryption => Files.Value.Encryption;

    private static string Write(string folder, string name)
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
