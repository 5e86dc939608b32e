using System.Linq.Expressions;
using Membership.Data;

namespace Membership.Members;

public enum MembershipStatus
{
    /// <summary>Applied or registered, not yet paid.</summary>
    Pending,
    Active,

    /// <summary>Expired, but inside the plan's grace window: still in good standing.</summary>
    Grace,
    Lapsed,

    /// <summary>Set by staff; reversible.</summary>
    Suspended,

    /// <summary>Set by staff; final for the term.</summary>
    Cancelled,
}

/// <summary>
/// The one definition of membership status, in two forms that must agree: a function for a loaded term,
/// and a predicate that databases evaluate for filters. Both read only dates and staff flags, so status
/// is correct the moment it is read, with no nightly job.
/// </summary>
public static class MembershipStatusRules
{
    public static MembershipStatus Compute(MembershipTerm? term, DateTimeOffset? suspendedAt, DateOnly today)
    {
        if (term?.CancelledAt is not null)
        {
            return MembershipStatus.Cancelled;
        }

        if (suspendedAt is not null)
        {
            return MembershipStatus.Suspended;
        }

        if (term?.ActivatedAt is null)
        {
            return MembershipStatus.Pending;
        }

        if (term.RefundedAt is not null)
        {
            return MembershipStatus.Lapsed; // its payment was refunded in full: it bought nothing
        }

        if (term.EndsOn is null || term.EndsOn >= today)
        {
            return MembershipStatus.Active;
        }

        return term.GraceEndsOn >= today ? MembershipStatus.Grace : MembershipStatus.Lapsed;
    }

    public static bool IsInGoodStanding(MembershipStatus status) =>
        status is MembershipStatus.Active or MembershipStatus.Grace;

    /// <summary>ACTIVE or GRACE today, as SQL.</summary>
    public static Expression<Func<Member, bool>> InGoodStanding(DateOnly today) =>
        Predicates.Any([HasStatus(MembershipStatus.Active, today), HasStatus(MembershipStatus.Grace, today)]);

    /// <summary>
    /// The members who act for their agency (its ticket orders, its dues): those in good standing. The agency is
    /// the member's own claim until staff accept them, so a pending applicant (or a lapsed, suspended, cancelled member) acts for none.
    /// </summary>
    public static IQueryable<Member> ActingForTheirAgency(this IQueryable<Member> members, DateOnly today) =>
        members.Where(InGoodStanding(today)).Where(m => m.AgencyConfirmedAt != null);

    public static Expression<Func<Member, bool>> HasStatus(MembershipStatus status, DateOnly today) => status switch
    {
        MembershipStatus.Cancelled => m => m.CurrentTerm != null && m.CurrentTerm.CancelledAt != null,
        MembershipStatus.Suspended => m => m.SuspendedAt != null && (m.CurrentTerm == null || m.CurrentTerm.CancelledAt == null),
        MembershipStatus.Pending => m => m.SuspendedAt == null
            && (m.CurrentTerm == null || (m.CurrentTerm.CancelledAt == null && m.CurrentTerm.ActivatedAt == null)),
        MembershipStatus.Active => m => m.SuspendedAt == null && m.CurrentTerm != null
            && m.CurrentTerm.CancelledAt == null && m.CurrentTerm.ActivatedAt != null && m.CurrentTerm.RefundedAt == null
            && (m.CurrentTerm.EndsOn == null || m.CurrentTerm.EndsOn >= today),
        MembershipStatus.Grace => m => m.SuspendedAt == null && m.CurrentTerm != null
            && m.CurrentTerm.CancelledAt == null && m.CurrentTerm.ActivatedAt != null && m.CurrentTerm.RefundedAt == null
            && m.CurrentTerm.EndsOn < today && m.CurrentTerm.GraceEndsOn >= today,
        MembershipStatus.Lapsed => m => m.SuspendedAt == null && m.CurrentTerm != null
            && m.CurrentTerm.CancelledAt == null && m.CurrentTerm.ActivatedAt != null
            && (m.CurrentTerm.GraceEndsOn < today || m.CurrentTerm.RefundedAt != null),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
