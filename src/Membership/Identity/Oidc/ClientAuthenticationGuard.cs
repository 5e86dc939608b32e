using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Membership.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Membership.Identity.Oidc;

/// <summary>
/// Client authentication at /connect/token, /connect/introspect and /connect/revoke, checked before OpenIddict's own
/// checks: an unknown client_id and a wrong or missing secret get one answer after the same work (a secret is hashed
/// either way), and failures are counted in the database per client address and per client_id. An address past the
/// limit gets 429 for the rest of the minute. A client_id past the limit is refused (429) to every address that has
/// failed in that minute, while its owner's right secret from a clean address still works: an attacker cannot lock a
/// partner out, and gets one guess per minute and address.
/// </summary>
internal sealed class ClientAuthenticationGuard(IOpenIddictApplicationManager applications, RateLimits limits, IOptions<OidcOptions> options)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>The one answer to every failed client authentication.</summary>
    public const string FailureDescription = "The client credentials are invalid.";

    private const string CheckedProperty = "membership:client_authentication_checked";

    /// <summary>Runs just before OpenIddict looks the client up, so its own checks come second.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<ClientAuthenticationGuard>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>A secret hash in OpenIddict's format (PBKDF2-SHA256, 10,000 iterations) that no secret matches: unknown clients cost the same work.</summary>
    internal static readonly OpenIddictEntityFrameworkCoreApplication NoSuchClient = new()
    {
        ClientId = "membership:no-such-client",
        ClientType = ClientTypes.Confidential,
        ClientSecret = UnmatchableSecretHash(iterations: 10_000),
    };

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation)
            || string.IsNullOrEmpty(context.ClientId) || !context.Transaction.Properties.TryAdd(CheckedProperty, true))
        {
            return;
        }

        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var cancellationToken = context.CancellationToken;
        var permits = Math.Max(1, options.Value.FailedClientAuthenticationsPerMinute);
        var byAddress = new RateLimitRule("client-auth-failures-address", permits, TimeSpan.FromMinutes(1));
        var byClient = new RateLimitRule("client-auth-failures-client", permits, TimeSpan.FromMinutes(1));
        var address = RateLimits.AddressKey(http?.Connection.RemoteIpAddress);

        var application = await applications.FindByClientIdAsync(context.ClientId, cancellationToken);
        if (application is not null && await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken))
        {
            return; // no secret to guess (a public client_id is no secret either); OpenIddict checks the rest
        }

        // The attempt is counted as a failure before the secret is checked, and the decision of that count is what holds:
        // parallel guesses each take a permit, so no more than the limit get past, however many arrive at once.
        var byThisAddress = await limits.TryAcquireAsync(byAddress, address, cancellationToken);
        if (!byThisAddress.Allowed)
        {
            await TooManyAsync(context, http, byThisAddress.RetryAfter);
            return;
        }

        // Exactly one secret hash per attempt, whatever is wrong with it.
        var secret = string.IsNullOrEmpty(context.ClientSecret) ? "-" : context.ClientSecret;
        var matches = await applications.ValidateClientSecretAsync(application ?? NoSuchClient, secret, cancellationToken)
            && application is not null && !string.IsNullOrEmpty(context.ClientSecret);
        if (matches)
        {
            await AcceptAsync(context, http, address, byAddress, byClient, permits);
            return;
        }

        if (!(await limits.TryAcquireAsync(byClient, context.ClientId, cancellationToken)).Allowed)
        {
            await TooManyAsync(context, http, byThisAddress.RetryAfter);
            return;
        }

        context.Reject(error: Errors.InvalidClient, description: FailureDescription);
    }

    /// <summary>
    /// The right secret: the failure counted in advance is given back. A client_id past its limit still refuses an address
    /// that has failed in this window (a guesser who finally hit it), never its owner at a clean address.
    /// </summary>
    private async Task AcceptAsync(ProcessAuthenticationContext context, HttpContext? http, string address, RateLimitRule byAddress, RateLimitRule byClient, int permits)
    {
        var cancellationToken = context.CancellationToken;
        await limits.TryAcquireAsync(byAddress, address, cancellationToken, uses: -1);
        var (clientFailures, _) = await limits.CountAsync(byClient, context.ClientId!, cancellationToken);
        if (clientFailures < permits)
        {
            return;
        }

        var (addressFailures, untilWindowEnds) = await limits.CountAsync(byAddress, address, cancellationToken);
        if (addressFailures > 0)
        {
            await TooManyAsync(context, http, untilWindowEnds);
        }
    }

    /// <summary>429 with Retry-After, written here: OpenIddict has no status for it.</summary>
    private static async Task TooManyAsync(ProcessAuthenticationContext context, HttpContext? http, TimeSpan retryAfter)
    {
        if (http is null)
        {
            context.Reject(error: Errors.InvalidClient, description: FailureDescription);
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "application/json;charset=UTF-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new Dictionary<string, string>
        {
            [Parameters.Error] = Errors.TemporarilyUnavailable,
            [Parameters.ErrorDescription] = $"Too many failed client authentications. Try again in {seconds} seconds.",
        }, cancellationToken: http.RequestAborted);
        context.HandleRequest();
    }

    /// <summary>OpenIddict's hash layout: marker, PRF (1 = SHA-256), iterations, salt length, salt, 32-byte key.</summary>
    internal static string UnmatchableSecretHash(int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(RandomNumberGenerator.GetBytes(32), salt, iterations, HashAlgorithmName.SHA256, 32);
        var payload = new byte[13 + salt.Length + key.Length];
        payload[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), 1);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(5), (uint)iterations);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(9), (uint)salt.Length);
        salt.CopyTo(payload.AsSpan(13));
        key.CopyTo(payload.AsSpan(13 + salt.Length));
        return Convert.ToBase64String(payload);
    }
}
