using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace Membership.Identity.Oidc;

/// <summary>
/// Authentication, with a short path for the GraphQL endpoint. ASP.NET Core's middleware asks every request-handling
/// scheme (the OIDC server, which only answers <c>/connect/*</c>, and the token validation) whether it handles the
/// request, then runs the default scheme even when no credential was sent: three OpenIddict event pipelines, each
/// resolving its handlers and filters from the request's services, on every GraphQL request, anonymous ones included.
/// <c>/graphql</c> takes only a bearer token in the <c>Authorization</c> header, so there it authenticates that header
/// with the token validation alone (its request handler, then its authentication), and a request without one stays
/// anonymous without asking anything. Every other path
/// (the OIDC endpoints, the sign-in pages and their cookie, downloads) goes through ASP.NET Core's middleware unchanged.
/// The result is the same as the standard middleware's for a GraphQL request: the same principal and features.
/// </summary>
internal static class BearerOnlyAuthentication
{
    /// <summary>What <c>UseAuthentication</c> records so the host does not add a second authentication middleware in front of the pipeline.</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static WebApplication UseMembershipAuthentication(this WebApplication app)
    {
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        app.Use(next =>
        {
            var standard = new AuthenticationMiddleware(next, schemes);
            return http => IsGraphQL(http.Request) ? AuthenticateBearerAsync(http, schemes, next) : standard.Invoke(http);
        });
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }

    private static bool IsGraphQL(HttpRequest request) => request.Path.StartsWithSegments(GraphQL.GraphQLSetup.Path, StringComparison.OrdinalIgnoreCase);

    private static async Task AuthenticateBearerAsync(HttpContext http, IAuthenticationSchemeProvider schemes, RequestDelegate next)
    {
        http.Features.Set<IAuthenticationFeature>(new AuthenticationFeature { OriginalPath = http.Request.Path, OriginalPathBase = http.Request.PathBase });
        // The default scheme is the token validation (IdentitySetup), which reads the Authorization header and nothing
        // else: without one there is nothing to ask it. Another default scheme (a test host's) is always asked.
        if (await schemes.GetDefaultAuthenticateSchemeAsync() is { } scheme
            && (http.Request.Headers.Authorization.Count > 0 || scheme.Name != OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme))
        {
            // The request handlers first, as ASP.NET Core's middleware runs them (the token validation opens its
            // transaction there), all but the OIDC server's.
            var handlers = http.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
            foreach (var requestScheme in await schemes.GetRequestHandlerSchemesAsync())
            {
                if (requestScheme.Name != OpenIddictServerAspNetCoreDefaults.AuthenticationScheme
                    && await handlers.GetHandlerAsync(http, requestScheme.Name) is IAuthenticationRequestHandler handler
                    && await handler.HandleRequestAsync())
                {
                    return;
                }
            }

            var result = await http.AuthenticateAsync(scheme.Name);
            if (result.Principal is { } principal)
            {
                http.User = principal;
            }

            if (result.Succeeded)
            {
                var features = new AuthenticatedRequest(result);
                http.Features.Set<IHttpAuthenticationFeature>(features);
                http.Features.Set<IAuthenticateResultFeature>(features);
            }
        }

        await next(http);
    }

    private sealed class AuthenticatedRequest(AuthenticateResult result) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;

        public ClaimsPrincipal? User
        {
            get => AuthenticateResult?.Principal;
            set => AuthenticateResult = value is null ? null : AuthenticateResult.Success(new AuthenticationTicket(value, AuthenticateResult?.Ticket?.AuthenticationScheme ?? "Bearer"));
        }
    }
}
