using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Membership.Identity.Oidc;

/// <summary>
/// The one way the API builds an absolute link to itself (checkout pages, mail, PDFs, status and QR links). Outside
/// Development: <c>Oidc:PublicBaseUrl</c>, never the request's Host header, which anyone can set (the Testing
/// environment alone may fall back to the request when it is unset). In Development: the request's own scheme, host
/// and port, so a link works from wherever the developer opened the API; without a request, the configured URL or the
/// address the host listens on.
/// </summary>
public sealed class PublicLinks(IOptions<OidcOptions> options, IHostEnvironment environment, IHttpContextAccessor accessor, IServiceProvider services)
{
    /// <summary>An absolute URL for a path of this API (e.g. <c>/certificates/status/…</c>), with optional query parameters.</summary>
    public string To(string path, params (string Name, string Value)[] query)
    {
        var url = BaseUrl() + (path.StartsWith('/') ? path : "/" + path);
        return query.Length == 0 ? url : QueryHelpers.AddQueryString(url, query.ToDictionary(q => q.Name, q => (string?)q.Value));
    }

    /// <summary>An absolute URL left as it is (Stripe's checkout page); a path of this API made absolute (the sandbox's).</summary>
    public string? Absolute(string? urlOrPath) =>
        urlOrPath is null || Uri.TryCreate(urlOrPath, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http" ? urlOrPath : To(urlOrPath);

    public string BaseUrl()
    {
        var configured = options.Value.PublicBaseUrl?.TrimEnd('/');
        var request = accessor.HttpContext?.Request;
        if (environment.IsDevelopment())
        {
            return request is not null ? FromRequest(request) : configured ?? ListeningAddress();
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (request is not null && StartupChecks.IsLocal(environment))
        {
            return FromRequest(request);
        }

        throw new InvalidOperationException("Oidc:PublicBaseUrl is not set; links are built only from it outside Development.");
    }

    private static string FromRequest(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The address the server listens on (https first), for links built outside a request in Development.</summary>
    private string ListeningAddress()
    {
        var addresses = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(Reachable).OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("No request and no Oidc:PublicBaseUrl: cannot build a link.");
    }

    /// <summary>Hosts that mean "every interface" (<c>+</c>, <c>*</c>, <c>[::]</c>, <c>0.0.0.0</c>) become localhost, which a browser can open.</summary>
    private static string Reachable(string address) =>
        AnyInterface.Aggregate(address, (a, any) => a.Replace("://" + any, "://localhost", StringComparison.Ordinal)).TrimEnd('/');

    private static readonly string[] AnyInterface = ["+", "*", "[::]", "0.0.0.0"];
}
