using System.Text.RegularExpressions;
using Membership.GraphQL;

namespace Membership.Agencies;

public static partial class AgencyRules
{
    public const int NameMaxLength = 200;
    public const int CityMaxLength = 100;

    /// <summary>
    /// An ORI is 9 characters: the two-letter state code, then seven letters or digits (e.g. <c>AL0010000</c>).
    /// Returns the upper-case code, or null when none was given.
    /// </summary>
    public static string? CheckOri(UserErrors errors, string? value, ISet<string> stateCodes, params string[] field)
    {
        var ori = errors.OptionalText(value, 9, field)?.ToUpperInvariant();
        if (ori is not null && (!OriPattern().IsMatch(ori) || !stateCodes.Contains(ori[..2])))
        {
            errors.Add(UserErrorCodes.InvalidOri, "An ORI is 9 letters or digits starting with a state code, e.g. AL0010000.", field);
        }

        return ori;
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{7}$")]
    private static partial Regex OriPattern();
}
