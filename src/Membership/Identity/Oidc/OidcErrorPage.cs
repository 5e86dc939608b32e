using Membership.Identity.Pages;
using Membership.Pages;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Membership.Identity.Oidc;

/// <summary>
/// Errors OpenIddict cannot send back to the client (unknown client, a redirect URI nobody registered, a broken
/// request) reach /connect/authorize and /connect/logout through error passthrough: the person gets a page with a way
/// back, the developer the OAuth error code under "Details".
/// </summary>
internal static class OidcErrorPage
{
    /// <summary>The page for the request's error; null when OpenIddict found none and the endpoint goes on.</summary>
    public static async Task<IResult?> ForAsync(HttpContext http)
    {
        if (http.GetOpenIddictServerResponse() is not { Error: { Length: > 0 } error } response)
        {
            return null;
        }

        var signOut = http.Request.Path.StartsWithSegments("/" + ConnectEndpoints.Logout, StringComparison.OrdinalIgnoreCase);
        var (client, back) = await ClientAsync(http);
        var (title, message) = error switch
        {
            _ when client is Client.Unknown => ("Unknown application",
                "The application that sent you here is not registered with us, or may no longer sign people in. Go back to it and tell its support."),
            _ when signOut => ("This sign-out link cannot be used",
                "The application that sent you here asked to sign you out in a way we cannot accept. You are still signed in; you can sign out here."),
            _ => ("This sign-in link cannot be used",
                "The application that sent you here made a request we cannot accept, so you were not signed in. Go back to it and try again; if it keeps happening, tell its support."),
        };

        var links = new List<PageLink>();
        if (back is not null)
        {
            links.Add(back);
        }

        links.Add(signOut ? new PageLink("Sign out here", AccountPages.LogoutPath) : new PageLink("Go to the sign-in page", AccountPages.LoginPath));
        return WebPage.Render<MessagePage>(new()
        {
            [nameof(MessagePage.Title)] = title, [nameof(MessagePage.Message)] = message, [nameof(MessagePage.Links)] = links,
            [nameof(MessagePage.Detail)] = string.IsNullOrEmpty(response.ErrorDescription) ? error : $"{error}: {response.ErrorDescription}",
        }, StatusCodes.Status400BadRequest);
    }

    private enum Client
    {
        NotNamed,
        Unknown,
        Registered,
    }

    /// <summary>
    /// Whether the request names a registered client, and a link to the web origin of a redirect URI that client
    /// registered (never one the request made up).
    /// </summary>
    private static async Task<(Client, PageLink?)> ClientAsync(HttpContext http)
    {
        var clientId = http.GetOpenIddictServerRequest()?.ClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            return (Client.NotNamed, null);
        }

        var applications = http.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        var application = clientId.Length <= 100 ? await applications.FindByClientIdAsync(clientId, http.RequestAborted) : null;
        if (application is null)
        {
            return (Client.Unknown, null);
        }

        var registered = await applications.GetRedirectUrisAsync(application, http.RequestAborted);
        var origin = registered.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.GetLeftPart(UriPartial.Authority) + "/" : null)
            .FirstOrDefault(o => o is not null);
        var name = await applications.GetDisplayNameAsync(application, http.RequestAborted) ?? clientId;
        return (Client.Registered, origin is null ? null : new PageLink($"Back to {name}", origin));
    }
}
