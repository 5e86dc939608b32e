using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using Protection = OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace Membership.Identity.Oidc;

/// <summary>
/// The claims of access tokens whose signature, issuer and type this instance already checked, keyed by a hash of the
/// token, for at most <c>Oidc:ValidatedTokenCacheSeconds</c> and never past the token's expiry. Only the parsing and
/// the signature check are saved: every request still runs the lifetime, audience and presenter checks and
/// <see cref="TokenStatus"/> (revoked, disabled, locked, reset) on a copy of the claims.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock, IOptions<OidcOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Clamp(options.Value.ValidatedTokenCacheSeconds, 0, 300));

    /// <summary>A copy of the claims the token was validated with, when it was and is still within its lifetime here.</summary>
    public ClaimsPrincipal? Find(string key)
    {
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null && clock.GetUtcNow() < entry.Until)
        {
            return entry.Principal.Clone();
        }

        return null;
    }

    public void Remember(string key, ClaimsPrincipal principal)
    {
        var now = clock.GetUtcNow();
        var until = now + Lifetime;
        if (long.TryParse(principal.GetClaim(Claims.ExpiresAt), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var expires)
            && DateTimeOffset.FromUnixTimeSeconds(expires) < until)
        {
            until = DateTimeOffset.FromUnixTimeSeconds(expires);
        }

        if (until > now)
        {
            // The instance's clock decides freshness (Find); the cache's own expiry only bounds memory.
            _cache.Set(key, new Entry(principal.Clone(), until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
        }
    }

    /// <summary>
    /// The cache key of an access token being validated: a hash of the token and of the issuers it must come from (the
    /// same token is checked again where another issuer is expected). Null for anything but an access token alone.
    /// </summary>
    internal static string? KeyOf(ValidateTokenContext context)
    {
        if (string.IsNullOrEmpty(context.Token) || context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.AccessToken))
        {
            return null;
        }

        // SHA-256 of "issuer issuer …\ntoken" in UTF-8, written into one pooled buffer: the token is read on every
        // authenticated request, so no copies of it are made.
        var issuers = context.TokenValidationParameters?.ValidIssuers;
        var length = Encoding.UTF8.GetMaxByteCount(context.Token.Length) + 1;
        foreach (var issuer in issuers ?? [])
        {
            length += Encoding.UTF8.GetMaxByteCount(issuer.Length) + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            foreach (var issuer in issuers ?? [])
            {
                if (written > 0)
                {
                    buffer[written++] = (byte)' ';
                }

                written += Encoding.UTF8.GetBytes(issuer, buffer.AsSpan(written));
            }

            buffer[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(context.Token, buffer.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);
}

/// <summary>Before the token's signature is checked: the claims of the same token validated before, if any (the check is then skipped).</summary>
internal sealed class RestoreValidatedToken(ValidatedTokens tokens) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<RestoreValidatedToken>()
        .SetOrder(Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is null && ValidatedTokens.KeyOf(context) is { } key && tokens.Find(key) is { } principal)
        {
            context.Principal = principal;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Right after a token's signature passed, before its claims are mapped: remembers them for the next request with it.</summary>
internal sealed class RememberValidatedToken(ValidatedTokens tokens) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<RememberValidatedToken>()
        .SetOrder(Protection.ValidateIdentityModelToken.Descriptor.Order + 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        // Only what IdentityModel validated now (it leaves its result); never a principal this cache restored.
        if (context is { Principal: { } principal, TokenValidationResult.IsValid: true } && ValidatedTokens.KeyOf(context) is { } key)
        {
            tokens.Remember(key, principal);
        }

        return ValueTask.CompletedTask;
    }
}
