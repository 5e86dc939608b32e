using System.Globalization;
using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Membership.Certifications.Records;

namespace Membership.Certifications.Verification;

/// <summary>
/// Signs a certificate as a verifiable credential shaped after Open Badges 3.0 (a JWT-encoded OpenBadgeCredential),
/// with the OIDC server's signing key: a verifier checks it offline against /.well-known/jwks and asks the
/// credentialStatus link for suspension or revocation. Null when this host runs no OIDC server (external authority).
/// </summary>
public sealed class CredentialSigner(IOptions<OpenIddictServerOptions> server, IOptions<OidcOptions> oidc, IHttpContextAccessor http, PublicLinks links, TimeProvider clock)
{
    public string? Sign(Certificate certificate, DateOnly today)
    {
        var credentials = server.Value.SigningCredentials.FirstOrDefault();
        if (credentials is null || string.IsNullOrWhiteSpace(oidc.Value.Authority) is false)
        {
            return null;
        }

        var issuer = Issuer();
        var validFrom = certificate.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        DateTime? validUntil = certificate.ExpiresOn?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var subject = $"urn:x-membership:certificate:{certificate.Number}";
        var achievement = new Dictionary<string, object?>
        {
            ["id"] = certificate.CourseId is { } course ? $"{issuer}courses/{course:N}" : $"{issuer}designations/national-sro-practitioner",
            ["type"] = new[] { "Achievement" },
            ["name"] = certificate.Title,
            ["achievementType"] = certificate.Kind == CertificateKind.Practitioner ? "Certification" : "Certificate",
            ["criteria"] = new Dictionary<string, object?> { ["narrative"] = certificate.Kind == CertificateKind.Practitioner
                ? "Granted after staff review of the National SRO Practitioner requirements."
                : $"Completed the course {certificate.Title}." },
        };
        if (certificate.DurationMinutes is { } minutes)
        {
            achievement["creditsAvailable"] = minutes / 60.0;
        }

        var credential = new Dictionary<string, object?>
        {
            ["@context"] = new[] { "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" },
            ["id"] = $"urn:uuid:{certificate.Id}",
            ["type"] = new[] { "VerifiableCredential", "OpenBadgeCredential" },
            ["issuer"] = new Dictionary<string, object?> { ["id"] = issuer, ["type"] = new[] { "Profile" }, ["name"] = "National Association of School Resource Officers" },
            ["validFrom"] = validFrom.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["name"] = certificate.Title,
            ["credentialSubject"] = new Dictionary<string, object?>
            {
                ["id"] = subject,
                ["type"] = new[] { "AchievementSubject" },
                ["name"] = certificate.HolderName,
                ["identifier"] = new[] { new Dictionary<string, object?> { ["type"] = "IdentityObject", ["identityHash"] = certificate.Number, ["identityType"] = "identifier", ["hashed"] = false } },
                ["achievement"] = achievement,
            },
            ["credentialStatus"] = new Dictionary<string, object?>
            {
                ["id"] = links.To(CertificateDocuments.StatusPath(certificate)),
                ["type"] = "MembershipCertificateStatus",
                ["statusAtIssue"] = CertificateStatusRules.Compute(certificate, today).ToString().ToUpperInvariant(),
            },
        };
        if (validUntil is { } until)
        {
            credential["validUntil"] = until.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            IssuedAt = now,
            NotBefore = validFrom < now ? validFrom : now,
            Expires = validUntil,
            SigningCredentials = credentials,
            TokenType = "JWT",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["jti"] = $"urn:uuid:{certificate.Id}",
                ["vc"] = credential,
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private string Issuer()
    {
        var configured = server.Value.Issuer?.AbsoluteUri ?? oidc.Value.Issuer;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.EndsWith('/') ? configured : configured + "/";
        }

        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Set Oidc:Issuer to sign credentials outside a request.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}/";
    }
}
