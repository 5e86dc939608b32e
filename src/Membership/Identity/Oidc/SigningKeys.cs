using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Identity.Oidc;

/// <summary>
/// Loads the keys that sign and encrypt tokens. Outside Development they come from files named in configuration, so
/// every instance signs with the same key and tokens survive restarts; in Development a key is made once and kept in
/// the data folder.
/// </summary>
internal static class SigningKeys
{
    public static SigningCredentials SigningCredentials(OidcOptions options, string dataDirectory, bool development) =>
        new(Load(options.SigningKeyPath, options.SigningKeyPassword, "Signing", dataDirectory, development), SecurityAlgorithms.RsaSha256);

    public static EncryptingCredentials EncryptingCredentials(OidcOptions options, string dataDirectory, bool development) =>
        new(Load(options.EncryptionKeyPath, options.EncryptionKeyPassword, "Encryption", dataDirectory, development),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);

    public static SecurityKey Load(string? path, string? password, string purpose, string dataDirectory, bool development)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            return FromFile(path, password);
        }

        if (!development)
        {
            throw new InvalidOperationException(
                $"Oidc:{purpose}KeyPath is not set. Outside Development the {purpose.ToLowerInvariant()} key must come from a PEM or PFX file named in configuration.");
        }

        var file = Path.Combine(dataDirectory, $"oidc-{purpose.ToLowerInvariant()}-key.pem");
        if (!File.Exists(file))
        {
            using var rsa = RSA.Create(2048);
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
            try
            {
                File.Move(temporary, file, overwrite: false); // two hosts starting together keep the first key
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
        }

        return FromFile(file, null);
    }

    private static SecurityKey FromFile(string path, string? password)
    {
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return new X509SecurityKey(certificate);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);
        // A stable key id from the public key, so verifiers can pick the key from the JWKS.
        key.KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return key;
    }
}
