using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Membership.Identity.Oidc;

/// <summary>
/// A scope the client is not registered for goes back to the client as <c>error=invalid_scope</c> with its
/// <c>state</c> (RFC 6749 §4.1.2.1), from our authorize endpoint once OpenIddict has validated the client and the
/// redirect URI: OpenIddict's own check (which we take out for this endpoint) would show an error page instead. A scope
/// the client may ask for but the person's account does not hold (a member asking for <c>membership.staff</c>) is left
/// out of the token instead, and the token response's <c>scope</c> says what was granted (TokenClaims).
/// </summary>
public static class ScopeRequests
{
    /// <summary>The first requested scope the client has no permission for; null when it may ask for all of them.</summary>
    public static async Task<string?> FirstRefusedAsync(IOpenIddictApplicationManager applications, object application, IEnumerable<string> scopes, CancellationToken ct)
    {
        foreach (var scope in scopes.Where(s => s is not (Scopes.OpenId or Scopes.OfflineAccess)))
        {
            if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, ct))
            {
                return scope;
            }
        }

        return null;
    }
}
