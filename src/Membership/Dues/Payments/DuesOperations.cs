using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace Membership.Dues.Payments;

/// <summary>Staff's refunds, members' automatic renewal switch, and reconciliation with Stripe.</summary>
public sealed class DuesOperations(
    IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, StripeWebhooks webhooks, ClosedMemberships closedMemberships, AssociationCalendar calendar,
    IOptions<StripeOptions> options, ILogger<DuesOperations> logger)
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

        var record = new DuesRefund { Id = calendar.NewId(), PaymentId = payment.Id, Amount = refund, Reason = text, IdempotencyKey = Guid.NewGuid(), CreatedAt = calendar.Now(), CreatedBy = staff };
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

    /// <summary>
    /// Turns a member's automatic renewal on or off (Stripe's cancel-at-period-end): the paid period always runs out.
    /// A closed membership (suspended, or its term cancelled) cannot turn it on: its payments would only be refunded.
    /// </summary>
    public async Task<Payload<DuesSubscription>> SetAutoRenewAsync(Guid memberId, bool enabled, CancellationToken ct)
    {
        stripe.EnsureAvailable();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (enabled && await db.Members.Where(m => m.Id == memberId).AnyAsync(ClosedMemberships.IsClosed, ct))
        {
            return Payload<DuesSubscription>.Failure(new UserErrors().Add(UserErrorCodes.MembershipClosed,
                "The membership is suspended or cancelled; staff must reinstate it before automatic renewal can be turned on.", "input", "enabled"));
        }

        var subscription = await db.DuesSubscriptions.Where(s => s.MemberId == memberId && s.Status != "canceled" && s.Status != "incomplete_expired")
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(ct);
        if (subscription is null)
        {
            return Payload<DuesSubscription>.Failure(new UserErrors().Add(UserErrorCodes.NoSubscription,
                enabled ? "There is no automatic renewal to turn on: pay with autoRenew to start one." : "There is no automatic renewal to turn off.", "input", "enabled"));
        }

        try
        {
            var updated = await stripe.SetCancelAtPeriodEndAsync(subscription.StripeSubscriptionId, !enabled, Guid.NewGuid().ToString(), ct);
            await webhooks.UpsertSubscriptionAsync(db, updated, ct);
        }
        catch (StripeException e)
        {
            return Payload<DuesSubscription>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, $"The payment provider refused the change: {e.StripeError?.Message ?? e.Message}"));
        }

        await db.SaveChangesAsync(ct);
        return Payload<DuesSubscription>.Success(subscription);
    }

    /// <summary>
    /// Asks Stripe for recent events and for the Checkout Sessions of our pending payments, and applies what we missed
    /// through the same code as the webhook: a lost webhook never leaves a paying member unextended, and the late
    /// webhook that may still come changes nothing. An item that fails (Stripe refuses an object, say) is logged,
    /// rolled back and skipped; the rest still apply, and the next run tries it again.
    /// </summary>
    public async Task<ReconciliationResult> ReconcileAsync(CancellationToken ct)
    {
        stripe.EnsureAvailable();
        var since = calendar.Now().AddDays(-options.Value.ReconcileDays);
        var (applied, sessions, failed) = (0, 0, 0);
        IReadOnlyList<Event> events = [];
        try
        {
            events = await stripe.ListEventsAsync(since, StripeWebhooks.HandledTypes, ct);
        }
        catch (Exception e) when (Skippable(e, ct))
        {
            failed++;
            logger.LogWarning(e, "Reconciliation could not list Stripe's events; checking pending checkouts only.");
        }

        foreach (var stripeEvent in events.OrderBy(e => e.Created))
        {
            try
            {
                if (await webhooks.ApplyAsync(stripeEvent, "reconciliation", ct) == WebhookOutcome.Applied)
                {
                    applied++;
                }
            }
            catch (Exception e) when (Skippable(e, ct))
            {
                failed++;
                logger.LogWarning(e, "Reconciliation skipped Stripe event {Event} ({Type}); the next run tries again.", stripeEvent.Id, stripeEvent.Type);
            }
        }

        List<string> pending;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // Pending dues payments and pending ticket orders alike: the webhook code routes each session to its owner.
            pending = await db.DuesPayments.AsNoTracking()
                .Where(p => p.Status == DuesPaymentStatus.Pending && p.StripeCheckoutSessionId != null && p.CreatedAt >= since)
                .Select(p => p.StripeCheckoutSessionId!).ToListAsync(ct);
            pending.AddRange(await db.TicketOrders.AsNoTracking()
                .Where(o => o.Status == Conferences.TicketOrderStatus.Pending && o.StripeCheckoutSessionId != null && o.CreatedAt >= since)
                .Select(o => o.StripeCheckoutSessionId!).ToListAsync(ct));
        }

        foreach (var session in pending)
        {
            try
            {
                if (await ApplySessionAsync(session, ct))
                {
                    sessions++;
                }
            }
            catch (Exception e) when (Skippable(e, ct))
            {
                failed++;
                logger.LogWarning(e, "Reconciliation skipped Checkout Session {Session}; the next run tries again.", session);
            }
        }

        // What a closed membership is still owed at Stripe: refunds not confirmed, automatic renewals not ended.
        failed += await closedMemberships.SendRefundsAsync(null, ct);
        failed += await closedMemberships.EndAutoRenewalsAsync(null, ct);
        logger.LogInformation("Reconciliation applied {Events} events, updated {Sessions} pending checkouts and skipped {Failed} that failed.", applied, sessions, failed);
        return new ReconciliationResult(applied, sessions, failed);
    }

    /// <summary>One pending checkout in its own transaction: a failure rolls back this one only.</summary>
    private async Task<bool> ApplySessionAsync(string session, CancellationToken ct)
    {
        var afterCommit = new List<Func<CancellationToken, Task>>();
        bool changed;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            changed = await webhooks.ApplySessionAsync(db, session, null, null, afterCommit, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var action in afterCommit)
        {
            await action(ct);
        }

        return changed;
    }

    /// <summary>Anything but our own cancellation: one bad object must not stop the run.</summary>
    private static bool Skippable(Exception e, CancellationToken ct) => e is not OperationCanceledException || !ct.IsCancellationRequested;
}

public sealed record ReconciliationResult(int EventsApplied, int CheckoutsUpdated, int Failed);

/// <summary>Runs reconciliation every few minutes on one instance at a time (a lease in the database).</summary>
internal sealed class ReconciliationJob(IServiceProvider services, IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar,
    IOptions<StripeOptions> options, PaymentMode mode, ILogger<ReconciliationJob> logger, TimeProvider clock) : BackgroundService
{
    private const string LeaseName = "dues-reconciliation";
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.ReconcileEveryMinutes;
        if (!mode.Available || minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Reconciliation failed; the next run tries again.");
                }
            }
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    /// <summary>One tick of the job: reconciles if this instance holds (or takes) the lease; false when another holds it.</summary>
    internal async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        using var activity = ServiceDefaults.MembershipTelemetry.StartJob(LeaseName);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = calendar.Now();
        if (!await JobLeases.TryAcquireAsync(db, LeaseName, _holder, now, now.AddMinutes(options.Value.ReconcileEveryMinutes), ct))
        {
            return false;
        }

        await services.GetRequiredService<DuesOperations>().ReconcileAsync(ct);
        return true;
    }

    /// <summary>A stopping instance hands the lease on at once instead of making the others wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var db = await factory.CreateDbContextAsync(timeout.Token);
            await JobLeases.ReleaseAsync(db, LeaseName, _holder, timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogInformation(e, "The reconciliation lease was not released; it expires by itself.");
        }
    }
}
