using Membership.Data;
using Membership.Dues.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;
using Membership.Conferences.Lifecycle;

namespace Membership.Conferences;

/// <summary>Ticket orders in the Stripe webhook pipeline: paid, expired, failed and refunded checkouts, from Stripe's current state.</summary>
internal sealed class TicketStripeHandler(TicketOrderTransitions lifecycle, AssociationCalendar calendar) : IStripeOrderHandler
{
    public async Task<StripeHandlerResult?> ApplySessionAsync(MembershipDbContext db, Session session, string? eventType, CancellationToken ct)
    {
        var metadataId = session.Metadata?.GetValueOrDefault("order_id") is { } raw && Guid.TryParse(raw, out var parsed) ? parsed : Guid.Empty;
        var order = await db.TicketOrders.Where(o => o.StripeCheckoutSessionId == session.Id || o.Id == metadataId)
            .Select(o => new { o.Id, o.StripeCheckoutSessionId }).FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return null;
        }

        var id = order.Id;
        if (session.Status == "complete" && session.PaymentStatus is "paid" or "no_payment_required")
        {
            var paid = await lifecycle.MarkPaidAsync(db, id, session.PaymentIntentId, calendar.Now(), ct);
            return new StripeHandlerResult(paid);
        }

        var (status, reason) = session.Status == "expired" && order.StripeCheckoutSessionId == session.Id // not a session replaced by a fresh one
            ? (TicketOrderStatus.Expired, "The checkout expired unpaid.")
            : session.Status != "expired" && session.PaymentStatus == "unpaid" && eventType == EventTypes.CheckoutSessionAsyncPaymentFailed
                ? (TicketOrderStatus.Cancelled, "The payment failed.")
                : (TicketOrderStatus.Pending, string.Empty);
        if (status == TicketOrderStatus.Pending)
        {
            return new StripeHandlerResult(false);
        }

        return new StripeHandlerResult(await lifecycle.CloseAsync(db, id, TicketOrderStatus.Pending, status, reason, null, ct));
    }

    /// <summary>
    /// Stripe's record of what was refunded. A refund our record already shows (staff's partial refund, a cancellation,
    /// a late payment given back) changes nothing: staff decided which tickets stay valid. A refund made elsewhere (in
    /// Stripe's dashboard) of the whole total refunds the order and cancels its tickets; of less, it is recorded.
    /// </summary>
    public async Task<StripeHandlerResult?> ApplyChargeAsync(MembershipDbContext db, Charge charge, CancellationToken ct)
    {
        if (charge.PaymentIntentId is not { } intent)
        {
            return null;
        }

        // The order's row lock first: a staff refund in flight commits before this reads what it recorded.
        if (!await TicketOrderTransitions.LockAsync(db, o => o.StripePaymentIntentId == intent, ct))
        {
            return null;
        }

        var order = await db.TicketOrders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == intent, ct);
        if (charge.AmountRefunded <= order.RefundedAmount || order.Status is not (TicketOrderStatus.Paid or TicketOrderStatus.PartiallyRefunded))
        {
            return new StripeHandlerResult(false);
        }

        if (charge.AmountRefunded >= order.Total)
        {
            return new StripeHandlerResult(await lifecycle.CloseAsync(db, order.Id, order.Status, TicketOrderStatus.Refunded, "Refunded in full.", charge.AmountRefunded, ct));
        }

        var partial = await db.TicketOrders.Where(o => o.Id == order.Id && o.RefundedAmount < charge.AmountRefunded)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedAmount, charge.AmountRefunded).SetProperty(o => o.Status, TicketOrderStatus.PartiallyRefunded), ct);
        return new StripeHandlerResult(partial == 1);
    }
}
