using Membership.Identity.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Membership.Identity.Cors;

/// <summary>The <c>Cors</c> configuration section.</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins allowed besides those of registered front ends, e.g. <c>https://portal.example.org</c>; never <c>*</c>.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long an instance keeps the list of registered front ends' origins before reading the client store again.</summary>
    public int ClientCacheSeconds { get; set; } = 30;
}

/// <summary>
/// The browser origins allowed to call the API: the origins of the redirect URIs and post-logout redirect URIs of every
/// enabled public client, plus <c>Cors:AllowedOrigins</c>. The client store is read at most every
/// <c>Cors:ClientCacheSeconds</c> per instance; a change made through this instance applies at once, one made through
/// another instance within that time.
/// </summary>
public sealed class FrontEndOrigins(IServiceScopeFactory scopes, IOptions<CorsOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _configured = [.. options.Value.AllowedOrigins.Select(o => OriginOf(o.Trim()) ?? throw new InvalidOperationException(
        $"Cors:AllowedOrigins: '{o}' is not an origin (scheme://host[:port], http or https; '*' is not allowed)."))];

    private (DateTimeOffset Until, Task<HashSet<string>> Origins)? _cached;

    public async Task<bool> IsAllowedAsync(string origin, CancellationToken cancellationToken) =>
        _configured.Contains(origin) || (await CurrentAsync().WaitAsync(cancellationToken)).Contains(origin);

    /// <summary>Forgets the cached list: called whenever this instance registers, disables or enables a client.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }

    /// <summary>scheme://host[:port] of an absolute http(s) URI (lower-case, default port left out), as browsers send it.</summary>
    public static string? OriginOf(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && parsed.Host.Length > 0
            ? parsed.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    private Task<HashSet<string>> CurrentAsync()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_cached is not { } cached || cached.Until <= now || cached.Origins.IsFaulted)
            {
                cached = (now.AddSeconds(Math.Max(0, options.Value.ClientCacheSeconds)), LoadAsync());
                _cached = cached;
            }

            return cached.Origins;
        }
    }

    private async Task<HashSet<string>> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        var origins = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var application in applications.ListAsync(count: null, offset: null, CancellationToken.None))
        {
            var client = await registry.ViewAsync(application, CancellationToken.None);
            if (client.Kind == ClientKind.Public && !client.Disabled)
            {
                origins.UnionWith(client.RedirectUris.Concat(client.PostLogoutRedirectUris).Select(OriginOf).OfType<string>());
            }
        }

        return origins;
    }
}
