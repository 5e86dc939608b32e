using System.Text.RegularExpressions;
using Membership.GraphQL;

namespace Membership.Agencies;

public static partial class AgencyRules
{
    public const int NameMaxLength = 200;
    public const int CityMaxLength = 100;

    /// <summary>
    /// An ORI is 9 characters: the agency's two-letter state code, then seven letters or digits (e.g. <c>AL0010000</c>).
    /// Returns the upper-case code, or null when none was given.
    /// </summary>
    public static string? CheckOri(UserErrors errors, string? value, string agencyState, params string[] field)
    {
        var ori = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(ori))
        {
            return null;
        }

        if (!OriPattern().IsMatch(ori) || !ori.StartsWith(agencyState, StringComparison.Ordinal))
        {
            errors.Add(UserErrorCodes.InvalidOri, $"An ORI is 9 letters or digits starting with the agency's state code, e.g. {agencyState}0010000.", field);
        }

        return ori;
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{7}$")]
    private static partial Regex OriPattern();
}
