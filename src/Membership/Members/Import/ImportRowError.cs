using Membership.GraphQL;

namespace Membership.Members.Import;

/// <summary>
/// A problem with one cell (or line) of an import file. The message names the rule, never the cell's value: the file
/// holds personal data, and errors are shown, logged and kept where that data must not go.
/// </summary>
public sealed record ImportRowError(int Line, string? Column, string Code, string Message)
{
    public static ImportRowError For(int line, string? column, string code) =>
        new(line, column, code, ImportCodes.Messages.GetValueOrDefault(code, "The value is not accepted."));
}

/// <summary>The stable codes of import errors: the codes registerMember uses for the same rules, and the file's own.</summary>
public static class ImportCodes
{
    public const string EmptyFile = "EMPTY_FILE";
    public const string UnknownColumn = "UNKNOWN_COLUMN";
    public const string DuplicateColumn = "DUPLICATE_COLUMN";
    public const string MissingColumn = "MISSING_COLUMN";
    public const string TooManyRows = "TOO_MANY_ROWS";
    public const string MalformedLine = "MALFORMED_LINE";
    public const string WrongFieldCount = "WRONG_FIELD_COUNT";
    public const string InvalidMemberNumber = "INVALID_MEMBER_NUMBER";
    public const string InvalidDate = "INVALID_DATE";
    public const string InvalidBoolean = "INVALID_BOOLEAN";
    public const string InvalidCategory = "INVALID_CATEGORY";
    public const string UnknownAgency = "UNKNOWN_AGENCY";
    public const string UnknownPlan = "UNKNOWN_PLAN";
    public const string DuplicateInFile = "DUPLICATE_IN_FILE";
    public const string NumberTakenByOtherEmail = "NUMBER_TAKEN_BY_OTHER_EMAIL";
    public const string EmailTakenByOtherNumber = "EMAIL_TAKEN_BY_OTHER_NUMBER";

    /// <summary>The whole file, in the payload's userErrors: some lines have errors, so nothing was written.</summary>
    public const string FileHasErrors = "FILE_HAS_ERRORS";

    /// <summary>A member number or address of the file was taken while the import ran (by a change that does not queue behind imports).</summary>
    public const string ImportConflict = "IMPORT_CONFLICT";

    internal static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EmptyFile] = "The file is empty: the first line must name the columns.",
        [UnknownColumn] = "The header names a column the import does not know.",
        [DuplicateColumn] = "The header names this column twice.",
        [MissingColumn] = "The header lacks this required column.",
        [TooManyRows] = "The file holds more lines than one import takes; split it.",
        [MalformedLine] = "The line is not valid CSV (a stray or unclosed quote).",
        [WrongFieldCount] = "The line has a different number of fields than the header.",
        [InvalidMemberNumber] = "Not a member number such as M-000123.",
        [InvalidDate] = "Not a date in the form 2025-07-01.",
        [InvalidBoolean] = "Not true or false.",
        [InvalidCategory] = "Not a membership category (REGULAR, ASSOCIATE, RETIRED, LIFE, STUDENT).",
        [UnknownAgency] = "No agency has this ORI code.",
        [UnknownPlan] = "No membership plan has this code.",
        [DuplicateInFile] = "An earlier line of the file has the same value.",
        [NumberTakenByOtherEmail] = "A member with this number exists under another e-mail address.",
        [EmailTakenByOtherNumber] = "A member with this e-mail address exists under another number.",
        [UserErrorCodes.Required] = "A value is required.",
        [UserErrorCodes.TooLong] = "The value is too long for this column.",
        [UserErrorCodes.InvalidName] = "Names may not hold line breaks, control characters or web addresses.",
        [UserErrorCodes.InvalidEmail] = "Not an e-mail address.",
        [UserErrorCodes.InvalidPhone] = "Not a phone number of 10 to 15 digits.",
        [UserErrorCodes.InvalidState] = "Not a US state, district or territory code.",
        [UserErrorCodes.InvalidPostalCode] = "Not a ZIP code: 12345 or 12345-6789.",
        [UserErrorCodes.DateInFuture] = "The date is in the future.",
        [UserErrorCodes.DateOutOfRange] = "The date is outside the range this column accepts.",
        [UserErrorCodes.RequiresSwornOfficer] = "Regular membership is for sworn officers (swornOfficer true).",
        [UserErrorCodes.PlanCategoryMismatch] = "The plan is for another membership category.",
        [UserErrorCodes.InvalidTerm] = "The term's end is before its start, or given for a lifetime plan.",
        [FileHasErrors] = "Some lines of the file have errors (see rowErrors); nothing was written.",
        [ImportConflict] = "A member number or e-mail address of the file was taken while the import ran; nothing was written. Run it again.",
    };
}
