using System.Linq.Expressions;
using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues.Payments;

/// <summary>
/// What a payment does to memberships, exactly once. Every path (webhook, reconciliation, sandbox) ends here, inside
/// the caller's transaction, after taking the payment's row lock: two deliveries of the same news wait for each other,
/// and the second finds the work done.
/// </summary>
internal static class DuesFulfilment
{
    /// <summary>Locks and loads a payment; null when it does not exist.</summary>
    public static async Task<DuesPayment?> LockAsync(MembershipDbContext db, Expression<Func<DuesPayment, bool>> which, CancellationToken ct)
    {
        // An UPDATE that changes nothing still takes the row lock (PostgreSQL, SQL Server); SQLite locks the whole file.
        var updated = await db.DuesPayments.Where(which).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, p => p.Status), ct);
        return updated == 0 ? null : await db.DuesPayments.Include(p => p.Lines).SingleAsync(which, ct);
    }

    /// <summary>
    /// Marks the payment paid and gives each line its term. Does nothing to a payment already paid. A line whose member
    /// is closed at this moment (suspended, or the current term cancelled) gets no term: its amount is recorded as an
    /// automatic refund that <see cref="ClosedMemberships"/> sends once this transaction committed (a line left without
    /// a term on a paid payment is such a line).
    /// </summary>
    public static async Task<bool> SucceedAsync(MembershipDbContext db, AssociationCalendar calendar, DuesPayment payment, DateTimeOffset paidAt, CancellationToken ct)
    {
        if (payment.Status is not (DuesPaymentStatus.Pending or DuesPaymentStatus.Failed or DuesPaymentStatus.Expired))
        {
            return false; // already fulfilled (or refunded): a late or repeated event changes nothing
        }

        var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == payment.PlanId, ct);
        var paidOn = calendar.DateOf(paidAt);
        var memberIds = payment.Lines.Where(l => l.TermId is null).Select(l => l.MemberId).Distinct().ToList();

        // Two different payments for one member (a renewal invoice and a checkout, a group payment and the officer's own)
        // may be applied at the same moment: each holds its own payment's lock, so the members are locked too, and the
        // second waits and then extends from the first one's end.
        await MemberLocks.LockAsync(db, memberIds, ct);

        // Read under the members' locks: a suspension or cancellation commits either wholly before this or after it.
        var closed = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).Where(ClosedMemberships.IsClosed)
            .Select(m => new { m.Id, m.Number, Suspended = m.SuspendedAt != null }).ToListAsync(ct);
        foreach (var line in payment.Lines.Where(l => l.TermId is null && closed.All(c => c.Id != l.MemberId)))
        {
            var term = await ExtendAsync(db, calendar, line, plan, paidOn, ct);
            line.TermId = term.Id;
            line.PeriodStart = term.StartsOn;
            line.PeriodEnd = term.EndsOn;
        }

        payment.Status = DuesPaymentStatus.Succeeded;
        payment.CompletedAt = paidAt;
        payment.FailureReason = null;
        var refund = Math.Min(payment.Lines.Where(l => closed.Any(c => c.Id == l.MemberId)).Sum(l => l.Amount), payment.Amount);
        if (refund > 0)
        {
            var who = string.Join(", ", closed.OrderBy(c => c.Number).Take(10).Select(c => $"{MemberNumbers.Format(c.Number)} {(c.Suspended ? "suspended" : "cancelled")}"))
                + (closed.Count > 10 ? $" and {closed.Count - 10} more" : string.Empty); // the reason holds 500 characters
            db.DuesRefunds.Add(new DuesRefund
            {
                Id = RecordIds.New(), PaymentId = payment.Id, Amount = refund, IdempotencyKey = Guid.NewGuid(), CreatedAt = calendar.Now(), CreatedBy = ClosedMemberships.RefundedBy,
                Reason = $"Membership closed when the payment arrived ({who}): refunded automatically, no term given.",
            });
        }

        return true;
    }

    /// <summary>A failed or expired checkout: recorded, never extends. A payment that already succeeded stays so.</summary>
    public static bool Fail(DuesPayment payment, DuesPaymentStatus status, string reason, DateTimeOffset at)
    {
        if (payment.Status != DuesPaymentStatus.Pending)
        {
            return false;
        }

        payment.Status = status;
        payment.FailureReason = reason;
        payment.CompletedAt = at;
        return true;
    }

    /// <summary>
    /// The term a line pays for. A pending application is activated from the payment date. Otherwise a new term:
    /// an anniversary plan starts the day after the current end, or on the payment date when that is later (renewing
    /// early extends from the end, not from today); a fixed-period plan covers the next period when the current one
    /// is paid, else the period the payment falls in (no proration: a period costs the full price).
    /// </summary>
    private static async Task<MembershipTerm> ExtendAsync(MembershipDbContext db, AssociationCalendar calendar, DuesPaymentLine line, MembershipPlan plan, DateOnly paidOn, CancellationToken ct)
    {
        var member = await db.Members.SingleAsync(m => m.Id == line.MemberId, ct);
        var current = member.CurrentTermId is { } currentId ? await db.MembershipTerms.SingleOrDefaultAsync(t => t.Id == currentId, ct) : null;
        var now = calendar.Now();
        if (current is { ActivatedAt: null, CancelledAt: null })
        {
            var (start, end, graceEnd) = TermCalculator.Period(plan, paidOn);
            current.PlanId = plan.Id;
            current.StartsOn = start;
            current.EndsOn = end;
            current.GraceEndsOn = graceEnd;
            current.ActivatedAt = now;
            current.PaymentLineId = line.Id;
            member.UpdatedAt = now;
            return current;
        }

        var latestEnd = await db.MembershipTerms
            .Where(t => t.MemberId == member.Id && t.ActivatedAt != null && t.CancelledAt == null && t.RefundedAt == null)
            .MaxAsync(t => (DateOnly?)t.EndsOn, ct);
        var hasLifetime = await db.MembershipTerms.AnyAsync(t => t.MemberId == member.Id && t.ActivatedAt != null && t.CancelledAt == null && t.RefundedAt == null && t.EndsOn == null, ct);
        var startsOn = !hasLifetime && latestEnd is { } end2 && end2 >= paidOn ? end2.AddDays(1) : paidOn;
        var term = TermCalculator.NewTerm(RecordIds.New(), member.Id, plan, startsOn, now, activate: true);
        term.PaymentLineId = line.Id;
        db.MembershipTerms.Add(term);
        member.CurrentTermId = term.Id;
        member.UpdatedAt = now;
        return term;
    }

    /// <summary>
    /// A full refund takes back what the payment bought: its terms stop counting and each member's current term falls
    /// back to the one before. A partial refund is a price adjustment: terms stay.
    /// </summary>
    public static async Task ApplyRefundAsync(MembershipDbContext db, AssociationCalendar calendar, DuesPayment payment, long refundedTotal, CancellationToken ct)
    {
        if (refundedTotal <= payment.RefundedAmount || payment.Status is not (DuesPaymentStatus.Succeeded or DuesPaymentStatus.PartiallyRefunded or DuesPaymentStatus.Refunded))
        {
            return; // an older or repeated refund event (the current total is applied), a charge with nothing refunded, or an unpaid payment
        }

        payment.RefundedAmount = Math.Min(refundedTotal, payment.Amount);
        payment.Status = payment.RefundedAmount >= payment.Amount ? DuesPaymentStatus.Refunded : DuesPaymentStatus.PartiallyRefunded;
        if (payment.Status != DuesPaymentStatus.Refunded)
        {
            return;
        }

        var now = calendar.Now();
        // The member's current term moves: wait for any other payment being applied to them.
        await MemberLocks.LockAsync(db, payment.Lines.Where(l => l.TermId is not null).Select(l => l.MemberId), ct);
        foreach (var line in payment.Lines.Where(l => l.TermId is not null))
        {
            var term = await db.MembershipTerms.SingleAsync(t => t.Id == line.TermId, ct);
            term.RefundedAt ??= now;
            var member = await db.Members.SingleAsync(m => m.Id == line.MemberId, ct);
            if (member.CurrentTermId == term.Id)
            {
                member.CurrentTermId = await db.MembershipTerms
                    .Where(t => t.MemberId == member.Id && t.Id != term.Id && t.RefundedAt == null && t.ActivatedAt != null)
                    .OrderByDescending(t => t.StartsOn).ThenByDescending(t => t.CreatedAt).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
                    ?? term.Id; // nothing before it: keep pointing at the refunded term, which now answers LAPSED
                member.UpdatedAt = now;
            }
        }
    }
}
