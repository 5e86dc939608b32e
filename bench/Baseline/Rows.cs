namespace Baseline;

// Rows as the API's statements return them (Dapper maps by column name). Dates arrive as DateTime from Npgsql.
internal sealed class MemberRow
{
    public Guid Id { get; set; }
    public Guid? AgencyId { get; set; }
    public string Category { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public Guid? CurrentTermId { get; set; }
    public bool DirectoryOptIn { get; set; }
    public string Email { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string FirstNameKey { get; set; } = "";
    public bool IsSwornOfficer { get; set; }
    public string LastName { get; set; } = "";
    public string LastNameKey { get; set; } = "";
    public long Number { get; set; }
    public string StateCode { get; set; } = "";
    public DateTime? SuspendedAt { get; set; }
}

internal sealed class TermRow
{
    public Guid Id { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? EndsOn { get; set; }
    public DateTime? GraceEndsOn { get; set; }
    public Guid PlanId { get; set; }
    public DateTime? RefundedAt { get; set; }
    public DateTime StartsOn { get; set; }
}

internal sealed class PlanRow
{
    public Guid Id { get; set; }
    public string Category { get; set; } = "";
    public string Code { get; set; } = "";
    public string Currency { get; set; } = "";
    public int GraceDays { get; set; }
    public bool IsActive { get; set; }
    public string Name { get; set; } = "";
    public int? PeriodStartMonth { get; set; }
    public long PriceAmount { get; set; }
    public string TermKind { get; set; } = "";
    public int TermMonths { get; set; }
}

internal sealed class AgencyRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string StateCode { get; set; } = "";
}

internal sealed record StateRow(string Code, string Name, int RegionNumber, string RegionName);

/// <summary>A state's columns in a joined row (node), read by Dapper; its region's columns follow as their own part.</summary>
internal sealed class JoinedStateRow
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int RegionNumber { get; set; }
}

internal sealed class JoinedRegionRow
{
    public int Number { get; set; }
    public string Name { get; set; } = "";
}

internal sealed class CertificateRow
{
    public Guid Id { get; set; }
    public Guid? CourseId { get; set; }
    public int? DurationMinutes { get; set; }
    public DateTime? ExpiresOn { get; set; }
    public string HolderLastNameKey { get; set; } = "";
    public string HolderName { get; set; } = "";
    public DateTime IssuedOn { get; set; }
    public string Kind { get; set; } = "";
    public Guid MemberId { get; set; }
    public string Number { get; set; } = "";
    public Guid? ReplacedById { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? SuspendedAt { get; set; }
    public string Title { get; set; } = "";
}

internal sealed class CourseRow
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
}

internal sealed class PaymentRow
{
    public Guid Id { get; set; }
    public long Amount { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string Currency { get; set; } = "";
    public Guid PlanId { get; set; }
    public string ReceiptNumber { get; set; } = "";
    public string Status { get; set; } = "";
}

internal sealed class ConsentRow
{
    public Guid Id { get; set; }
    public DateTime GrantedAt { get; set; }
    public Guid MemberId { get; set; }
}
