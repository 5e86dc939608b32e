namespace Membership.Members.Import;

/// <summary>
/// The member CSV that exportMembers writes and importMembers reads: one header line naming the columns (any order;
/// optional columns may be left out), then one member per line.
/// </summary>
public static class MemberCsv
{
    public const string MemberNumber = "memberNumber";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string AddressLine1 = "addressLine1";
    public const string AddressLine2 = "addressLine2";
    public const string City = "city";
    public const string AddressState = "addressState";
    public const string PostalCode = "postalCode";
    public const string DateOfBirth = "dateOfBirth";
    public const string Category = "category";
    public const string SwornOfficer = "swornOfficer";
    public const string SroSince = "sroSince";
    public const string State = "state";
    public const string JobTitle = "jobTitle";
    public const string AgencyOri = "agencyOri";
    public const string DirectoryOptIn = "directoryOptIn";
    public const string Plan = "plan";
    public const string TermStartsOn = "termStartsOn";
    public const string TermEndsOn = "termEndsOn";

    /// <summary>Every column, in the order the export writes them.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        MemberNumber, FirstName, LastName, Email, Phone, AddressLine1, AddressLine2, City, AddressState, PostalCode, DateOfBirth,
        Category, SwornOfficer, SroSince, State, JobTitle, AgencyOri, DirectoryOptIn, Plan, TermStartsOn, TermEndsOn,
    ];

    /// <summary>The columns an import cannot do without.</summary>
    public static readonly IReadOnlySet<string> Required = new HashSet<string>(StringComparer.Ordinal) { MemberNumber, FirstName, LastName, Email, Category, State };

    /// <summary>
    /// A cell as written before the export protected it from spreadsheets: text starting with = + - @ (or tab, carriage
    /// return) was given a leading apostrophe (OWASP's advice on CSV injection), taken off here so an export imports unchanged.
    /// </summary>
    public static string Unescape(string cell) => cell.Length > 1 && cell[0] == '\'' && IsFormulaStart(cell[1]) ? cell[1..] : cell;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
