using System.Net;
using System.Net.Sockets;

namespace Membership.Partners.Webhooks;

/// <summary>
/// Where a webhook may go (SSRF). At registration: an absolute https URL without user info or fragment (http only to
/// localhost with <see cref="WebhookOptions.AllowHttpLoopback"/>). At send time the host is resolved and every address
/// checked in the connection itself, so a name that later resolves to an inside address (DNS rebinding) is refused too.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 500;

    /// <summary>Null when acceptable, otherwise why not.</summary>
    public static string? Problem(string? value, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            return $"Give an absolute https URL of at most {MaxLength} characters.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The URL may not carry user information or a fragment.";
        }

        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && options.AllowHttpLoopback && uri.IsLoopback;
        if (uri.Scheme != Uri.UriSchemeHttps && !loopbackHttp)
        {
            return "Webhooks are sent over https only.";
        }

        if (!options.AllowPrivateTargets && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPublic(address))
        {
            return "The URL names a private, loopback or link-local address.";
        }

        return uri.IsLoopback && !options.AllowPrivateTargets ? "The URL names this machine." : null;
    }

    /// <summary>Addresses on the public internet: not loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, unspecified or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    /// <summary>The connection step of the webhook HTTP client: resolves, refuses inside addresses (unless allowed), connects.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(WebhookOptions options) => async (context, ct) =>
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        if (addresses.Length == 0 || (!options.AllowPrivateTargets && !addresses.All(IsPublic)))
        {
            throw new HttpRequestException($"Refused: {context.DnsEndPoint.Host} resolves to a private, loopback or link-local address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
