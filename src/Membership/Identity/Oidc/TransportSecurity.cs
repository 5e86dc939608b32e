using System.Net;
using Membership.GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Membership.Identity.Oidc;

/// <summary>
/// HTTPS outside Development. TLS may end at a load balancer: its X-Forwarded-Proto is believed only from the proxies
/// and networks named in <c>Hosting:KnownProxies</c> / <c>Hosting:KnownNetworks</c> (loopback by default, or any
/// sender with <c>Hosting:TrustAllProxies</c>). A plain-http request that carries credentials is refused with 400.
/// </summary>
public static class TransportSecurity
{
    public const string Code = "HTTPS_REQUIRED";

    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (configuration.GetValue<bool>("Hosting:TrustAllProxies"))
        {
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            return;
        }

        foreach (var proxy in configuration.GetSection("Hosting:KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in configuration.GetSection("Hosting:KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    /// <summary>Refuses plain-http requests with an Authorization header or cookies (bearer tokens, client secrets, sign-in).</summary>
    public static IApplicationBuilder UseHttpsForCredentials(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.IsHttps || (!request.Headers.ContainsKey("Authorization") && !request.Headers.ContainsKey("Cookie")))
        {
            await next(http);
            return;
        }

        await ErrorResponse.WriteAsync(http, StatusCodes.Status400BadRequest, Code,
            "HTTPS is required: this request carries credentials over plain http. Send it again over https (the token may have been exposed).");
    });
}
