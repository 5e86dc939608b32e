using Membership.Conferences;
using Membership.GraphQL;
using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Membership.Identity.Cors;

/// <summary>
/// CORS for front ends on other origins, on the routes a browser app calls with a bearer token (and no others). Runs
/// before OpenIddict and the endpoints, so a preflight never reaches them. Bearer tokens only: never
/// Access-Control-Allow-Credentials, never <c>*</c>, and an origin nobody registered gets no grant.
/// </summary>
public static class CrossOriginAccess
{
    /// <summary>How long a browser may reuse a preflight's answer.</summary>
    public const int PreflightMaxAgeSeconds = 600;

    private const string AllowedHeaders = "authorization, content-type, accept, graphql-require-preflight"; // the last: file uploads (GraphQLMultipartReader)
    private const string ExposedHeaders = "WWW-Authenticate, Retry-After, Content-Disposition";

    private static readonly string[] Get = [HttpMethods.Get];
    private static readonly string[] Post = [HttpMethods.Post];
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public static IServiceCollection AddCrossOriginAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CorsOptions>(configuration.GetSection(CorsOptions.Section));
        services.AddSingleton<FrontEndOrigins>();
        return services;
    }

    /// <summary>The methods a browser app may use on a path; null where CORS does not apply (introspection: not for public clients).</summary>
    public static string[]? MethodsFor(PathString path)
    {
        var value = path.Value ?? string.Empty;
        string[] segments = value.Trim('/').Split('/');
        return value switch
        {
            GraphQLSetup.Path => GetAndPost,
            "/.well-known/openid-configuration" or "/.well-known/jwks" => Get,
            "/" + ConnectEndpoints.Token or "/" + ConnectEndpoints.Revoke => Post,
            "/" + ConnectEndpoints.UserInfo => GetAndPost,
            _ => segments switch
            {
                ["certificates", "status", _] or ["certificates", _, "pdf"] or ["receipts", _, "pdf"] => Get,
                ["tickets", _, var file] when file is "qr.svg" or "qr.png" => Get,
                ["exports", "members.csv"] => Get,
                _ => null,
            },
        };
    }

    public static WebApplication UseCrossOriginAccess(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var methods = MethodsFor(http.Request.Path);
            if (methods is null)
            {
                await next(http);
                return;
            }

            http.Response.Headers.Append("Vary", "Origin"); // the answer differs per origin: caches must keep them apart
            var origin = http.Request.Headers.Origin.ToString();
            var allowed = origin.Length > 0 && !origin.Contains(',', StringComparison.Ordinal)
                && await http.RequestServices.GetRequiredService<FrontEndOrigins>().IsAllowedAsync(origin, http.RequestAborted);
            var preflight = HttpMethods.IsOptions(http.Request.Method) && !StringValues.IsNullOrEmpty(http.Request.Headers.AccessControlRequestMethod);
            if (preflight)
            {
                if (allowed)
                {
                    var headers = http.Response.Headers;
                    headers.AccessControlAllowOrigin = origin;
                    headers.AccessControlAllowMethods = string.Join(", ", methods);
                    headers.AccessControlAllowHeaders = AllowedHeaders;
                    headers.AccessControlMaxAge = PreflightMaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            if (allowed)
            {
                // On start, so an error page written later (which clears headers) still reaches the app.
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.AccessControlAllowOrigin = origin;
                    http.Response.Headers.AccessControlExposeHeaders = ExposedHeaders;
                    if (!http.Response.Headers.Vary.Contains("Origin"))
                    {
                        http.Response.Headers.Append("Vary", "Origin");
                    }

                    return Task.CompletedTask;
                });
            }

            await next(http);
        });
        return app;
    }
}
