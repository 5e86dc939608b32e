using System.Linq.Expressions;
using Membership.Data;
using Membership.Members;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Membership.Dues.Payments;

/// <summary>
/// Dues of a membership staff closed (the member is suspended, or their current term cancelled): no payment extends it
/// (its share is refunded) and its automatic renewal ends. Stripe hears of both after our transaction committed, never
/// inside it. Nothing extra marks the work still owed: a live subscription of a closed member, and an automatic refund
/// without Stripe's refund id, are themselves the mark; reconciliation (or the next payment news) finishes them, and
/// Stripe's idempotency keys make a repeat harmless.
/// </summary>
public sealed class ClosedMemberships(
    IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar, PaymentMode mode, ILogger<ClosedMemberships> logger)
    : IOwedStripeCalls
{
    /// <summary>The <see cref="DuesRefund.CreatedBy"/> of the refunds made here (staff refunds carry the staff account).</summary>
    public const string RefundedBy = "system";

    /// <summary>Suspended, or the current term cancelled: the rule checkouts refuse with MEMBERSHIP_CLOSED.</summary>
    internal static readonly Expression<Func<Member, bool>> IsClosed = m => m.SuspendedAt != null || (m.CurrentTerm != null && m.CurrentTerm.CancelledAt != null);

    /// <summary><see cref="IsClosed"/> for a member loaded with its current term.</summary>
    internal static readonly Func<Member, bool> IsClosedLoaded = IsClosed.Compile();

    /// <summary>For reconciliation: what a closed membership is still owed at Stripe (refunds not confirmed, automatic renewals not ended).</summary>
    public async Task<int> SendAsync(CancellationToken ct) => await SendRefundsAsync(null, ct) + await EndAutoRenewalsAsync(null, ct);

    /// <summary>After a payment some of whose members were closed: their refund, then their automatic renewals.</summary>
    internal async Task SettleAsync(Guid paymentId, IReadOnlyCollection<Guid> closedMembers, CancellationToken ct)
    {
        await SendRefundsAsync(paymentId, ct);
        foreach (var member in closedMembers)
        {
            await EndAutoRenewalsAsync(member, ct);
        }
    }

    /// <summary>
    /// Turns off (Stripe's cancel-at-period-end, as setAutoRenew does) every live automatic renewal of a closed member,
    /// of <paramref name="memberId"/> only when given. Quiet: a failure is logged and left for the next run. Returns the failures.
    /// </summary>
    public async Task<int> EndAutoRenewalsAsync(Guid? memberId, CancellationToken ct)
    {
        if (!mode.Available)
        {
            return 0;
        }

        List<(Guid Id, string StripeId)> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var closed = db.Members.Where(IsClosed).Select(m => m.Id);
            due = [.. (await db.DuesSubscriptions.AsNoTracking()
                .Where(s => s.Status != "canceled" && s.Status != "incomplete_expired" && !s.CancelAtPeriodEnd && (memberId == null || s.MemberId == memberId))
                .Where(s => closed.Contains(s.MemberId))
                .Select(s => new { s.Id, s.StripeSubscriptionId }).ToListAsync(ct)).Select(s => (s.Id, s.StripeSubscriptionId))];
        }

        var failed = 0;
        foreach (var (id, stripeId) in due)
        {
            try
            {
                // cancel_at_period_end = true is idempotent in itself: a fresh key per attempt is safe.
                var updated = await stripe.SetCancelAtPeriodEndAsync(stripeId, true, Guid.NewGuid().ToString(), ct);
                await using var db = await factory.CreateDbContextAsync(ct);
                var now = calendar.Now();
                await db.DuesSubscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, updated.Status)
                    .SetProperty(x => x.CancelAtPeriodEnd, updated.CancelAtPeriodEnd).SetProperty(x => x.UpdatedAt, now), ct);
            }
            catch (Exception e) when (Skippable(e, ct))
            {
                failed++;
                logger.LogWarning(e, "The automatic renewal {Subscription} of a closed membership was not ended at Stripe; reconciliation tries again.", stripeId);
            }
        }

        return failed;
    }

    /// <summary>
    /// Sends Stripe the automatic refunds it has not confirmed (of one payment, or all), each under the idempotency key
    /// kept on its record, outside any transaction; then records Stripe's refund id and the refunded total under the
    /// payment's lock. A repeat (a webhook and reconciliation at once) gets Stripe's first answer and records nothing twice.
    /// </summary>
    public async Task<int> SendRefundsAsync(Guid? paymentId, CancellationToken ct)
    {
        if (!mode.Available)
        {
            return 0;
        }

        List<(Guid Id, Guid PaymentId, long Amount, Guid Key, string Intent)> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            due = [.. (await (from r in db.DuesRefunds.AsNoTracking()
                              join p in db.DuesPayments on r.PaymentId equals p.Id
                              where r.StripeRefundId == null && r.CreatedBy == RefundedBy && p.StripePaymentIntentId != null && (paymentId == null || r.PaymentId == paymentId)
                              orderby r.CreatedAt
                              select new { r.Id, r.PaymentId, r.Amount, r.IdempotencyKey, p.StripePaymentIntentId }).ToListAsync(ct))
                .Select(r => (r.Id, r.PaymentId, r.Amount, r.IdempotencyKey, r.StripePaymentIntentId!))];
        }

        var failed = 0;
        foreach (var refund in due)
        {
            try
            {
                var done = await stripe.RefundAsync(refund.Intent, refund.Amount, refund.Key, ct);
                var charge = await stripe.GetLatestChargeAsync(refund.Intent, ct);
                await using var db = await factory.CreateDbContextAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var payment = await DuesFulfilment.LockAsync(db, p => p.Id == refund.PaymentId, ct);
                var recorded = await db.DuesRefunds.Where(r => r.Id == refund.Id && r.StripeRefundId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.StripeRefundId, done.Id), ct);
                if (payment is not null && (charge is not null || recorded == 1))
                {
                    await DuesFulfilment.ApplyRefundAsync(db, calendar, payment, charge?.AmountRefunded ?? payment.RefundedAmount + refund.Amount, ct);
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (Exception e) when (Skippable(e, ct))
            {
                failed++;
                logger.LogWarning(e, "The automatic refund {Refund} of payment {Payment} (membership closed) did not go through; reconciliation tries again.", refund.Id, refund.PaymentId);
            }
        }

        return failed;
    }

    /// <summary>Anything but our own cancellation: the staff action or payment news that led here has already committed.</summary>
    private static bool Skippable(Exception e, CancellationToken ct) => e is not OperationCanceledException || !ct.IsCancellationRequested;
}
