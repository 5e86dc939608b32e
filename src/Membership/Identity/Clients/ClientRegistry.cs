using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Endpoints = OpenIddict.Abstractions.OpenIddictConstants.Permissions.Endpoints;
using Grants = OpenIddict.Abstractions.OpenIddictConstants.Permissions.GrantTypes;

namespace Membership.Identity.Clients;

/// <summary>What a client is for: a front end people sign into, a partner agency's system, or a staff script.</summary>
public enum ClientKind
{
    /// <summary>A public client (browser or mobile app): authorization code with PKCE, exact redirect URIs, consent.</summary>
    Public,

    /// <summary>A partner agency's server: client credentials, certificate verification only.</summary>
    Partner,

    /// <summary>A staff script or integration: client credentials, staff operations.</summary>
    Staff,
}

/// <summary>A client as staff see it.</summary>
public sealed record ClientView(
    string ClientId, string DisplayName, ClientKind Kind, bool Disabled, IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris, IReadOnlyList<string> Scopes, Guid? AgencyId);

/// <summary>Registers, disables and rotates OpenIddict clients with the permissions each kind needs, and no more.</summary>
public sealed class ClientRegistry(
    IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, Cors.FrontEndOrigins origins)
{
    public static readonly string[] PublicScopes = [ApiScopes.Self, ApiScopes.Directory];

    /// <summary>Creates a client; returns its view and, for a confidential client, the secret (shown once, stored hashed).</summary>
    public async Task<(ClientView Client, string? Secret)> RegisterAsync(
        string clientId, ClientKind kind, string displayName, IReadOnlyList<Uri> redirectUris, IReadOnlyList<Uri> postLogoutRedirectUris,
        IReadOnlyList<string> scopes, Guid? agencyId, string? secret, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = displayName,
            ClientType = kind == ClientKind.Public ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = kind == ClientKind.Public ? ConsentTypes.Explicit : ConsentTypes.Implicit,
            ApplicationType = kind == ClientKind.Public ? ApplicationTypes.Web : null,
        };
        if (kind != ClientKind.Public)
        {
            secret ??= NewSecret();
            descriptor.ClientSecret = secret;
        }

        descriptor.RedirectUris.UnionWith(redirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(postLogoutRedirectUris);
        descriptor.Permissions.UnionWith(Permissions(kind, scopes));
        if (kind == ClientKind.Public)
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        descriptor.Properties[ClientProperties.Kind] = JsonSerializer.SerializeToElement(kind.ToString());
        if (agencyId is not null)
        {
            descriptor.Properties[ClientProperties.AgencyId] = JsonSerializer.SerializeToElement(agencyId.Value.ToString());
        }

        var application = await applications.CreateAsync(descriptor, cancellationToken);
        origins.Invalidate(); // a new front end may call the API from its origin at once
        return (await ViewAsync(application, cancellationToken), secret);
    }

    public async Task<object?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken);

    public async Task<List<ClientView>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            result.Add(await ViewAsync(application, cancellationToken));
        }

        return [.. result.OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Takes every permission away (kept aside for <see cref="EnableAsync"/>) and revokes the client's refresh tokens and
    /// authorizations: it can get no new token, and the API refuses its access tokens within Oidc:TokenStatusCacheSeconds.
    /// </summary>
    public async Task<ClientView> DisableAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        if (descriptor.Permissions.Count > 0)
        {
            descriptor.Properties[ClientProperties.DisabledPermissions] = JsonSerializer.SerializeToElement(descriptor.Permissions.ToArray());
            descriptor.Permissions.Clear();
            await applications.UpdateAsync(application, descriptor, cancellationToken);
            origins.Invalidate();
        }

        var id = await applications.GetIdAsync(application, cancellationToken);
        await tokens.RevokeByApplicationIdAsync(id!, cancellationToken);
        await authorizations.RevokeByApplicationIdAsync(id!, cancellationToken);
        return await ViewAsync(application, cancellationToken);
    }

    public async Task<ClientView> EnableAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        if (descriptor.Properties.Remove(ClientProperties.DisabledPermissions, out var saved))
        {
            descriptor.Permissions.UnionWith(saved.Deserialize<string[]>() ?? []);
            await applications.UpdateAsync(application, descriptor, cancellationToken);
            origins.Invalidate();
        }

        return await ViewAsync(application, cancellationToken);
    }

    /// <summary>Replaces an enabled client's name, URIs, scopes (its kind's permissions) and agency; its kind and secret stay.</summary>
    public async Task<ClientView> UpdateAsync(
        object application, string displayName, IReadOnlyList<Uri> redirectUris, IReadOnlyList<Uri> postLogoutRedirectUris,
        IReadOnlyList<string> scopes, Guid? agencyId, CancellationToken cancellationToken)
    {
        var kind = (await ViewAsync(application, cancellationToken)).Kind;
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.DisplayName = displayName;
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.UnionWith(redirectUris);
        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.UnionWith(postLogoutRedirectUris);
        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(Permissions(kind, scopes));
        descriptor.Properties.Remove(ClientProperties.AgencyId);
        if (agencyId is not null)
        {
            descriptor.Properties[ClientProperties.AgencyId] = JsonSerializer.SerializeToElement(agencyId.Value.ToString());
        }

        await applications.UpdateAsync(application, descriptor, cancellationToken);
        origins.Invalidate(); // a removed redirect origin stops counting on this instance at once
        return await ViewAsync(application, cancellationToken);
    }

    /// <summary>A new secret for a confidential client; the old one stops working at once.</summary>
    public async Task<string> RotateSecretAsync(object application, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return secret;
    }

    public async Task<ClientView> ViewAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
        var disabled = properties.TryGetValue(ClientProperties.DisabledPermissions, out var saved);
        var effective = disabled ? saved.Deserialize<string[]>() ?? [] : permissions.ToArray();
        var kind = properties.TryGetValue(ClientProperties.Kind, out var k) && Enum.TryParse<ClientKind>(k.GetString(), out var parsed) ? parsed : ClientKind.Public;
        return new ClientView(
            await applications.GetClientIdAsync(application, cancellationToken) ?? string.Empty,
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? string.Empty,
            kind,
            disabled,
            [.. await applications.GetRedirectUrisAsync(application, cancellationToken)],
            [.. await applications.GetPostLogoutRedirectUrisAsync(application, cancellationToken)],
            [.. effective.Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..]).Where(ApiScopes.All.Contains)],
            properties.TryGetValue(ClientProperties.AgencyId, out var agency) && Guid.TryParse(agency.GetString(), out var agencyId) ? agencyId : null);
    }

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static IEnumerable<string> Permissions(ClientKind kind, IReadOnlyList<string> scopes)
    {
        var prefix = OpenIddictConstants.Permissions.Prefixes.Scope;
        return kind switch
        {
            ClientKind.Public =>
            [
                Endpoints.Authorization, Endpoints.Token, Endpoints.EndSession, Endpoints.Revocation,
                Grants.AuthorizationCode, Grants.RefreshToken, OpenIddictConstants.Permissions.ResponseTypes.Code,
                OpenIddictConstants.Permissions.Scopes.Profile, OpenIddictConstants.Permissions.Scopes.Email,
                .. scopes.Select(s => prefix + s),
            ],
            ClientKind.Partner => [Endpoints.Token, Endpoints.Introspection, Endpoints.Revocation, Grants.ClientCredentials, prefix + ApiScopes.Verification],
            // Exactly the staff-side scopes asked for: a check-in scanner gets ticket.checkin, not every staff right.
            _ => [Endpoints.Token, Endpoints.Introspection, Endpoints.Revocation, Grants.ClientCredentials,
                .. scopes.Where(s => s is ApiScopes.Staff or ApiScopes.CheckIn).Select(s => prefix + s)],
        };
    }
}

/// <summary>Keys of the properties we keep on an OpenIddict application.</summary>
public static class ClientProperties
{
    /// <summary>The agency a partner client verifies for.</summary>
    public const string AgencyId = "agency_id";

    /// <summary>PUBLIC, PARTNER or STAFF.</summary>
    public const string Kind = "kind";

    /// <summary>The permissions a disabled client had, restored when it is enabled again.</summary>
    public const string DisabledPermissions = "disabled_permissions";
}
