using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Membership.Identity.Oidc;

/// <summary>
/// Settings a deployment cannot do without. The host refuses to serve requests without them (host commands such as
/// <c>migrate</c> run before these checks and need none of them).
/// </summary>
public static class StartupChecks
{
    /// <summary>The environment the tests run the API in.</summary>
    public const string Testing = "Testing";

    /// <summary>Development and Testing: mail may go to the outbox and links may name the request's host.</summary>
    public static bool IsLocal(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment(Testing);

    /// <summary>Throws, naming every missing setting at once, when this host may not start.</summary>
    public static void EnsureDeployable(IConfiguration configuration, IHostEnvironment environment)
    {
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        var missing = new List<string>();
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(oidc.Authority))
        {
            if (string.IsNullOrWhiteSpace(oidc.SigningKeyPath))
            {
                missing.Add("Oidc:SigningKeyPath (a PEM or PFX file with the key that signs tokens, the same for every instance)");
            }

            if (string.IsNullOrWhiteSpace(oidc.EncryptionKeyPath))
            {
                missing.Add("Oidc:EncryptionKeyPath (a PEM or PFX file with the key that encrypts codes and refresh tokens)");
            }
        }

        if (!IsLocal(environment))
        {
            if (!Uri.TryCreate(oidc.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            {
                missing.Add("Oidc:PublicBaseUrl (the public URL of this host, e.g. https://members.example.org: links in mail are built from it, never from the request's Host header)");
            }

            if (string.IsNullOrWhiteSpace(mail.SmtpHost))
            {
                missing.Add("Mail:SmtpHost (with Mail:SmtpPort, SmtpUserName, SmtpPassword as needed: outside Development mail goes out by SMTP, never to a local outbox)");
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {environment.EnvironmentName} host cannot start. Set: " + string.Join("; ", missing) + ".");
        }
    }
}
