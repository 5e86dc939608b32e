using System.Globalization;
using Membership.Agencies;
using Membership.Dues;
using Membership.GraphQL;

namespace Membership.Members.Import;

/// <summary>
/// The checks of one line: the rules registerMember applies (names, e-mail, phone, address, dates, category, plan), the
/// file's own (formats, known agency and plan, no repeats), and how the line stands to the members already there.
/// </summary>
internal sealed class MemberImportCheck(ImportLookups existing, DateOnly today, DateTimeOffset now)
{
    /// <summary>How far ahead a current term may start (as for registerMember); it may start any time back.</summary>
    private const int MaxDaysAhead = 90;

    internal abstract record Outcome;

    internal sealed record NewMember(Member Member, MembershipTerm? Term) : Outcome;

    /// <summary>A member with this number and e-mail address exists: the line is left as it is.</summary>
    internal sealed record Unchanged : Outcome
    {
        public static readonly Unchanged Instance = new();
    }

    private readonly Dictionary<long, int> _numbersSeen = [];
    private readonly Dictionary<string, int> _emailsSeen = new(StringComparer.Ordinal);

    /// <summary>The line's outcome; null when it has errors (added to <paramref name="errors"/>).</summary>
    public Outcome? Check(CsvRow row, List<ImportRowError> errors)
    {
        var userErrors = new UserErrors();
        var lineErrors = new List<ImportRowError>();
        void Error(string column, string code) => lineErrors.Add(ImportRowError.For(row.Line, column, code));

        var number = 0L;
        if (row[MemberCsv.MemberNumber] is not { } numberText)
        {
            Error(MemberCsv.MemberNumber, UserErrorCodes.Required);
        }
        else if (!MemberNumbers.TryParse(numberText, out number))
        {
            Error(MemberCsv.MemberNumber, ImportCodes.InvalidMemberNumber);
        }

        var category = MemberCategory.Regular;
        if (row[MemberCsv.Category] is not { } categoryText)
        {
            Error(MemberCsv.Category, UserErrorCodes.Required);
        }
        else if (!TryParseCategory(categoryText, out category))
        {
            Error(MemberCsv.Category, ImportCodes.InvalidCategory);
        }

        var member = new Member
        {
            Id = RecordIds.New(),
            Number = number,
            FirstName = string.Empty,
            LastName = string.Empty,
            Email = userErrors.Email(row[MemberCsv.Email], MemberRules.EmailMaxLength, MemberCsv.Email),
            EmailNormalized = string.Empty,
            Phone = userErrors.Phone(row[MemberCsv.Phone], MemberCsv.Phone),
            MailingAddress = CheckAddress(row, userErrors),
            DateOfBirth = Date(row, MemberCsv.DateOfBirth, Error),
            JobTitle = userErrors.OptionalName(row[MemberCsv.JobTitle], MemberRules.JobTitleMaxLength, MemberCsv.JobTitle),
            Category = category,
            IsSwornOfficer = Boolean(row, MemberCsv.SwornOfficer, Error),
            SroSince = Date(row, MemberCsv.SroSince, Error),
            StateCode = AgencyMutations.CheckState(userErrors, row[MemberCsv.State], existing.States, MemberCsv.State),
            DirectoryOptIn = Boolean(row, MemberCsv.DirectoryOptIn, Error),
            CreatedAt = now,
            UpdatedAt = now,
        };
        member.SetName(
            userErrors.RequiredName(row[MemberCsv.FirstName], MemberRules.NameMaxLength, MemberCsv.FirstName),
            userErrors.RequiredName(row[MemberCsv.LastName], MemberRules.NameMaxLength, MemberCsv.LastName));
        member.EmailNormalized = MemberRules.NormalizeEmail(member.Email);
        MemberRules.CheckDateOfBirth(userErrors, member.DateOfBirth, today, MemberCsv.DateOfBirth);
        MemberRules.CheckSroSince(userErrors, member.SroSince, member.DateOfBirth, today, MemberCsv.SroSince);
        MemberRules.CheckCategory(userErrors, member.Category, member.IsSwornOfficer, MemberCsv.Category);

        if (row[MemberCsv.AgencyOri] is { } ori)
        {
            member.AgencyId = existing.AgenciesByOri.TryGetValue(ori.ToUpperInvariant(), out var agencyId) ? agencyId : null;
            member.AgencyConfirmedAt = now; // staff vouch for the agencies of the members they import
            if (member.AgencyId is null)
            {
                Error(MemberCsv.AgencyOri, ImportCodes.UnknownAgency);
            }
        }

        var term = CheckTerm(row, member, Error);
        lineErrors.AddRange(userErrors.Items.Select(e => ImportRowError.For(row.Line, e.Field?[^1], e.Code)));
        var unchanged = lineErrors.Count == 0 && IsExisting(member, Error);
        if (lineErrors.Count > 0)
        {
            errors.AddRange(lineErrors);
            return null;
        }

        return unchanged ? Unchanged.Instance : new NewMember(member, term);
    }

    /// <summary>
    /// How the line stands to the members already there and to the lines before it: the same number and address is the
    /// same member (unchanged: true); either one taken by someone else is an error; a repeat within the file is too.
    /// </summary>
    private bool IsExisting(Member member, Action<string, string> error)
    {
        var repeated = false;
        if (_numbersSeen.ContainsKey(member.Number))
        {
            error(MemberCsv.MemberNumber, ImportCodes.DuplicateInFile);
            repeated = true;
        }

        if (_emailsSeen.ContainsKey(member.EmailNormalized))
        {
            error(MemberCsv.Email, ImportCodes.DuplicateInFile);
            repeated = true;
        }

        _numbersSeen.TryAdd(member.Number, 0);
        _emailsSeen.TryAdd(member.EmailNormalized, 0);
        if (repeated)
        {
            return false;
        }

        if (existing.EmailsByNumber.TryGetValue(member.Number, out var email))
        {
            if (email == member.EmailNormalized)
            {
                return true;
            }

            error(MemberCsv.MemberNumber, ImportCodes.NumberTakenByOtherEmail);
            return false;
        }

        if (existing.NumbersByEmail.ContainsKey(member.EmailNormalized))
        {
            error(MemberCsv.Email, ImportCodes.EmailTakenByOtherNumber);
            return false;
        }

        return false;
    }

    /// <summary>
    /// The current term: a plan by code and a start, the end from the plan unless given. An imported term is active (the
    /// member paid under the old system); its plan may be one no longer offered, but must be for the member's category.
    /// </summary>
    private MembershipTerm? CheckTerm(CsvRow row, Member member, Action<string, string> error)
    {
        var planCode = row[MemberCsv.Plan];
        var startsOn = Date(row, MemberCsv.TermStartsOn, error);
        var endsOn = Date(row, MemberCsv.TermEndsOn, error);
        if (planCode is null)
        {
            if (row[MemberCsv.TermStartsOn] is not null || row[MemberCsv.TermEndsOn] is not null)
            {
                error(MemberCsv.Plan, UserErrorCodes.Required);
            }

            return null;
        }

        if (!existing.PlansByCode.TryGetValue(planCode, out var plan))
        {
            error(MemberCsv.Plan, ImportCodes.UnknownPlan);
            return null;
        }

        if (plan.Category != member.Category)
        {
            error(MemberCsv.Plan, UserErrorCodes.PlanCategoryMismatch);
        }

        if (startsOn is not { } start)
        {
            if (row[MemberCsv.TermStartsOn] is null)
            {
                error(MemberCsv.TermStartsOn, UserErrorCodes.Required);
            }

            return null;
        }

        if (start > today.AddDays(MaxDaysAhead))
        {
            error(MemberCsv.TermStartsOn, UserErrorCodes.DateOutOfRange);
        }

        var term = TermCalculator.NewTerm(RecordIds.New(), member.Id, plan, start, now, activate: true);
        if (endsOn is { } end)
        {
            if (plan.TermKind == TermKind.Lifetime || end < start)
            {
                error(MemberCsv.TermEndsOn, UserErrorCodes.InvalidTerm);
            }

            term.EndsOn = end;
            term.GraceEndsOn = end.AddDays(plan.GraceDays);
        }

        return term;
    }

    private MailingAddress? CheckAddress(CsvRow row, UserErrors errors)
    {
        string[] columns = [MemberCsv.AddressLine1, MemberCsv.AddressLine2, MemberCsv.City, MemberCsv.AddressState, MemberCsv.PostalCode];
        if (columns.All(c => row[c] is null))
        {
            return null;
        }

        // MemberRules names the address's parts line1, line2, city, state, postalCode: here they are columns of their own.
        var partErrors = new UserErrors();
        var address = MemberRules.CheckAddress(partErrors, new MailingAddressInput
        {
            Line1 = row[MemberCsv.AddressLine1],
            Line2 = row[MemberCsv.AddressLine2],
            City = row[MemberCsv.City],
            State = row[MemberCsv.AddressState],
            PostalCode = row[MemberCsv.PostalCode],
        });
        foreach (var error in partErrors.Items)
        {
            errors.Add(error.Code, error.Message, columns[Array.IndexOf(["line1", "line2", "city", "state", "postalCode"], error.Field![^1])]);
        }

        if (address is { StateCode.Length: 2 } && !existing.States.Contains(address.StateCode))
        {
            errors.Add(UserErrorCodes.InvalidState, "Not a US state code.", MemberCsv.AddressState);
        }

        return address;
    }

    private static DateOnly? Date(CsvRow row, string column, Action<string, string> error)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error(column, ImportCodes.InvalidDate);
        return null;
    }

    private static bool Boolean(CsvRow row, string column, Action<string, string> error)
    {
        switch (row[column]?.ToLowerInvariant())
        {
            case null or "false" or "no" or "0":
                return false;
            case "true" or "yes" or "1":
                return true;
            default:
                error(column, ImportCodes.InvalidBoolean);
                return false;
        }
    }

    private static bool TryParseCategory(string text, out MemberCategory category) =>
        Enum.TryParse(text, ignoreCase: true, out category) && Enum.IsDefined(category) && !text.Any(char.IsAsciiDigit);
}
