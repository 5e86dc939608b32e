using Membership.GraphQL;

namespace Membership.Dues;

public static class PlanRules
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 120;
    public const int MaxGraceDays = 365;

    /// <summary>Currencies the association takes dues in.</summary>
    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(StringComparer.Ordinal) { "USD", "CAD" };

    /// <summary>Checks a plan's term settings as a whole; field names are those of the plan inputs.</summary>
    public static void CheckTerm(UserErrors errors, TermKind kind, int termMonths, int? periodStartMonth, int graceDays, long priceAmount, string currency)
    {
        if (priceAmount < 0 || priceAmount > 10_000_000)
        {
            errors.Add(UserErrorCodes.OutOfRange, "'price.amount' is in minor units (cents) and must be between 0 and 10000000.", "input", "price", "amount");
        }

        if (!Currencies.Contains(currency))
        {
            errors.Add(UserErrorCodes.InvalidCurrency, $"'price.currency' must be one of {string.Join(", ", Currencies)}.", "input", "price", "currency");
        }

        errors.InRange(graceDays, 0, MaxGraceDays, "input", "graceDays");
        switch (kind)
        {
            case TermKind.Lifetime when termMonths != 0 || periodStartMonth is not null:
                errors.Add(UserErrorCodes.InvalidTerm, "A lifetime plan has no term length and no period start.", "input", "termMonths");
                break;
            case TermKind.Anniversary when termMonths is < 1 or > 60 || periodStartMonth is not null:
                errors.Add(UserErrorCodes.InvalidTerm, "An anniversary plan needs 'termMonths' from 1 to 60 and no 'periodStartMonth'.", "input", "termMonths");
                break;
            // Periods must tile the year, so every member of the plan shares the same periods.
            case TermKind.FixedPeriod when termMonths is not (1 or 2 or 3 or 4 or 6 or 12) || periodStartMonth is not (>= 1 and <= 12):
                errors.Add(UserErrorCodes.InvalidTerm, "A fixed-period plan needs 'termMonths' of 1, 2, 3, 4, 6 or 12 and a 'periodStartMonth' from 1 to 12.", "input", "periodStartMonth");
                break;
        }
    }
}
