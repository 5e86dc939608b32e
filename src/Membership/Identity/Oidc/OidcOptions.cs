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

    /// <summary>Plain HTTP is refused (ID2083) unless this is on; it can be on only in Development and tests.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Failed sign-ins before an account locks, and for how long.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>joinAssociation calls per client address per hour.</summary>
    public int JoinsPerAddressPerHour { get; set; } = 5;

    /// <summary>The public URL of this host, for links in mail (confirmation, password reset).</summary>
    public string? PublicBaseUrl { get; set; }
}
