using System.Security.Cryptography;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// Access tokens made by the test: by default exactly what our server issues to a staff script (signed with the
/// server's own key, issuer https://localhost/, audience membership-api, typ at+jwt), so that changing one thing
/// (expiry, audience, issuer, key) shows that this one thing is checked.
/// </summary>
internal static class ForgedTokens
{
    public const string Issuer = "https://localhost/";

    private static readonly Lazy<RsaSecurityKey> Server = new(() => KeyOf(PemKey(File.ReadAllText(TestKeys.Signing))));

    /// <summary>The key the server signs with (Oidc:SigningKeyPath), with the key id the server gives it.</summary>
    public static RsaSecurityKey ServerKey => Server.Value;

    /// <summary>A key nobody trusts.</summary>
    public static RsaSecurityKey StrangerKey() => KeyOf(RSA.Create(2048));

    /// <summary>The client the forged tokens name; a test registers it (the API refuses tokens of unknown clients).</summary>
    public const string ClientId = "forged-staff-script";

    public static string StaffScript(DateTimeOffset? expires = null, string issuer = Issuer, string audience = ApiScopes.Audience, SecurityKey? key = null)
    {
        var exp = (expires ?? DateTimeOffset.UtcNow.AddMinutes(30)).UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = issuer,
            Audience = audience,
            IssuedAt = exp.AddHours(-1),
            NotBefore = exp.AddHours(-1),
            Expires = exp,
            Claims = new Dictionary<string, object>
            {
                [MembershipClaims.Subject] = ClientId,
                ["client_id"] = ClientId,
                [MembershipClaims.Actor] = "client",
                [MembershipClaims.Scope] = ApiScopes.Staff,
                ["jti"] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = new SigningCredentials(key ?? ServerKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The token with one payload claim changed and the original signature kept.</summary>
    public static string Tampered(string jwt, string claim, string value)
    {
        var parts = jwt.Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload[claim] = value;
        parts[1] = Base64UrlEncoder.Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }

    private static RSA PemKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    /// <summary>The key id our server derives from the public key (SigningKeys.cs), so a forged token names the real key.</summary>
    private static RsaSecurityKey KeyOf(RSA rsa) => new(rsa)
    {
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16],
    };
}
