using System.Security.Claims;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Membership.Identity.Oidc;

/// <summary>
/// Whether an access token of our server still stands, beyond its signature and lifetime: its own entry and its
/// authorization not revoked, its client not disabled, its account not locked and its security stamp unchanged (a
/// password reset changes it). What was read is kept per instance for <c>Oidc:TokenStatusCacheSeconds</c> (at most 60),
/// so a revocation takes effect on every instance within that time at the cost of a few reads per minute.
/// </summary>
public sealed class TokenStatus(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OidcOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Clamp(options.Value.TokenStatusCacheSeconds, 0, 60));

    /// <summary>Why the token no longer stands; null when it does.</summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal token, CancellationToken cancellationToken)
    {
        // A scope only when something must be read: a request whose answers are all cached makes none.
        AsyncServiceScope? scope = null;
        try
        {
            return await RefusalAsync(token, () => (scope ??= scopes.CreateAsyncScope()).ServiceProvider, cancellationToken);
        }
        finally
        {
            if (scope is { } made)
            {
                await made.DisposeAsync();
            }
        }
    }

    private async Task<string?> RefusalAsync(ClaimsPrincipal token, Func<IServiceProvider> services, CancellationToken cancellationToken)
    {
        if (token.GetTokenId() is { Length: > 0 } tokenId
            && !await CachedAsync($"token:{tokenId}", () => TokenValidAsync(services(), tokenId, cancellationToken)))
        {
            return "The token was revoked.";
        }

        if (token.GetAuthorizationId() is { Length: > 0 } authorizationId
            && !await CachedAsync($"authorization:{authorizationId}", () => AuthorizationValidAsync(services(), authorizationId, cancellationToken)))
        {
            return "The sign-in behind the token was revoked.";
        }

        foreach (var clientId in token.GetPresenters().DefaultIfEmpty(token.GetClaim(Claims.ClientId)).OfType<string>())
        {
            if (!await CachedAsync($"client:{clientId}", () => ClientEnabledAsync(services(), clientId, cancellationToken)))
            {
                return "The client was disabled.";
            }
        }

        if (token.GetClaim(MembershipClaims.Actor) != "user")
        {
            return null;
        }

        var account = Guid.TryParse(token.GetClaim(Claims.Subject), out var id)
            ? await CachedAsync($"account:{id}", () => AccountAsync(services(), id, cancellationToken))
            : null;
        if (account is null)
        {
            return "The token names no account.";
        }

        if (account.Disabled)
        {
            return "The account is disabled.";
        }

        if (account.LockedUntil > clock.GetUtcNow())
        {
            return "The account is locked.";
        }

        return token.GetClaim(MembershipClaims.AccountStamp) == account.Stamp
            ? null
            : "The account's password or security settings changed after the token was issued.";
    }

    /// <summary>Forgets what this instance read about an account, so its next token is checked against the database.</summary>
    public void Forget(Guid accountId) => _cache.Remove($"account:{accountId}");

    public void Dispose() => _cache.Dispose();

    private async Task<T> CachedAsync<T>(string key, Func<Task<T>> read)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry is not null && now - entry.ReadAt < Lifetime)
        {
            return entry.Value;
        }

        var value = await read();
        if (Lifetime > TimeSpan.Zero)
        {
            // The instance's clock decides freshness; the cache's own expiry only bounds memory.
            _cache.Set(key, new Entry<T>(value, now), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return value;
    }

    private static async Task<bool> TokenValidAsync(IServiceProvider services, string id, CancellationToken cancellationToken)
    {
        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        return await tokens.FindByIdAsync(id, cancellationToken) is { } token && await tokens.HasStatusAsync(token, Statuses.Valid, cancellationToken);
    }

    private static async Task<bool> AuthorizationValidAsync(IServiceProvider services, string id, CancellationToken cancellationToken)
    {
        var authorizations = services.GetRequiredService<IOpenIddictAuthorizationManager>();
        return await authorizations.FindByIdAsync(id, cancellationToken) is { } authorization
            && await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken);
    }

    private static async Task<bool> ClientEnabledAsync(IServiceProvider services, string clientId, CancellationToken cancellationToken)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        return await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
            && !(await applications.GetPropertiesAsync(application, cancellationToken)).ContainsKey(Clients.ClientProperties.DisabledPermissions);
    }

    private static async Task<AccountState?> AccountAsync(IServiceProvider services, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<MembershipDbContext>>().CreateDbContextAsync(cancellationToken);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd, u.DisabledAt }).SingleOrDefaultAsync(cancellationToken);
        return account is null ? null : new AccountState(TokenClaims.AccountStampOf(account.SecurityStamp), account.LockoutEnabled ? account.LockoutEnd : null, account.DisabledAt is not null);
    }

    private sealed record Entry<T>(T Value, DateTimeOffset ReadAt);

    private sealed record AccountState(string Stamp, DateTimeOffset? LockedUntil, bool Disabled);
}

/// <summary>Refuses, as <c>invalid_token</c>, an access token that <see cref="TokenStatus"/> says no longer stands.</summary>
internal sealed class TokenStatusCheck(TokenStatus status) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseSingletonHandler<TokenStatusCheck>()
        .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && await status.RefusalAsync(principal, context.CancellationToken) is { } reason)
        {
            context.Reject(error: Errors.InvalidToken, description: reason);
        }
    }
}
