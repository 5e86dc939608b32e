using System.Text.RegularExpressions;

namespace Membership.GraphQL;

/// <summary>Checks shared by mutation inputs; each adds a user error with a stable code and returns the cleaned value.</summary>
public static partial class InputChecks
{
    public static string RequiredText(this UserErrors errors, string? value, int maxLength, params string[] field)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(UserErrorCodes.Required, $"{Label(field)} is required.", field);
            return string.Empty;
        }

        return errors.MaxLength(text, maxLength, field);
    }

    /// <summary>Trimmed text, or null when absent or blank.</summary>
    public static string? OptionalText(this UserErrors errors, string? value, int maxLength, params string[] field)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : errors.MaxLength(text, maxLength, field);
    }

    public static string Email(this UserErrors errors, string? value, int maxLength, params string[] field)
    {
        var email = errors.RequiredText(value, maxLength, field);
        if (email.Length > 0 && email.Length <= maxLength && !EmailPattern().IsMatch(email))
        {
            errors.Add(UserErrorCodes.InvalidEmail, $"'{email}' is not an e-mail address.", field);
        }

        return email;
    }

    public static string? Phone(this UserErrors errors, string? value, params string[] field)
    {
        var phone = errors.OptionalText(value, 32, field);
        if (phone is not null && !PhonePattern().IsMatch(PhoneFormatting().Replace(phone, string.Empty)))
        {
            errors.Add(UserErrorCodes.InvalidPhone, "Give a phone number of 10 to 15 digits, e.g. +1 205 555 0100.", field);
        }

        return phone;
    }

    public static DateOnly? NotInFuture(this UserErrors errors, DateOnly? value, DateOnly today, params string[] field)
    {
        if (value > today)
        {
            errors.Add(UserErrorCodes.DateInFuture, $"{Label(field)} cannot be in the future.", field);
        }

        return value;
    }

    public static int InRange(this UserErrors errors, int value, int min, int max, params string[] field)
    {
        if (value < min || value > max)
        {
            errors.Add(UserErrorCodes.OutOfRange, $"{Label(field)} must be between {min} and {max}.", field);
        }

        return value;
    }

    /// <summary>The key of a global ID of <paramref name="typeName"/>; null (and INVALID_ID) otherwise.</summary>
    public static Guid? Id(this UserErrors errors, string? value, string typeName, params string[] field)
    {
        if (GlobalId.TryParse(value, typeName, out var key))
        {
            return key;
        }

        errors.Add(UserErrorCodes.InvalidId, $"{Label(field)} is not a {typeName} ID.", field);
        return null;
    }

    private static string MaxLength(this UserErrors errors, string text, int maxLength, string[] field)
    {
        if (text.Length > maxLength)
        {
            errors.Add(UserErrorCodes.TooLong, $"{Label(field)} is longer than {maxLength} characters.", field);
        }

        return text;
    }

    private static string Label(string[] field) => field.Length == 0 ? "The value" : $"'{field[^1]}'";

    [GeneratedRegex(@"^[^@\s""<>(),;:\\\[\]]+@[^@\s""<>(),;:\\\[\]]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9]{10,15}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\s().\-]")]
    private static partial Regex PhoneFormatting();
}
