using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// RFC 6238 codes computed here, independently of the server (HMAC-SHA1, 30-second steps, 6 digits), as an
/// authenticator app computes them. The server checks codes on its TimeProvider (one step either side) and accepts
/// each step once per account: a test on a fake clock asks for <c>Code(key, clock.GetUtcNow())</c>.
/// </summary>
public static partial class Totp
{
    private static readonly ConcurrentDictionary<string, long> Given = new();

    public static string Code(string base32Key, DateTimeOffset at) => Code(Base32(base32Key), at.ToUnixTimeSeconds() / 30, digits: 6);

    /// <summary>
    /// A code for the real clock (the shared test servers run on it), of a step not given before for this key: the
    /// app's code now, or, when that was given already, the next step's (the server allows one step of drift). A third
    /// code within 30 seconds would be refused as a replay: such a test runs an instance on a fake clock instead.
    /// </summary>
    public static string Now(string base32Key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var step = Given.AddOrUpdate(base32Key, now, (_, last) => Math.Max(now, last + 1));
        Assert.True(step <= now + 1, "more than two codes for one key within 30 seconds of the real clock: use an instance on a fake clock");
        return Code(Base32(base32Key), step, digits: 6);
    }

    public static string Code(byte[] key, long step, int digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default, which every authenticator app and Identity use
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % (int)Math.Pow(10, digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>RFC 4648 base32 (upper case, no padding), as the key appears on the setup page and in the otpauth URI.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c != ' ' && c != '='))
        {
            buffer = ((buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal)) & 0xffff; // at most 12 bits are pending
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    /// <summary>The key the setup page shows as text (groups of four, spaces removed).</summary>
    public static string KeyOnPage(string html)
    {
        var match = KeyElement().Match(html);
        Assert.True(match.Success, "the setup page shows no authenticator key");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Replace(" ", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The recovery codes a page lists.</summary>
    public static IReadOnlyList<string> RecoveryCodesOnPage(string html) =>
        [.. RecoveryCode().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>Where the recovery codes page's "continue" link leads.</summary>
    public static string ContinueLink(string html)
    {
        var match = ContinueAnchor().Match(html);
        Assert.True(match.Success, "the recovery codes page has no continue link");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<code id=\"authenticator-key\">([^<]*)</code>")]
    private static partial Regex KeyElement();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<a class=\"button primary\" href=\"([^\"]*)\"")]
    private static partial Regex ContinueAnchor();
}
