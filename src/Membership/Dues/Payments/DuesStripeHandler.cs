using Membership.Data;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Membership.Dues.Payments;

/// <summary>
/// Dues payments in the Stripe pipeline: what a paid, failed or expired checkout, a paid or failed renewal invoice, a
/// subscription's change and a refunded charge mean for payments and memberships, from Stripe's current state.
/// </summary>
public sealed class DuesStripeHandler(StripeGateway stripe, AssociationCalendar calendar, ClosedMemberships closedMemberships, DuesReceiptMail receipts, IOptions<StripeOptions> options)
    : IStripeOrderHandler
{
    public async Task<StripeHandlerResult?> ApplySessionAsync(MembershipDbContext db, Session session, StripeNews news, CancellationToken ct)
    {
        var paymentId = session.Metadata?.GetValueOrDefault("payment_id") is { } raw && Guid.TryParse(raw, out var parsed) ? parsed : Guid.Empty;
        var payment = await DuesFulfilment.LockAsync(db, p => p.StripeCheckoutSessionId == session.Id || p.Id == paymentId, ct);
        if (payment is null)
        {
            return null;
        }

        payment.StripeCheckoutSessionId ??= session.Id;
        if (session.Status == "complete" && session.PaymentStatus is "paid" or "no_payment_required")
        {
            payment.StripeSubscriptionId ??= session.SubscriptionId;
            payment.StripeInvoiceId ??= session.InvoiceId;
            payment.StripePaymentIntentId ??= session.PaymentIntentId ?? (session.InvoiceId is { } invoice ? await PaymentIntentOfInvoiceAsync(invoice, ct) : null);
            var paidAt = news.OccurredAt ?? await ChargedAtAsync(payment.StripePaymentIntentId, ct);
            var changed = await SucceedAsync(db, payment, PastOrNow(paidAt), ct);
            if (session.SubscriptionId is { } subscription)
            {
                await UpsertSubscriptionAsync(db, await stripe.GetSubscriptionAsync(subscription, ct), ct);
            }

            return new StripeHandlerResult(changed, SettleClosedAfterCommit(payment, changed));
        }

        if (session.Status == "expired" && payment.StripeCheckoutSessionId == session.Id) // not a session replaced by a fresh one
        {
            return new StripeHandlerResult(DuesFulfilment.Fail(payment, DuesPaymentStatus.Expired, "The checkout expired unpaid.", calendar.Now()));
        }

        return new StripeHandlerResult(session.Status == "complete" && session.PaymentStatus == "unpaid" && news.EventType == EventTypes.CheckoutSessionAsyncPaymentFailed
            && DuesFulfilment.Fail(payment, DuesPaymentStatus.Failed, "The payment failed.", calendar.Now()));
    }

    /// <summary>
    /// The first invoice of a subscription is the checkout's own payment; a later paid invoice is an automatic
    /// renewal, recorded once under its invoice id and fulfilled; a failed one is recorded and extends nothing.
    /// </summary>
    public async Task<StripeHandlerResult?> ApplyInvoiceAsync(MembershipDbContext db, Invoice invoice, StripeNews news, CancellationToken ct)
    {
        var paidAt = invoice.StatusTransitions?.PaidAt is { } paid ? new DateTimeOffset(DateTime.SpecifyKind(paid, DateTimeKind.Utc)) : news.OccurredAt;
        var details = invoice.Parent?.SubscriptionDetails;
        if (details?.SubscriptionId is not { } subscriptionId)
        {
            return null;
        }

        if (invoice.BillingReason == "subscription_create")
        {
            var firstPayment = details.Metadata?.GetValueOrDefault("payment_id") is { } raw && Guid.TryParse(raw, out var id) ? id : Guid.Empty;
            var sessionId = await db.DuesPayments.Where(p => p.Id == firstPayment || p.StripeSubscriptionId == subscriptionId)
                .Select(p => p.StripeCheckoutSessionId).FirstOrDefaultAsync(ct);
            return sessionId is null ? new StripeHandlerResult(false)
                : await ApplySessionAsync(db, await stripe.GetCheckoutSessionAsync(sessionId, ct), new StripeNews(null, paidAt), ct);
        }

        var subscription = await db.DuesSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.StripeSubscriptionId == subscriptionId, ct);
        if (subscription is null)
        {
            await UpsertSubscriptionAsync(db, await stripe.GetSubscriptionAsync(subscriptionId, ct), ct);
            await db.SaveChangesAsync(ct);
            subscription = await db.DuesSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.StripeSubscriptionId == subscriptionId, ct);
            if (subscription is null)
            {
                return null;
            }
        }

        var payment = await DuesFulfilment.LockAsync(db, p => p.StripeInvoiceId == invoice.Id, ct) ?? await RenewalAsync(db, invoice, subscription, ct);
        if (invoice.Status == "paid")
        {
            payment.StripePaymentIntentId ??= invoice.Payments?.Data.FirstOrDefault()?.Payment?.PaymentIntentId;
            var changed = await SucceedAsync(db, payment, PastOrNow(paidAt), ct);
            return new StripeHandlerResult(changed, SettleClosedAfterCommit(payment, changed));
        }

        return new StripeHandlerResult(DuesFulfilment.Fail(payment, DuesPaymentStatus.Failed, "The automatic renewal payment failed.", calendar.Now()));
    }

    public async Task<StripeHandlerResult?> ApplySubscriptionAsync(MembershipDbContext db, Subscription subscription, CancellationToken ct) =>
        await UpsertSubscriptionAsync(db, subscription, ct) ? new StripeHandlerResult(true) : null;

    public async Task<StripeHandlerResult?> ApplyChargeAsync(MembershipDbContext db, Charge charge, CancellationToken ct)
    {
        var payment = charge.PaymentIntentId is { } intent ? await DuesFulfilment.LockAsync(db, p => p.StripePaymentIntentId == intent, ct) : null;
        if (payment is null)
        {
            return null;
        }

        await DuesFulfilment.ApplyRefundAsync(db, calendar, payment, charge.AmountRefunded, ct);
        return new StripeHandlerResult(true);
    }

    public async Task<IReadOnlyList<string>> PendingSessionsAsync(MembershipDbContext db, DateTimeOffset since, CancellationToken ct) =>
        await db.DuesPayments.AsNoTracking()
            .Where(p => p.Status == DuesPaymentStatus.Pending && p.StripeCheckoutSessionId != null && p.CreatedAt >= since)
            .Select(p => p.StripeCheckoutSessionId!).ToListAsync(ct);

    public async Task<SessionCreateOptions> CheckoutSessionAsync(MembershipDbContext db, Guid orderId, CancellationToken ct)
    {
        var payment = await db.DuesPayments.AsNoTracking().SingleAsync(p => p.Id == orderId, ct);
        var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == payment.PlanId, ct);
        var members = await db.DuesPaymentLines.Where(l => l.PaymentId == payment.Id).OrderBy(l => l.Id)
            .Join(db.Members, l => l.MemberId, m => m.Id, (l, m) => m).AsNoTracking().ToListAsync(ct);
        return DuesCheckout.SessionOptions(options.Value, payment, plan, members);
    }

    public async Task<CheckoutLink> StoreCheckoutSessionAsync(MembershipDbContext db, Guid orderId, string? replaced, Session session, CancellationToken ct)
    {
        if (await db.DuesPayments.Where(p => p.Id == orderId && p.Status == DuesPaymentStatus.Pending && p.StripeCheckoutSessionId == replaced)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.StripeCheckoutSessionId, session.Id).SetProperty(p => p.CheckoutUrl, session.Url), ct) == 1)
        {
            return new CheckoutLink(session.Id, session.Url);
        }

        // Stored by another reader (the same session, under the same key), or no longer pending: as it is now.
        var now = await db.DuesPayments.AsNoTracking().Where(p => p.Id == orderId).Select(p => new { p.Status, p.StripeCheckoutSessionId, p.CheckoutUrl }).SingleAsync(ct);
        return new CheckoutLink(now.StripeCheckoutSessionId, now.Status == DuesPaymentStatus.Pending ? now.CheckoutUrl : null);
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
                Id = RecordIds.New(), MemberId = memberId, PlanId = planId, StripeSubscriptionId = subscription.Id, Status = subscription.Status,
            }).Entity;
        }

        row.Status = subscription.Status;
        row.CancelAtPeriodEnd = subscription.CancelAtPeriodEnd;
        row.CurrentPeriodEnd = subscription.Items?.Data.FirstOrDefault()?.CurrentPeriodEnd is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : row.CurrentPeriodEnd;
        row.UpdatedAt = calendar.Now();
        return true;
    }

    /// <summary>Fulfils the payment and, the first time, queues its receipt mail in the same transaction.</summary>
    private async Task<bool> SucceedAsync(MembershipDbContext db, DuesPayment payment, DateTimeOffset paidAt, CancellationToken ct)
    {
        var changed = await DuesFulfilment.SucceedAsync(db, calendar, payment, paidAt, ct);
        if (changed)
        {
            await receipts.QueueAsync(db, payment, ct);
        }

        return changed;
    }

    /// <summary>A renewal invoice new to us: its payment, recorded once under the invoice id.</summary>
    private async Task<DuesPayment> RenewalAsync(MembershipDbContext db, Invoice invoice, DuesSubscription subscription, CancellationToken ct)
    {
        var payment = new DuesPayment
        {
            Id = RecordIds.New(), ReceiptNumber = await Receipts.NextNumberAsync(db, calendar, ct), Kind = DuesPaymentKind.Renewal,
            PayerMemberId = subscription.MemberId, PlanId = subscription.PlanId, Amount = invoice.AmountDue, Currency = invoice.Currency.ToUpperInvariant(),
            Status = DuesPaymentStatus.Pending, AutoRenew = true, IdempotencyKey = Guid.NewGuid(), StripeCustomerId = invoice.CustomerId,
            StripeSubscriptionId = subscription.StripeSubscriptionId, StripeInvoiceId = invoice.Id, CreatedAt = calendar.Now(), CreatedBy = "stripe",
        };
        payment.Lines.Add(new DuesPaymentLine { Id = RecordIds.New(), PaymentId = payment.Id, MemberId = subscription.MemberId, Amount = invoice.AmountDue });
        db.DuesPayments.Add(payment);
        await db.SaveChangesAsync(ct); // the unique invoice id stops a concurrent twin here
        return payment;
    }

    /// <summary>
    /// A payment just applied with lines left without a term (their members were closed): once committed, Stripe
    /// refunds their share and their automatic renewals end. Quiet: what fails is left for reconciliation.
    /// </summary>
    private Func<CancellationToken, Task>? SettleClosedAfterCommit(DuesPayment payment, bool changed)
    {
        var closed = payment.Lines.Where(l => l.TermId is null).Select(l => l.MemberId).Distinct().ToList();
        return changed && closed.Count > 0 ? c => closedMemberships.SettleAsync(payment.Id, closed, c) : null;
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
