namespace Membership.Identity.Oidc;

/// <summary>The <c>Oidc</c> configuration section.</summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";

    /// <summary>
    /// An external issuer (e.g. https://id.example.org/). When set, this host runs no OIDC server: it validates that
    /// issuer's tokens through its discovery document and JWKS.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>This server's issuer URI; default: the request's scheme and host.</summary>
    public string? Issuer { get; set; }

    /// <summary>PEM (RSA private key) or PFX file that signs tokens. Required outside Development.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Password of a PFX signing key.</summary>
    public string? SigningKeyPassword { get; set; }

    /// <summary>PEM or PFX file that encrypts authorization codes and refresh tokens. Required outside Development.</summary>
    public string? EncryptionKeyPath { get; set; }

    public string? EncryptionKeyPassword { get; set; }

    /// <summary>At most 60 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>At most 14 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Outside Development, plain-http requests that carry credentials (an Authorization header or cookies) are refused,
    /// and the OIDC endpoints refuse plain http altogether (ID2083), unless this is on: an escape hatch for local runs
    /// on a loopback address, never for a deployment (behind a load balancer, trust its X-Forwarded-Proto instead).
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>Failed sign-ins before an account locks, and for how long.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>joinAssociation calls per client address per hour.</summary>
    public int JoinsPerAddressPerHour { get; set; } = 5;

    /// <summary>POSTs of the sign-in form per client address per minute (password spraying).</summary>
    public int SignInsPerAddressPerMinute { get; set; } = 10;

    /// <summary>POSTs of the forgotten-password form per client address per hour (mail bombing).</summary>
    public int PasswordResetsPerAddressPerHour { get; set; } = 5;

    /// <summary>
    /// The least time joinAssociation and the forgotten-password form take to answer: the work behind an address in use
    /// and behind a new one differs (rows written, a mail queued), and the answer must not tell them apart by its time.
    /// </summary>
    public TimeSpan MinimumAnonymousAnswerTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>At most one password-reset mail per account in each window of this length; the mail already sent stays valid.</summary>
    public TimeSpan PasswordResetMailWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed client authentications (unknown client_id, wrong or missing secret) at the token, introspection and
    /// revocation endpoints per minute, counted per client address and per client_id (429 beyond).
    /// </summary>
    public int FailedClientAuthenticationsPerMinute { get; set; } = 10;

    /// <summary>
    /// How long an instance trusts what it last read about a token's authorization, client and account before reading
    /// it again: a revoked authorization, a disabled client or a locked or reset account stops its tokens within this
    /// time. At most 60 seconds; 0 reads them on every request.
    /// </summary>
    public int TokenStatusCacheSeconds { get; set; } = 30;

    /// <summary>
    /// How long an instance keeps the claims of an access token whose signature it checked, so the next request with the
    /// same token skips parsing and the signature (never past the token's expiry; at most 300 seconds; 0 checks every
    /// time). Lifetime, audience and <see cref="TokenStatusCacheSeconds"/>'s checks still run on every request.
    /// </summary>
    public int ValidatedTokenCacheSeconds { get; set; } = 300;

    /// <summary>
    /// The public URL of this host (e.g. https://members.example.org), the only base of links in mail (confirmation,
    /// password reset): never the request's Host header, which anyone can set. Required outside Development and Testing.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
