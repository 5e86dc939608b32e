using Membership.Data;
using Membership.GraphQL;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace Membership.Dues.Payments;

/// <summary>Staff's refunds of dues payments through Stripe.</summary>
public sealed class DuesRefunds(IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar)
{
    /// <summary>
    /// Refunds through Stripe under an idempotency key kept with our refund record, and applies the new refunded total
    /// at once (the charge.refunded webhook that follows finds it applied). Policy: a full refund takes the bought terms
    /// back; a partial refund leaves them.
    /// </summary>
    public async Task<Payload<DuesPayment>> RefundAsync(Guid paymentId, long? amount, string reason, string staff, CancellationToken ct)
    {
        stripe.EnsureAvailable();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await DuesFulfilment.LockAsync(db, p => p.Id == paymentId, ct);
        var errors = new UserErrors();
        if (payment is null)
        {
            return Payload<DuesPayment>.Failure(errors.Add(UserErrorCodes.NotFound, "No payment has this ID.", "input", "paymentId"));
        }

        var remaining = payment.Amount - payment.RefundedAmount;
        var refund = amount ?? remaining;
        if (payment.Status is not (DuesPaymentStatus.Succeeded or DuesPaymentStatus.PartiallyRefunded) || payment.StripePaymentIntentId is null)
        {
            errors.Add(UserErrorCodes.NotRefundable, $"A {payment.Status.ToString().ToLowerInvariant()} payment cannot be refunded.", "input", "paymentId");
        }
        else if (refund <= 0 || refund > remaining)
        {
            errors.Add(UserErrorCodes.OutOfRange, $"Refund 1 to {remaining} (minor units).", "input", "amount");
        }

        var text = errors.RequiredText(reason, 500, "input", "reason");
        if (errors.Any)
        {
            return Payload<DuesPayment>.Failure(errors);
        }

        var record = new DuesRefund { Id = RecordIds.New(), PaymentId = payment.Id, Amount = refund, Reason = text, IdempotencyKey = Guid.NewGuid(), CreatedAt = calendar.Now(), CreatedBy = staff };
        db.DuesRefunds.Add(record);
        try
        {
            var done = await stripe.RefundAsync(payment.StripePaymentIntentId!, refund, record.IdempotencyKey, ct);
            record.StripeRefundId = done.Id;
            var charge = await stripe.GetLatestChargeAsync(payment.StripePaymentIntentId!, ct);
            await DuesFulfilment.ApplyRefundAsync(db, calendar, payment, charge?.AmountRefunded ?? payment.RefundedAmount + refund, ct);
        }
        catch (StripeException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Payload<DuesPayment>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, $"The payment provider refused the refund: {e.StripeError?.Message ?? e.Message}"));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Payload<DuesPayment>.Success(payment);
    }
}
