using Membership.Data;
using Stripe;
using Stripe.Checkout;

namespace Membership.Payments;

/// <summary>
/// One kind of order paid through Stripe Checkout (dues payments, ticket orders). Payments owns the webhook, the event
/// log, reconciliation and the checkout links; it offers each Checkout Session, invoice, subscription and charge Stripe
/// tells it about to every handler in turn. The handler whose order it is (our id in the metadata, or a Stripe id on
/// its rows) applies it and answers; the others answer null. Every call runs inside the caller's transaction on
/// <c>db</c>; work that must wait until that commits (mail, say) goes in <see cref="StripeHandlerResult.AfterCommit"/>.
/// </summary>
/// <remarks>
/// To add a kind of purchase (a course fee, a donation), in its own feature and with no change to Payments:
/// 1. Store the order with a Guid idempotency key, a nullable Stripe Checkout Session id and checkout URL.
/// 2. Commit the pending order first, then call <see cref="StripeGateway.CreateCheckoutSessionAsync"/> under the order's
///    key, with the order's id in the session's metadata, and store the session id and URL.
/// 3. Implement this interface (at least the session, charge, pending-session and replacement members) and register it
///    in the feature's own <c>Add…</c> method: <c>services.AddSingleton&lt;IStripeOrderHandler, CourseFeeStripeHandler&gt;()</c>.
/// 4. Resolve the order's <c>checkoutUrl</c> through <see cref="LiveCheckouts.LinkAsync"/>.
/// </remarks>
public interface IStripeOrderHandler
{
    /// <summary>What the Checkout Session, as Stripe has it now, means for the order: paid, failed, expired, or nothing yet.</summary>
    Task<StripeHandlerResult?> ApplySessionAsync(MembershipDbContext db, Session session, StripeNews news, CancellationToken ct);

    /// <summary>What the charge, as Stripe has it now, means for the order: refunded in full or in part (in Stripe's dashboard, say).</summary>
    Task<StripeHandlerResult?> ApplyChargeAsync(MembershipDbContext db, Charge charge, CancellationToken ct);

    /// <summary>An invoice, for an order paid by subscription. Most kinds have none.</summary>
    Task<StripeHandlerResult?> ApplyInvoiceAsync(MembershipDbContext db, Invoice invoice, StripeNews news, CancellationToken ct) => Task.FromResult<StripeHandlerResult?>(null);

    /// <summary>A subscription's new state, for an order that renews. Most kinds have none.</summary>
    Task<StripeHandlerResult?> ApplySubscriptionAsync(MembershipDbContext db, Subscription subscription, CancellationToken ct) => Task.FromResult<StripeHandlerResult?>(null);

    /// <summary>The Checkout Sessions of this kind's orders still pending, started at or after <paramref name="since"/>: reconciliation asks Stripe about each.</summary>
    Task<IReadOnlyList<string>> PendingSessionsAsync(MembershipDbContext db, DateTimeOffset since, CancellationToken ct);

    /// <summary>What a new Checkout Session for the pending order would carry: the same lines, price and metadata as its first.</summary>
    Task<SessionCreateOptions> CheckoutSessionAsync(MembershipDbContext db, Guid orderId, CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="session"/> in place of <paramref name="replaced"/> (null: the order had none yet) if the order
    /// is still pending with it; answers the link the order has now (the new one, or what another reader stored first).
    /// </summary>
    Task<CheckoutLink> StoreCheckoutSessionAsync(MembershipDbContext db, Guid orderId, string? replaced, Session session, CancellationToken ct);
}

/// <summary>Whether anything changed, and work to do once the transaction committed (mail, say).</summary>
public sealed record StripeHandlerResult(bool Changed, Func<CancellationToken, Task>? AfterCommit = null);

/// <summary>How Stripe told us: the event's type and time (both null when reconciliation reads an object without an event).</summary>
public sealed record StripeNews(string? EventType, DateTimeOffset? OccurredAt)
{
    public static readonly StripeNews None = new(null, null);
}

/// <summary>A pending order's Checkout Session and the link to pay it.</summary>
public sealed record CheckoutLink(string? SessionId, string? Url);
