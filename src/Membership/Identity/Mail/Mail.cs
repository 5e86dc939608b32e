using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Membership.Identity.Mail;

/// <summary>
/// Absolute links for mail, from <c>Oidc:PublicBaseUrl</c>. Only Development and Testing fall back to the request's own
/// address when it is unset: anywhere else a forged Host header would send a reset link with a real token elsewhere.
/// </summary>
public sealed class MailLinks(IOptions<OidcOptions> options, IHostEnvironment environment)
{
    public string To(HttpContext http, string path, params (string Name, string Value)[] query)
    {
        var configured = options.Value.PublicBaseUrl;
        string baseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            baseUrl = configured.TrimEnd('/');
        }
        else if (StartupChecks.IsLocal(environment))
        {
            baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        }
        else
        {
            throw new InvalidOperationException("Oidc:PublicBaseUrl is not set; links in mail are built only from it outside Development.");
        }

        return QueryHelpers.AddQueryString(baseUrl + path, query.ToDictionary(q => q.Name, q => (string?)q.Value));
    }
}
