using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Membership.GraphQL;

/// <summary>
/// Names of people (first and last names, attendees, buyers, waiting-list entries) and job titles end up in mail and on
/// certificates, so they must not carry content of their own: no line breaks, control or direction characters, and no
/// web addresses. One check for every mutation that takes one (INVALID_NAME).
/// </summary>
public static partial class InputChecks
{
    public static string RequiredName(this UserErrors errors, string? value, int maxLength, params string[] field)
    {
        var text = errors.RequiredText(value, maxLength, field);
        return text.Length == 0 ? text : errors.CleanName(text, field);
    }

    public static string? OptionalName(this UserErrors errors, string? value, int maxLength, params string[] field)
    {
        var text = errors.OptionalText(value, maxLength, field);
        return text is null ? null : errors.CleanName(text, field);
    }

    /// <summary>Whether a name is free of line breaks, control and invisible formatting characters, and web addresses.</summary>
    public static bool IsCleanName(string text)
    {
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            var invisible = category == UnicodeCategory.Format && c is not ('\u200C' or '\u200D'); // joiners belong to some scripts' spelling
            if (char.IsControl(c) || invisible || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        // Full-width and other compatibility forms read as the same address, so they are checked in their plain form.
        return !WebAddress().IsMatch(text.Normalize(NormalizationForm.FormKC));
    }

    private static string CleanName(this UserErrors errors, string text, string[] field)
    {
        if (!IsCleanName(text))
        {
            errors.Add(UserErrorCodes.InvalidName, $"{Label(field)} cannot hold line breaks, control characters or web addresses.", field);
        }

        return text;
    }

    /// <summary>A scheme (http:, https://, mailto:, any "x://"), "www.", or a host name ending in a common top-level domain.</summary>
    [GeneratedRegex("""
        [a-z][a-z0-9+.\-]*:\s*/ | \b(?:https?|ftp|mailto|javascript|data|file|tel|sms|callto|ms-[a-z]+):\S | \bwww\. |
        \b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|net|org|edu|gov|mil|int|info|biz|io|co|us|uk|de|ru|cn|xyz|top|online|site|app|dev|link|click|ly|me|tk|ml|ga|cf|gq|shop|store|live|email|club|icu|example)\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();
}
