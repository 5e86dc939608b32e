using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Membership.Identity.Oidc;

/// <summary>
/// Revoking a refresh token at /connect/revoke ends its session (RFC 7009 §2.1): the session's own ad-hoc authorization
/// and every token issued under it are revoked, so its access tokens stop working on the API too. A sign-in gets an
/// authorization of its own (the permanent one only records consent), so other sessions and the consent stay.
/// </summary>
internal sealed class SessionRevocation(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<SessionRevocation>()
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken
            || principal.GetAuthorizationId() is not { Length: > 0 } authorizationId)
        {
            return;
        }

        var authorization = await authorizations.FindByIdAsync(authorizationId, context.CancellationToken);
        if (authorization is null || !await authorizations.HasTypeAsync(authorization, AuthorizationTypes.AdHoc, context.CancellationToken))
        {
            return; // a token of a session that began before sessions had their own authorization: only it is revoked
        }

        await authorizations.TryRevokeAsync(authorization, context.CancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(authorizationId, context.CancellationToken);
    }
}
