using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace Membership.Payments;

/// <summary>
/// Calls Stripe still owes a feature after a committed change whose own call failed (a refund, the end of an automatic
/// renewal); reconciliation runs each after its Stripe reads. Answers how many still failed.
/// </summary>
public interface IOwedStripeCalls
{
    Task<int> SendAsync(CancellationToken ct);
}

/// <summary>Reconciliation with Stripe: what a lost webhook or a failed call left undone is done on the next run.</summary>
public sealed class PaymentReconciliation(
    IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, StripeWebhooks webhooks, IEnumerable<IStripeOrderHandler> handlers,
    IEnumerable<IOwedStripeCalls> owedCalls, AssociationCalendar calendar, IOptions<StripeOptions> options, ILogger<PaymentReconciliation> logger)
{
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

        var pending = new List<string>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // Each kind of order names its own pending sessions; the webhook code routes each one back to its owner.
            foreach (var handler in handlers)
            {
                pending.AddRange(await handler.PendingSessionsAsync(db, since, ct));
            }
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

        foreach (var owed in owedCalls)
        {
            failed += await owed.SendAsync(ct);
        }

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
            changed = await webhooks.ApplySessionAsync(db, session, StripeNews.None, afterCommit, ct);
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
