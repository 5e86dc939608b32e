using Membership.Members;

namespace Membership.Dues;

/// <summary>What a member buys: a category's dues, price and term.</summary>
public sealed class MembershipPlan
{
    public Guid Id { get; set; }

    /// <summary>Stable code used by staff and integrations, e.g. <c>REGULAR-ANNUAL</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public MemberCategory Category { get; set; }

    /// <summary>Price in minor units of <see cref="Currency"/> (cents for USD).</summary>
    public long PriceAmount { get; set; }
    public required string Currency { get; set; }

    public TermKind TermKind { get; set; }

    /// <summary>Length of one term in months (anniversary and fixed-period plans).</summary>
    public int TermMonths { get; set; }

    /// <summary>For fixed-period plans, the month (1-12) on whose first day every period starts.</summary>
    public int? PeriodStartMonth { get; set; }

    public int GraceDays { get; set; }
    public bool IsActive { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum TermKind
{
    /// <summary>A term runs a number of months from the day it is paid.</summary>
    Anniversary,

    /// <summary>Terms follow the calendar: every period starts on the first day of the same month.</summary>
    FixedPeriod,

    /// <summary>No end date: life and honorary memberships.</summary>
    Lifetime,
}
