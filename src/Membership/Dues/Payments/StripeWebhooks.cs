using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Stripe;
using Stripe.Checkout;

namespace Membership.Dues.Payments;

public enum WebhookOutcome
{
    Applied,
    Duplicate,
    Ignored,
    BadSignature,
}

/// <summary>
/// Applies Stripe's news to payments and memberships. Each event is recorded once, under its id, in the same
/// transaction as its effects. Effects follow the object's current state as Stripe reports it now, not the order of
/// arrival, so a late, early, repeated or reordered event changes nothing that should not change.
/// </summary>
public sealed class StripeWebhooks(
    IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar, Microsoft.Extensions.Options.IOptions<StripeOptions> options,
    IEnumerable<IStripeOrderHandler> handlers, ClosedMemberships closedMemberships, ILogger<StripeWebhooks> logger)
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
        var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var applied = !HandledTypes.Contains(stripeEvent.Type) ? false : stripeEvent.Data.Object switch
        {
            Session session => await ApplySessionAsync(db, session.Id, stripeEvent.Type, occurredAt, afterCommit, ct),
            Invoice invoice => await ApplyInvoiceAsync(db, invoice.Id, occurredAt, afterCommit, ct),
            Subscription subscription => await UpsertSubscriptionAsync(db, await stripe.GetSubscriptionAsync(subscription.Id, ct), ct),
            Charge charge => await ApplyChargeAsync(db, await stripe.GetChargeAsync(charge.Id, ct), afterCommit, ct),
            _ => false,
        };
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var action in afterCommit)
        {
            await action(ct);
        }

        return applied ? WebhookOutcome.Applied : WebhookOutcome.Ignored;
    }

    /// <summary>Brings a checkout payment in line with its session as Stripe has it now.</summary>
    /// <param name="occurredAt">When Stripe saw it happen (the event's time); without an event, the charge's time.</param>
    internal async Task<bool> ApplySessionAsync(MembershipDbContext db, string sessionId, string? eventType, DateTimeOffset? occurredAt,
        List<Func<CancellationToken, Task>>? afterCommit, CancellationToken ct)
    {
        var session = await stripe.GetCheckoutSessionAsync(sessionId, ct);
        var paymentId = session.Metadata?.GetValueOrDefault("payment_id") is { } raw && Guid.TryParse(raw, out var parsed) ? parsed : Guid.Empty;
        var payment = await DuesFulfilment.LockAsync(db, p => p.StripeCheckoutSessionId == session.Id || p.Id == paymentId, ct);
        if (payment is null)
        {
            return await OtherOrdersAsync(h => h.ApplySessionAsync(db, session, eventType, ct), afterCommit);
        }

        payment.StripeCheckoutSessionId ??= session.Id;
        if (session.Status == "complete" && session.PaymentStatus is "paid" or "no_payment_required")
        {
            payment.StripeSubscriptionId ??= session.SubscriptionId;
            payment.StripeInvoiceId ??= session.InvoiceId;
            payment.StripePaymentIntentId ??= session.PaymentIntentId ?? (session.InvoiceId is { } invoice ? await PaymentIntentOfInvoiceAsync(invoice, ct) : null);
            var paidAt = occurredAt ?? await ChargedAtAsync(payment.StripePaymentIntentId, ct);
            var changed = await DuesFulfilment.SucceedAsync(db, calendar, payment, PastOrNow(paidAt), ct);
            SettleClosedAfterCommit(payment, changed, afterCommit);
            if (session.SubscriptionId is { } subscription)
            {
                await UpsertSubscriptionAsync(db, await stripe.GetSubscriptionAsync(subscription, ct), ct);
            }

            return changed;
        }

        if (session.Status == "expired" && payment.StripeCheckoutSessionId == session.Id) // not a session replaced by a fresh one
        {
            return DuesFulfilment.Fail(payment, DuesPaymentStatus.Expired, "The checkout expired unpaid.", calendar.Now());
        }

        return session.Status == "complete" && session.PaymentStatus == "unpaid" && eventType == EventTypes.CheckoutSessionAsyncPaymentFailed
            && DuesFulfilment.Fail(payment, DuesPaymentStatus.Failed, "The payment failed.", calendar.Now());
    }

    /// <summary>
    /// The first invoice of a subscription is the checkout's own payment; a later paid invoice is an automatic
    /// renewal, recorded once under its invoice id and fulfilled; a failed one is recorded and extends nothing.
    /// </summary>
    private async Task<bool> ApplyInvoiceAsync(MembershipDbContext db, string invoiceId, DateTimeOffset? occurredAt, List<Func<CancellationToken, Task>> afterCommit, CancellationToken ct)
    {
        var invoice = await stripe.GetInvoiceAsync(invoiceId, ct);
        var paidAt = invoice.StatusTransitions?.PaidAt is { } paid ? new DateTimeOffset(DateTime.SpecifyKind(paid, DateTimeKind.Utc)) : occurredAt;
        var details = invoice.Parent?.SubscriptionDetails;
        if (details?.SubscriptionId is not { } subscriptionId)
        {
            return false;
        }

        if (invoice.BillingReason == "subscription_create")
        {
            var firstPayment = details.Metadata?.GetValueOrDefault("payment_id") is { } raw && Guid.TryParse(raw, out var id) ? id : Guid.Empty;
            var session = await db.DuesPayments.Where(p => p.Id == firstPayment || p.StripeSubscriptionId == subscriptionId)
                .Select(p => p.StripeCheckoutSessionId).FirstOrDefaultAsync(ct);
            return session is not null && await ApplySessionAsync(db, session, null, paidAt, afterCommit, ct);
        }

        var subscription = await db.DuesSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.StripeSubscriptionId == subscriptionId, ct);
        if (subscription is null)
        {
            await UpsertSubscriptionAsync(db, await stripe.GetSubscriptionAsync(subscriptionId, ct), ct);
            await db.SaveChangesAsync(ct);
            subscription = await db.DuesSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.StripeSubscriptionId == subscriptionId, ct);
            if (subscription is null)
            {
                return false;
            }
        }

        var payment = await DuesFulfilment.LockAsync(db, p => p.StripeInvoiceId == invoice.Id, ct);
        if (payment is null)
        {
            payment = new DuesPayment
            {
                Id = calendar.NewId(), ReceiptNumber = await Receipts.NextNumberAsync(db, calendar, ct), Kind = DuesPaymentKind.Renewal,
                PayerMemberId = subscription.MemberId, PlanId = subscription.PlanId, Amount = invoice.AmountDue, Currency = invoice.Currency.ToUpperInvariant(),
                Status = DuesPaymentStatus.Pending, AutoRenew = true, IdempotencyKey = Guid.NewGuid(), StripeCustomerId = invoice.CustomerId,
                StripeSubscriptionId = subscriptionId, StripeInvoiceId = invoice.Id, CreatedAt = calendar.Now(), CreatedBy = "stripe",
            };
            payment.Lines.Add(new DuesPaymentLine { Id = calendar.NewId(), PaymentId = payment.Id, MemberId = subscription.MemberId, Amount = invoice.AmountDue });
            db.DuesPayments.Add(payment);
            await db.SaveChangesAsync(ct); // the unique invoice id stops a concurrent twin here
        }

        if (invoice.Status == "paid")
        {
            payment.StripePaymentIntentId ??= invoice.Payments?.Data.FirstOrDefault()?.Payment?.PaymentIntentId;
            var changed = await DuesFulfilment.SucceedAsync(db, calendar, payment, PastOrNow(paidAt), ct);
            SettleClosedAfterCommit(payment, changed, afterCommit);
            return changed;
        }

        return DuesFulfilment.Fail(payment, DuesPaymentStatus.Failed, "The automatic renewal payment failed.", calendar.Now());
    }

    private async Task<bool> ApplyChargeAsync(MembershipDbContext db, Charge charge, List<Func<CancellationToken, Task>> afterCommit, CancellationToken ct)
    {
        var payment = charge.PaymentIntentId is { } intent ? await DuesFulfilment.LockAsync(db, p => p.StripePaymentIntentId == intent, ct) : null;
        if (payment is null)
        {
            return await OtherOrdersAsync(h => h.ApplyChargeAsync(db, charge, ct), afterCommit);
        }

        await DuesFulfilment.ApplyRefundAsync(db, calendar, payment, charge.AmountRefunded, ct);
        return true;
    }

    /// <summary>Keeps our copy of a subscription equal to Stripe's, creating it from the metadata we gave Stripe if it is new to us.</summary>
    internal async Task<bool> UpsertSubscriptionAsync(MembershipDbContext db, Subscription subscription, CancellationToken ct)
    {
        var row = await db.DuesSubscriptions.SingleOrDefaultAsync(s => s.StripeSubscriptionId == subscription.Id, ct);
        if (row is null)
        {
            if (!Guid.TryParse(subscription.Metadata?.GetValueOrDefault("member_id"), out var memberId)
                || !Guid.TryParse(subscription.Metadata?.GetValueOrDefault("plan_id"), out var planId))
            {
                return false; // not a dues subscription of ours
            }

            row = db.DuesSubscriptions.Add(new DuesSubscription
            {
                Id = calendar.NewId(), MemberId = memberId, PlanId = planId, StripeSubscriptionId = subscription.Id, Status = subscription.Status,
            }).Entity;
        }

        row.Status = subscription.Status;
        row.CancelAtPeriodEnd = subscription.CancelAtPeriodEnd;
        row.CurrentPeriodEnd = subscription.Items?.Data.FirstOrDefault()?.CurrentPeriodEnd is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : row.CurrentPeriodEnd;
        row.UpdatedAt = calendar.Now();
        return true;
    }

    /// <summary>
    /// A payment just applied with lines left without a term (their members were closed): once committed, Stripe
    /// refunds their share and their automatic renewals end. Quiet: what fails is left for reconciliation.
    /// </summary>
    private void SettleClosedAfterCommit(DuesPayment payment, bool changed, List<Func<CancellationToken, Task>>? afterCommit)
    {
        var closed = payment.Lines.Where(l => l.TermId is null).Select(l => l.MemberId).Distinct().ToList();
        if (changed && closed.Count > 0)
        {
            afterCommit?.Add(c => closedMemberships.SettleAsync(payment.Id, closed, c));
        }
    }

    /// <summary>Offers a session or charge that is no dues payment to the other order handlers (tickets).</summary>
    private async Task<bool> OtherOrdersAsync(Func<IStripeOrderHandler, Task<StripeHandlerResult?>> apply, List<Func<CancellationToken, Task>>? afterCommit)
    {
        foreach (var handler in handlers)
        {
            if (await apply(handler) is { } result)
            {
                if (result.AfterCommit is { } action)
                {
                    afterCommit?.Add(action);
                }

                return result.Changed;
            }
        }

        return false; // not one of ours
    }

    /// <summary>When the payment's charge was made, as Stripe recorded it.</summary>
    private async Task<DateTimeOffset?> ChargedAtAsync(string? paymentIntentId, CancellationToken ct) =>
        paymentIntentId is not null && await stripe.GetLatestChargeAsync(paymentIntentId, ct) is { } charge
            ? new DateTimeOffset(DateTime.SpecifyKind(charge.Created, DateTimeKind.Utc))
            : null;

    /// <summary>A payment's own time, truncated like our clock and never in our future (clocks differ a little).</summary>
    private DateTimeOffset PastOrNow(DateTimeOffset? at)
    {
        var now = calendar.Now();
        if (at is not { } value || value > now)
        {
            return now;
        }

        return value.AddTicks(-(value.UtcTicks % TimeSpan.TicksPerMillisecond)).ToUniversalTime();
    }

    private async Task<string?> PaymentIntentOfInvoiceAsync(string invoiceId, CancellationToken ct) =>
        (await stripe.GetInvoiceAsync(invoiceId, ct)).Payments?.Data.FirstOrDefault()?.Payment?.PaymentIntentId;
}
