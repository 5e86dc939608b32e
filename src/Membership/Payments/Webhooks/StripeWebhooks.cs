using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Stripe;
using Stripe.Checkout;

namespace Membership.Payments;

public enum WebhookOutcome
{
    Applied,
    Duplicate,
    Ignored,
    BadSignature,
}

/// <summary>
/// Applies Stripe's news to the orders it is about, through their <see cref="IStripeOrderHandler"/>. Each event is
/// recorded once, under its id, in the same transaction as its effects. Effects follow the object's current state as Stripe reports it now, not the order of
/// arrival, so a late, early, repeated or reordered event changes nothing that should not change.
/// </summary>
public sealed class StripeWebhooks(
    IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar, Microsoft.Extensions.Options.IOptions<StripeOptions> options,
    IEnumerable<IStripeOrderHandler> handlers, LiveCheckouts checkouts, ILogger<StripeWebhooks> logger)
{
    public static readonly string[] HandledTypes =
    [
        EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionAsyncPaymentSucceeded, EventTypes.CheckoutSessionAsyncPaymentFailed,
        EventTypes.CheckoutSessionExpired, EventTypes.InvoicePaid, EventTypes.InvoicePaymentFailed, EventTypes.CustomerSubscriptionCreated,
        EventTypes.CustomerSubscriptionUpdated, EventTypes.CustomerSubscriptionDeleted, EventTypes.ChargeRefunded,
    ];

    /// <summary>Verifies the signature on the raw body (and its age), then applies the event.</summary>
    public async Task<WebhookOutcome> HandleAsync(string body, string? signature, CancellationToken ct)
    {
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, signature ?? string.Empty, stripe.WebhookSecret, options.Value.WebhookToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            ServiceDefaults.MembershipTelemetry.RecordWebhook(nameof(WebhookOutcome.BadSignature));
            return WebhookOutcome.BadSignature;
        }

        var outcome = await ApplyAsync(stripeEvent, "webhook", ct);
        ServiceDefaults.MembershipTelemetry.RecordWebhook(outcome.ToString());
        return outcome;
    }

    /// <summary>Applies an event once. A concurrent delivery of the same news waits, then finds it done.</summary>
    public async Task<WebhookOutcome> ApplyAsync(Event stripeEvent, string source, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(stripeEvent, source, ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 3)
            {
                // Another transaction applied the same news first (this event, or another event about the same payment):
                // try again, and the records it committed make this a no-op.
                logger.LogInformation("Stripe event {Event} met a concurrent delivery; retrying.", stripeEvent.Id);
            }
        }
    }

    private async Task<WebhookOutcome> ApplyOnceAsync(Event stripeEvent, string source, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.StripeEvents.AnyAsync(e => e.Id == stripeEvent.Id, ct))
        {
            return WebhookOutcome.Duplicate;
        }

        db.StripeEvents.Add(new StripeEventRecord
        {
            Id = stripeEvent.Id, Type = stripeEvent.Type, ObjectId = (stripeEvent.Data.Object as IHasId)?.Id, ReceivedAt = calendar.Now(), Source = source,
        });
        await db.SaveChangesAsync(ct); // a concurrent duplicate blocks here until we commit, then fails on the key

        var afterCommit = new List<Func<CancellationToken, Task>>();
        var applied = HandledTypes.Contains(stripeEvent.Type) && await ApplyObjectAsync(db, stripeEvent, afterCommit, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var action in afterCommit)
        {
            await action(ct);
        }

        return applied ? WebhookOutcome.Applied : WebhookOutcome.Ignored;
    }

    /// <summary>
    /// Offers the object as Stripe has it now to the order handlers; the one whose order it is applies it.
    /// </summary>
    /// <remarks>
    /// Stripe is called inside the transaction on purpose. Reads: the event row, the object's current state and its
    /// effects belong together, so a concurrent delivery of the same news waits on the event row and then finds it done,
    /// instead of applying an older read after a newer one. One write: a ticket payment that arrives after its seats were
    /// sold is refunded here (TicketLifecycle), so that a refused refund rolls the event back and Stripe's retry (or
    /// reconciliation) refunds it again under the same key; after the commit, a failed refund would be recorded as done.
    /// Everything else that tells Stripe something waits for the commit (<see cref="StripeHandlerResult.AfterCommit"/>).
    /// </remarks>
    private async Task<bool> ApplyObjectAsync(MembershipDbContext db, Event stripeEvent, List<Func<CancellationToken, Task>> afterCommit, CancellationToken ct)
    {
        var news = new StripeNews(stripeEvent.Type, new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)));
        switch (stripeEvent.Data.Object)
        {
            case Session session:
                return await ApplySessionAsync(db, session.Id, news, afterCommit, ct);
            case Invoice invoice:
                var current = await stripe.GetInvoiceAsync(invoice.Id, ct);
                return await OfferAsync(h => h.ApplyInvoiceAsync(db, current, news, ct), afterCommit);
            case Subscription subscription:
                var state = await stripe.GetSubscriptionAsync(subscription.Id, ct);
                return await OfferAsync(h => h.ApplySubscriptionAsync(db, state, ct), afterCommit);
            case Charge charge:
                var now = await stripe.GetChargeAsync(charge.Id, ct);
                return await OfferAsync(h => h.ApplyChargeAsync(db, now, ct), afterCommit);
            default:
                return false;
        }
    }

    /// <summary>Brings the order of a Checkout Session in line with the session as Stripe has it now.</summary>
    internal async Task<bool> ApplySessionAsync(MembershipDbContext db, string sessionId, StripeNews news, List<Func<CancellationToken, Task>> afterCommit, CancellationToken ct)
    {
        var session = await stripe.GetCheckoutSessionAsync(sessionId, ct);
        checkouts.Forget(session.Id); // Stripe has news of it: the next read of its link asks again
        return await OfferAsync(h => h.ApplySessionAsync(db, session, news, ct), afterCommit);
    }

    /// <summary>Offers a Stripe object to each order handler until one owns it.</summary>
    private async Task<bool> OfferAsync(Func<IStripeOrderHandler, Task<StripeHandlerResult?>> apply, List<Func<CancellationToken, Task>> afterCommit)
    {
        foreach (var handler in handlers)
        {
            if (await apply(handler) is { } result)
            {
                if (result.AfterCommit is { } action)
                {
                    afterCommit.Add(action);
                }

                return result.Changed;
            }
        }

        return false; // not one of ours
    }
}
