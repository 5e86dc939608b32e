using System.Text.RegularExpressions;
using Membership.GraphQL;

namespace Membership.Members;

/// <summary>Lengths and formats of member data, shared by the EF model and input validation.</summary>
public static partial class MemberRules
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 32;
    public const int JobTitleMaxLength = 120;
    public const int AddressLineMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int ReasonMaxLength = 500;
    public const int MinimumAge = 16;
    public const int MaximumAge = 110;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A date of birth that is not in the future and gives an age the association can have.</summary>
    public static void CheckDateOfBirth(UserErrors errors, DateOnly? dateOfBirth, DateOnly today, params string[] field)
    {
        if (dateOfBirth is not { } dob)
        {
            return;
        }

        if (dob > today)
        {
            errors.Add(UserErrorCodes.DateInFuture, "'dateOfBirth' cannot be in the future.", field);
        }
        else if (dob > today.AddYears(-MinimumAge) || dob < today.AddYears(-MaximumAge))
        {
            errors.Add(UserErrorCodes.DateOutOfRange, $"'dateOfBirth' must make the member {MinimumAge} to {MaximumAge} years old.", field);
        }
    }

    public static MailingAddress? CheckAddress(UserErrors errors, MailingAddressInput? input, params string[] field)
    {
        if (input is null)
        {
            return null;
        }

        var address = new MailingAddress
        {
            Line1 = errors.RequiredText(input.Line1, AddressLineMaxLength, [.. field, "line1"]),
            Line2 = errors.OptionalText(input.Line2, AddressLineMaxLength, [.. field, "line2"]),
            City = errors.RequiredText(input.City, CityMaxLength, [.. field, "city"]),
            StateCode = errors.RequiredText(input.State, 2, [.. field, "state"]).ToUpperInvariant(),
            PostalCode = errors.RequiredText(input.PostalCode, 10, [.. field, "postalCode"]),
        };
        if (address.PostalCode.Length > 0 && !ZipCode().IsMatch(address.PostalCode))
        {
            errors.Add(UserErrorCodes.InvalidPostalCode, "'postalCode' must be a ZIP code: 12345 or 12345-6789.", [.. field, "postalCode"]);
        }

        return address;
    }

    /// <summary>Regular members are sworn officers (they vote and may hold office).</summary>
    public static void CheckCategory(UserErrors errors, MemberCategory category, bool swornOfficer, params string[] field)
    {
        if (category == MemberCategory.Regular && !swornOfficer)
        {
            errors.Add(UserErrorCodes.RequiresSwornOfficer, "Regular membership is for sworn officers; choose Associate for other school-safety staff.", field);
        }
    }

    public static void CheckSroSince(UserErrors errors, DateOnly? sroSince, DateOnly? dateOfBirth, DateOnly today, params string[] field)
    {
        errors.NotInFuture(sroSince, today, field);
        if (sroSince is { } since && dateOfBirth is { } dob && since < dob.AddYears(MinimumAge))
        {
            errors.Add(UserErrorCodes.DateOutOfRange, "'sroSince' is before the member could have served.", field);
        }
    }

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex ZipCode();
}
