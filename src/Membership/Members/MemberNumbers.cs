using System.Globalization;

namespace Membership.Members;

/// <summary>Member numbers as people read them: <c>M-000123</c>.</summary>
public static class MemberNumbers
{
    public const string SequenceName = "member";
    private const string Prefix = "M-";

    public static string Format(long number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Accepts <c>M-000123</c>, <c>m-123</c> or <c>123</c>.</summary>
    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..];
        }

        return value.Length <= 12
            && value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
