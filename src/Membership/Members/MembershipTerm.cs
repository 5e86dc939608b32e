using Membership.Dues;

namespace Membership.Members;

/// <summary>
/// One period of membership under a plan. Its status is never stored: <see cref="MembershipStatusRules"/>
/// derives it from the dates and staff flags each time it is read.
/// </summary>
public sealed class MembershipTerm
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid PlanId { get; set; }
    public MembershipPlan? Plan { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>Last day of the term; null for lifetime plans.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>Last day of the grace window (EndsOn plus the plan's grace days when the term was made).</summary>
    public DateOnly? GraceEndsOn { get; set; }

    /// <summary>When the term was paid for or granted; null while the application is pending.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>The payment line that bought this term (unique: a line buys one term, however often its news arrives).</summary>
    public Guid? PaymentLineId { get; set; }

    /// <summary>Set when the payment that bought the term was refunded in full: the term no longer counts.</summary>
    public DateTimeOffset? RefundedAt { get; set; }
    public string? CancellationReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
