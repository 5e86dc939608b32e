using Membership.Members;

namespace Membership.Dues;

/// <summary>The dates of a term bought under a plan: where it starts, ends, and where grace ends.</summary>
public static class TermCalculator
{
    public static (DateOnly StartsOn, DateOnly? EndsOn, DateOnly? GraceEndsOn) Period(MembershipPlan plan, DateOnly startsOn)
    {
        switch (plan.TermKind)
        {
            case TermKind.Lifetime:
                return (startsOn, null, null);
            case TermKind.FixedPeriod:
                var periodStart = FixedPeriodStart(plan, startsOn);
                var fixedEnd = periodStart.AddMonths(plan.TermMonths).AddDays(-1);
                return (startsOn, fixedEnd, fixedEnd.AddDays(plan.GraceDays));
            default:
                var end = startsOn.AddMonths(plan.TermMonths).AddDays(-1);
                return (startsOn, end, end.AddDays(plan.GraceDays));
        }
    }

    /// <summary>The first day of the fixed period that contains <paramref name="day"/>.</summary>
    public static DateOnly FixedPeriodStart(MembershipPlan plan, DateOnly day)
    {
        var month = plan.PeriodStartMonth ?? 1;
        var start = new DateOnly(day.Month >= month ? day.Year : day.Year - 1, month, 1);
        while (start.AddMonths(plan.TermMonths) <= day)
        {
            start = start.AddMonths(plan.TermMonths);
        }

        return start;
    }

    public static MembershipTerm NewTerm(Guid id, Guid memberId, MembershipPlan plan, DateOnly startsOn, DateTimeOffset now, bool activate)
    {
        var (start, end, graceEnd) = Period(plan, startsOn);
        return new MembershipTerm
        {
            Id = id,
            MemberId = memberId,
            PlanId = plan.Id,
            StartsOn = start,
            EndsOn = end,
            GraceEndsOn = graceEnd,
            ActivatedAt = activate ? now : null,
            CreatedAt = now,
        };
    }
}
