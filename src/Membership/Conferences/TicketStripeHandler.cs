using Membership.Data;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Membership.Conferences.Lifecycle;

namespace Membership.Conferences;

/// <summary>
/// Ticket orders in the Stripe pipeline: paid, expired, failed and refunded checkouts, from Stripe's current state; the
/// pending orders reconciliation asks about; and the Checkout Session of an order and its link.
/// </summary>
public sealed class TicketStripeHandler(TicketOrderTransitions lifecycle, AssociationCalendar calendar, IOptions<StripeOptions> stripeOptions, LiveCheckouts checkouts)
    : IStripeOrderHandler
{
    public async Task<StripeHandlerResult?> ApplySessionAsync(MembershipDbContext db, Session session, StripeNews news, CancellationToken ct)
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
            : session.Status != "expired" && session.PaymentStatus == "unpaid" && news.EventType == EventTypes.CheckoutSessionAsyncPaymentFailed
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

    public async Task<IReadOnlyList<string>> PendingSessionsAsync(MembershipDbContext db, DateTimeOffset since, CancellationToken ct) =>
        await db.TicketOrders.AsNoTracking()
            .Where(o => o.Status == TicketOrderStatus.Pending && o.StripeCheckoutSessionId != null && o.CreatedAt >= since)
            .Select(o => o.StripeCheckoutSessionId!).ToListAsync(ct);

    /// <summary>
    /// Where to pay a pending order: its checkout link, or, when nobody can pay that session any more (expired, or
    /// unknown to Stripe) while the seats are still held, a fresh session for the same order, stored in its place.
    /// </summary>
    public async Task<string?> CheckoutUrlAsync(TicketOrder order, CancellationToken ct)
    {
        if (order.Status != TicketOrderStatus.Pending || order.StripeCheckoutSessionId is null || order.HoldExpiresAt <= calendar.Now())
        {
            return order.CheckoutUrl;
        }

        var link = await checkouts.LinkAsync(this, order.Id, order.IdempotencyKey, new CheckoutLink(order.StripeCheckoutSessionId, order.CheckoutUrl), verify: false, ct);
        (order.StripeCheckoutSessionId, order.CheckoutUrl) = (link.SessionId, link.Url);
        return link.Url;
    }

    public async Task<SessionCreateOptions> CheckoutSessionAsync(MembershipDbContext db, Guid orderId, CancellationToken ct)
    {
        var order = await db.TicketOrders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
        var tickets = await db.Tickets.Where(t => t.OrderId == order.Id)
            .Join(db.TicketTypes, t => t.TicketTypeId, y => y.Id, (t, y) => new { y.Id, y.Name, t.Price }).ToListAsync(ct);
        return SessionOptions(order, tickets.GroupBy(t => (t.Id, t.Price)).Select(g => new CheckoutLine(g.First().Name, g.Key.Price, g.Count())));
    }

    public async Task<CheckoutLink> StoreCheckoutSessionAsync(MembershipDbContext db, Guid orderId, string? replaced, Session session, CancellationToken ct)
    {
        if (await db.TicketOrders.Where(o => o.Id == orderId && o.Status == TicketOrderStatus.Pending && o.StripeCheckoutSessionId == replaced)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.StripeCheckoutSessionId, session.Id).SetProperty(o => o.CheckoutUrl, session.Url), ct) == 1)
        {
            return new CheckoutLink(session.Id, session.Url);
        }

        // Replaced by another reader (the same session, under the same key), or no longer pending: as it is now.
        var now = await db.TicketOrders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Status, o.StripeCheckoutSessionId, o.CheckoutUrl }).SingleAsync(ct);
        return new CheckoutLink(now.StripeCheckoutSessionId, now.Status == TicketOrderStatus.Pending ? now.CheckoutUrl : null);
    }

    /// <summary>What the buyer sees at Stripe: one line per ticket type and price, and where Stripe sends them back (the ticket pages).</summary>
    internal SessionCreateOptions SessionOptions(TicketOrder order, IEnumerable<CheckoutLine> lines) => new()
    {
        Mode = "payment", CustomerEmail = order.BuyerEmail, ClientReferenceId = order.Id.ToString(), ExpiresAt = CheckoutExpiry(order, calendar.Now()),
        SuccessUrl = stripeOptions.Value.TicketSuccessUrl, CancelUrl = stripeOptions.Value.TicketCancelUrl,
        Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(), ["order"] = order.Number },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString() } },
        LineItems = [.. lines.Select(l => new SessionLineItemOptions
        {
            Quantity = l.Count,
            PriceData = new SessionLineItemPriceDataOptions
            {
                Currency = order.Currency.ToLowerInvariant(), UnitAmount = l.Price,
                ProductData = new SessionLineItemPriceDataProductDataOptions { Name = l.Name, Description = $"Order {order.Number}" },
            },
        })],
    };


    /// <summary>
    /// When the checkout closes: with the hold, or 30 minutes from now when the hold is shorter (the
    /// least Stripe accepts); never after Stripe's 24 hours. The expiry job also ends the session when the hold ends.
    /// </summary>
    private static DateTime CheckoutExpiry(TicketOrder order, DateTimeOffset now)
    {
        var least = now.AddMinutes(30).AddSeconds(5); // a little over, so Stripe's clock never finds it short
        var most = now.AddHours(24).AddMinutes(-1);
        var at = order.HoldExpiresAt < least ? least : order.HoldExpiresAt > most ? most : order.HoldExpiresAt;
        return at.UtcDateTime;
    }
}

/// <summary>One line of a ticket checkout: a ticket type at one price, and how many.</summary>
internal sealed record CheckoutLine(string Name, long Price, int Count);
