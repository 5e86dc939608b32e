using System.Security.Claims;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Membership.Identity.Oidc;

/// <summary>
/// What goes into tokens. A scope is granted only where the account or client holds the right behind it: the staff
/// scope to staff, a member's own records to an account linked to a member, check-in to staff. Access tokens carry
/// no contact data; the ID token carries name and e-mail only when profile and email were asked for.
/// </summary>
public sealed class TokenClaims(UserManager<Account> users, IOpenIddictApplicationManager applications)
{
    /// <summary>
    /// The account's security stamp when the code or refresh token was issued. It stays inside those tokens (no
    /// destination); a refresh after a password reset, which changes the stamp, is refused.
    /// </summary>
    public const string SecurityStamp = "AspNet.Identity.SecurityStamp";

    /// <summary>Scopes a person may be granted, whatever a client asks for.</summary>
    public static IEnumerable<string> AllowedForUser(IEnumerable<string> requested, bool staff, bool member) => requested.Where(scope => scope switch
    {
        ApiScopes.Staff or ApiScopes.CheckIn => staff,
        ApiScopes.Self => member,
        ApiScopes.Verification => false, // partner systems verify with their own client credentials
        _ => true,
    });

    public async Task<ClaimsIdentity> ForUserAsync(Account account, IEnumerable<string> requestedScopes)
    {
        var roles = await users.GetRolesAsync(account);
        var staff = roles.Contains(Roles.Staff) || roles.Contains(Roles.Admin);
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(MembershipClaims.Actor, "user")
            .SetClaim(MembershipClaims.MemberId, account.MemberId?.ToString())
            .SetClaim(SecurityStamp, await users.GetSecurityStampAsync(account))
            .SetClaim(MembershipClaims.AccountStamp, AccountStampOf(await users.GetSecurityStampAsync(account)))
            .SetClaims(Claims.Role, [.. roles]);
        return Finish(identity, AllowedForUser(requestedScopes, staff, account.MemberId is not null));
    }

    /// <summary>
    /// What access tokens carry of the security stamp: a hash, so the stamp itself (which Identity's own tokens depend on)
    /// never leaves the server, while the API can still tell a token from before a password reset.
    /// </summary>
    public static string AccountStampOf(string? securityStamp) =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(securityStamp ?? string.Empty)))[..22];

    public async Task<ClaimsIdentity> ForClientAsync(object application, IEnumerable<string> requestedScopes)
    {
        var identity = NewIdentity();
        var clientId = await applications.GetClientIdAsync(application);
        var properties = await applications.GetPropertiesAsync(application);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application))
            .SetClaim(MembershipClaims.Actor, "client")
            .SetClaim(MembershipClaims.AgencyId, properties.TryGetValue(ClientProperties.AgencyId, out var agency) ? agency.GetString() : null);
        return Finish(identity, requestedScopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(authenticationType: "membership", nameType: Claims.Name, roleType: Claims.Role);

    private static ClaimsIdentity Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var granted = scopes.ToList();
        identity.SetScopes(granted);
        if (granted.Intersect(ApiScopes.All).Any())
        {
            identity.SetResources(ApiScopes.Audience);
        }

        identity.SetDestinations(claim => Destinations(claim, granted));
        return identity;
    }

    private static IEnumerable<string> Destinations(Claim claim, List<string> scopes) => claim.Type switch
    {
        Claims.Name or Claims.PreferredUsername when scopes.Contains(Scopes.Profile) => [OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email when scopes.Contains(Scopes.Email) => [OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.PreferredUsername or Claims.Email => [],
        SecurityStamp => [],
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
