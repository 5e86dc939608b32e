using Membership.Data;
using Stripe;
using Stripe.Checkout;

namespace Membership.Dues.Payments;

/// <summary>
/// Another kind of order paid through the same Stripe pipeline (conference tickets). The webhook hands it sessions and
/// charges that are not dues payments; it answers null when they are not its own either.
/// </summary>
public interface IStripeOrderHandler
{
    Task<StripeHandlerResult?> ApplySessionAsync(MembershipDbContext db, Session session, string? eventType, CancellationToken ct);

    Task<StripeHandlerResult?> ApplyChargeAsync(MembershipDbContext db, Charge charge, CancellationToken ct);
}

/// <summary>Whether anything changed, and work to do once the transaction committed (mail, say).</summary>
public sealed record StripeHandlerResult(bool Changed, Func<CancellationToken, Task>? AfterCommit = null);
