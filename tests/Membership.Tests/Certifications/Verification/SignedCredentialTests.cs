using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// Certificate.signedCredential: an Open Badges 3.0-shaped credential signed with the OIDC server's key. A verifier
/// checks it offline with nothing but the published JWKS and the issuer, and asks its status link for what changed since.
/// </summary>
public abstract class SignedCredentialTests
{
    private readonly OidcApi _api;
    private const string Holding = "{ me { certificates { number signedCredential issuedOn expiresOn hours holderName course { name } } } }";

    private readonly VerificationParties _parties;

    protected SignedCredentialTests(OidcApi api)
    {
        api.EnsureAvailable();
        _api = api;
        _parties = new(api);
    }

    [SkippableFact]
    public async Task The_holders_credential_validates_against_the_published_keys_and_carries_the_certificate()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var token = await _parties.SignInAsync(holder);
        var issued = await (await _parties.DeskAsync()).RecordAsync(holder, "AMHT", _parties.Data.Today.AddDays(-30));
        var certificate = (await _api.Client().DataAsync(Holding, identity: token)).At("me.certificates.0");
        Assert.Equal(issued.Number, certificate.Str("number"));

        var result = await ValidateAsync(certificate.Str("signedCredential")!);

        Assert.True(result.IsValid, result.Exception?.ToString());
        var payload = TokenResponse.Payload(certificate.Str("signedCredential")!);
        var vc = payload.GetProperty("vc");
        Assert.Contains("OpenBadgeCredential", vc.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(certificate.Str("course.name"), vc.Str("credentialSubject.achievement.name"));
        Assert.Equal(certificate.At("hours").GetDouble(), vc.At("credentialSubject.achievement.creditsAvailable").GetDouble());
        Assert.Equal(certificate.Str("holderName"), vc.Str("credentialSubject.name"));
        Assert.Equal($"{certificate.Str("issuedOn")}T00:00:00Z", vc.Str("validFrom"));
        Assert.StartsWith($"{certificate.Str("expiresOn")}T", vc.Str("validUntil"), StringComparison.Ordinal);
        Assert.Equal(await IssuerAsync(), vc.Str("issuer.id"));
        Assert.Equal("ACTIVE", vc.Str("credentialStatus.statusAtIssue"));
        Assert.StartsWith(await IssuerAsync() + "certificates/status/", vc.Str("credentialStatus.id"), StringComparison.Ordinal);
        TokenAssert.NoPersonalData(payload.ToString(), holder);
    }

    [SkippableFact]
    public async Task A_certificate_that_never_expires_is_signed_without_exp_or_validUntil()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var token = await _parties.SignInAsync(holder);
        await (await _parties.DeskAsync()).RecordAsync(holder, "BASIC-SRO", _parties.Data.Today.AddDays(-300));
        var certificate = (await _api.Client().DataAsync(Holding, identity: token)).At("me.certificates.0");

        var payload = TokenResponse.Payload(certificate.Str("signedCredential")!);

        Assert.Equal(JsonValueKind.Null, certificate.At("expiresOn").ValueKind);
        Assert.False(payload.TryGetProperty("exp", out _), payload.ToString());
        Assert.False(payload.GetProperty("vc").TryGetProperty("validUntil", out _), payload.ToString());
        Assert.Equal(40.0, payload.GetProperty("vc").At("credentialSubject.achievement.creditsAvailable").GetDouble());
        Assert.True((await ValidateAsync(certificate.Str("signedCredential")!)).IsValid);
    }

    [SkippableFact]
    public async Task A_tampered_credential_or_one_signed_with_another_key_fails_validation()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var token = await _parties.SignInAsync(holder);
        await (await _parties.DeskAsync()).RecordAsync(holder, "CPTED", _parties.Data.Today.AddDays(-3));
        var credential = (await _api.Client().DataAsync(Holding, identity: token)).Str("me.certificates.0.signedCredential")!;
        var parts = credential.Split('.');

        // More hours than the course has, the original header and signature kept.
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        claims["vc"]!["credentialSubject"]!["achievement"]!["creditsAvailable"] = 240;
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{parts[2]}";

        // The same claims and key id, signed with a key the server never published.
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var header = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0])).RootElement;
        var forged = new JsonWebTokenHandler().CreateToken(Base64UrlEncoder.Decode(parts[1]),
            new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = header.Str("kid") }, header.Str("alg")));

        Assert.True((await ValidateAsync(credential)).IsValid);
        Assert.IsType<SecurityTokenInvalidSignatureException>((await ValidateAsync(tampered)).Exception);
        Assert.False((await ValidateAsync(forged)).IsValid);
    }

    [SkippableFact]
    public async Task The_credential_status_link_answers_SUSPENDED_after_a_suspension_then_REVOKED()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var token = await _parties.SignInAsync(holder);
        var desk = await _parties.DeskAsync();
        var issued = await desk.RecordAsync(holder, "SSO", _parties.Data.Today.AddDays(-12));
        var credential = (await _api.Client().DataAsync(Holding, identity: token)).Str("me.certificates.0.signedCredential")!;
        var statusUrl = new Uri(TokenResponse.Payload(credential).GetProperty("vc").Str("credentialStatus.id")!);

        var active = await StatusAsync(statusUrl);
        await desk.SuspendAsync(issued, "Complaint under review");
        var suspended = await StatusAsync(statusUrl);
        await desk.RevokeAsync(issued, "Attendance sheet forged");
        var revoked = await StatusAsync(statusUrl);

        Assert.Equal(["ACTIVE", "SUSPENDED", "REVOKED"], new[] { active, suspended, revoked }.Select(s => s.Str("status")));
        Assert.All(new[] { active, suspended, revoked }, s => Assert.Equal(issued.Number, s.Str("number")));
        Assert.All(new[] { active, suspended, revoked }, s => Assert.DoesNotContain(holder.LastName, s.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Complaint", suspended.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("forged", revoked.ToString(), StringComparison.OrdinalIgnoreCase);

        // The signature still holds (it proves what was issued); the status link is what tells a verifier it is void now.
        Assert.True((await ValidateAsync(credential)).IsValid);
        var log = await _api.Client().DataAsync(PublicLookup.StaffLog, new { n = issued.Number }, await _parties.StaffAsync());
        Assert.Equal(["CREDENTIAL_STATUS"], log.At("verificationLog.nodes").EnumerateArray().Select(e => e.Str("channel")).Distinct());
        Assert.Equal(["REVOKED", "SUSPENDED", "ACTIVE"], log.At("verificationLog.nodes").EnumerateArray().Select(e => e.Str("status")));

        using var http = _api.Client().Http;
        var unknown = await http.GetAsync(new Uri(statusUrl, "UNKNOWNCODE0000000000"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>
    /// What an outside verifier does: the JWKS and the issuer from the server's public documents, nothing else. Lifetime is
    /// checked (nbf, and exp when the certificate expires).
    /// </summary>
    private async Task<TokenValidationResult> ValidateAsync(string credential)
    {
        using var http = _api.Client().Http;
        var jwks = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(credential, new TokenValidationParameters
        {
            ValidIssuer = await IssuerAsync(),
            ValidateAudience = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = false, // a certificate that never expires is signed without exp (and without validUntil)
        });
    }

    private async Task<string> IssuerAsync()
    {
        using var http = _api.Client().Http;
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        return discovery.Str("issuer")!;
    }

    private async Task<JsonElement> StatusAsync(Uri url)
    {
        using var http = _api.Client().Http;
        using var response = await http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class SignedCredentialTestsOnSqlite(OidcApi api) : SignedCredentialTests(api), IClassFixture<OidcApi>;

public sealed class SignedCredentialTestsOnPostgreSql(OidcApiOnPostgreSql api) : SignedCredentialTests(api), IClassFixture<OidcApiOnPostgreSql>;
