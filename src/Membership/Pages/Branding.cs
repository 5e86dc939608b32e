using System.Globalization;
using System.Text.RegularExpressions;

namespace Membership.Pages;

/// <summary>
/// The <c>Branding</c> section: how the pages a person sees name the association, so a member can tell them from a copy.
/// </summary>
public sealed partial class BrandingOptions
{
    public const string Section = "Branding";

    public const string DefaultColor = "#0b3d91";

    public string Name { get; set; } = "National Association of School Resource Officers";

    /// <summary>An https URL (or a path on this host) of the logo shown beside the name.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>A <c>#rrggbb</c> colour for buttons and links; it must contrast 4.5:1 with white.</summary>
    public string? PrimaryColor { get; set; }

    public string? SupportEmail { get; set; }

    /// <summary>The front end's join page, linked from sign-in.</summary>
    public string? JoinUrl { get; set; }

    public string Color => string.IsNullOrWhiteSpace(PrimaryColor) ? DefaultColor : PrimaryColor.Trim().ToLowerInvariant();

    /// <summary>What is wrong with the settings, one sentence each; empty when they can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Branding:Name must not be empty.";
        }

        if (!string.IsNullOrWhiteSpace(PrimaryColor))
        {
            if (!HexColor().IsMatch(PrimaryColor.Trim()))
            {
                yield return $"Branding:PrimaryColor must be a #rrggbb colour, not '{PrimaryColor}'.";
            }
            else if (ContrastWithWhite(PrimaryColor.Trim()) < 4.5)
            {
                yield return FormattableString.Invariant(
                    $"Branding:PrimaryColor {PrimaryColor} contrasts only {ContrastWithWhite(PrimaryColor.Trim()):0.0}:1 with white text; choose a darker colour (at least 4.5:1).");
            }
        }

        foreach (var (key, value) in new[] { ("LogoUrl", LogoUrl), ("JoinUrl", JoinUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !IsLinkable(value))
            {
                yield return $"Branding:{key} must be an https URL (http only for localhost or 127.0.0.1) or a path starting with '/'.";
            }
        }

        if (!string.IsNullOrWhiteSpace(SupportEmail) && !SupportEmail.Contains('@', StringComparison.Ordinal))
        {
            yield return "Branding:SupportEmail must be an e-mail address.";
        }
    }

    /// <summary>The origin the logo loads from, for the pages' content security policy; null for a local path.</summary>
    public string? LogoOrigin =>
        Uri.TryCreate(LogoUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.GetLeftPart(UriPartial.Authority) : null;

    private static bool IsLinkable(string value)
    {
        if (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost")));
    }

    /// <summary>WCAG 2 contrast ratio of the colour against white.</summary>
    internal static double ContrastWithWhite(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
        return 1.05 / (luminance + 0.05);
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
