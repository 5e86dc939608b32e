using Membership.Data;
using Membership.Payments;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace Membership.Conferences.Lifecycle;

/// <summary>
/// Cancelling an order and refunding it, whole or in part: who may, until when, and the refund through Stripe. The
/// order's moves between statuses are <see cref="TicketOrderTransitions"/>'s; each is conditional on the state it
/// starts from, so racing requests act once.
/// </summary>
public sealed class OrderCancellation(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, StripeGateway stripe, TicketOrderTransitions transitions)
{
    /// <summary>
    /// Cancels a whole order. Pending: the hold ends, nothing was paid. Paid: the buyer until the refund cut-off, staff
    /// always; what was not yet refunded goes back through Stripe (one refund, under a key derived from the order), the
    /// tickets stop working and their seats go to the waiting list.
    /// </summary>
    public async Task<Payload<TicketOrder>> CancelAsync(Guid orderId, string? reason, TicketActor actor, CancellationToken ct)
    {
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !actor.MayActOn(order))
        {
            return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotFound, "No order of yours has this ID.", "input", "orderId"));
        }

        var conference = await db.Conferences.AsNoTracking().SingleAsync(c => c.Id == order.ConferenceId, ct);
        var text = errors.OptionalText(reason, 500, "input", "reason");
        if (order.Status is not (TicketOrderStatus.Pending or TicketOrderStatus.Paid or TicketOrderStatus.PartiallyRefunded))
        {
            errors.Add(UserErrorCodes.NotCancellable, $"This order is {order.Status.ToString().ToLowerInvariant()} already.", "input", "orderId");
        }
        else if (!actor.IsStaff && order.Status != TicketOrderStatus.Pending && calendar.Now() > conference.RefundCutoffAt)
        {
            errors.Add(UserErrorCodes.NotCancellable, $"Orders can be cancelled until {conference.RefundCutoffAt:u}; ask the association's staff.", "input", "orderId");
        }
        else if (!actor.IsStaff && order.Tickets.Any(t => t.Status == TicketStatus.CheckedIn))
        {
            errors.Add(UserErrorCodes.NotCancellable, "A ticket of this order has been used.", "input", "orderId");
        }

        if (errors.Any)
        {
            return Payload<TicketOrder>.Failure(errors);
        }

        var why = text ?? (actor.IsStaff ? "Cancelled by staff." : "Cancelled by the buyer.");
        if (order.Status == TicketOrderStatus.Pending)
        {
            if (!await transitions.CloseAsync(order.Id, TicketOrderStatus.Pending, TicketOrderStatus.Cancelled, why, ct))
            {
                return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotCancellable, "This order changed meanwhile; look at it again.", "input", "orderId"));
            }

            await transitions.ExpireCheckoutQuietlyAsync(order.Id, ct);
            return Payload<TicketOrder>.Success(await transitions.LoadAsync(order.Id, ct));
        }

        var remaining = order.Total - order.RefundedAmount;
        if (remaining > 0)
        {
            if (await RefundAsync(order, remaining, IdempotencyKeys.Derived(order.Id, "cancel"), ct) is { } failure)
            {
                return Payload<TicketOrder>.Failure(failure);
            }
        }

        if (!await transitions.CloseAsync(order.Id, order.Status, TicketOrderStatus.Refunded, why, ct, refunded: order.Total))
        {
            // A webhook (the refund's own charge.refunded) closed it first: the outcome is the same.
            var now = await transitions.LoadAsync(order.Id, ct);
            return now.Status == TicketOrderStatus.Refunded
                ? Payload<TicketOrder>.Success(now)
                : Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotCancellable, "This order changed meanwhile; look at it again.", "input", "orderId"));
        }

        return Payload<TicketOrder>.Success(await transitions.LoadAsync(order.Id, ct));
    }

    /// <summary>
    /// Staff refund part of a paid order: an amount, and optionally some of its tickets, which stop working and free
    /// their seats. Refunding what is left of the total refunds the order in full (see <see cref="CancelAsync"/>).
    /// </summary>
    public async Task<Payload<TicketOrder>> RefundPartAsync(Guid orderId, long amount, IReadOnlyList<Guid> cancelTickets, string? reason, CancellationToken ct)
    {
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotFound, "No order has this ID.", "input", "orderId"));
        }

        var text = errors.RequiredText(reason, 500, "input", "reason");
        var remaining = order.Total - order.RefundedAmount;
        if (order.Status is not (TicketOrderStatus.Paid or TicketOrderStatus.PartiallyRefunded) || order.StripePaymentIntentId is null)
        {
            errors.Add(UserErrorCodes.NotRefundable, $"A {order.Status.ToString().ToLowerInvariant()} order cannot be refunded in part.", "input", "orderId");
        }
        else if (amount < 0 || amount > remaining || (amount == 0 && cancelTickets.Count == 0))
        {
            errors.Add(UserErrorCodes.OutOfRange, $"Refund 0 to {remaining} (minor units), or cancel tickets.", "input", "amount");
        }

        foreach (var (id, i) in cancelTickets.Select((id, i) => (id, i)))
        {
            if (order.Tickets.SingleOrDefault(t => t.Id == id) is not { Status: TicketStatus.Valid })
            {
                errors.Add(UserErrorCodes.NotCancellable, "Only valid, unused tickets of this order can be cancelled.", "input", "cancelTicketIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (errors.Any)
        {
            return Payload<TicketOrder>.Failure(errors);
        }

        if (amount == remaining && cancelTickets.Count == order.Tickets.Count(t => t.Status is TicketStatus.Valid or TicketStatus.CheckedIn))
        {
            return await CancelAsync(orderId, text, new TicketActor("staff", null, true), ct);
        }

        // The order's row stays locked from the check to the write, across the call to Stripe: a concurrent refund or
        // cancellation, or the charge.refunded news of this very refund, waits and then sees what this one did.
        await using (var write = await factory.CreateDbContextAsync(ct))
        {
            await using var transaction = await write.Database.BeginTransactionAsync(ct);
            await TicketOrderTransitions.LockAsync(write, order.Id, ct);
            var now = await write.TicketOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
            if (now.Status != order.Status || now.RefundedAmount != order.RefundedAmount)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotRefundable, "This order changed meanwhile; look at it again.", "input", "orderId"));
            }

            // The key names the refund by the state it starts from: a retry of the same request refunds once, a second one again.
            if (amount > 0 && await RefundAsync(order, amount, IdempotencyKeys.Derived(order.Id, $"part:{order.RefundedAmount}:{amount}"), ct) is { } failure)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<TicketOrder>.Failure(failure);
            }

            await write.TicketOrders.Where(o => o.Id == order.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedAmount, o => o.RefundedAmount + amount)
                    .SetProperty(o => o.Status, amount > 0 ? TicketOrderStatus.PartiallyRefunded : order.Status).SetProperty(o => o.CloseReason, text), ct);
            await transitions.CancelTicketsAsync(write, order.ConferenceId, cancelTickets, ct);
            await transaction.CommitAsync(ct);
        }

        return Payload<TicketOrder>.Success(await transitions.LoadAsync(order.Id, ct));
    }

    private async Task<UserErrors?> RefundAsync(TicketOrder order, long amount, Guid key, CancellationToken ct)
    {
        if (order.StripePaymentIntentId is null)
        {
            return null; // a free order (or one paid with nothing to give back)
        }

        try
        {
            await stripe.RefundAsync(order.StripePaymentIntentId, amount, key, ct);
            return null;
        }
        catch (StripeException e)
        {
            return new UserErrors().Add(UserErrorCodes.PaymentProviderError, $"The payment provider refused the refund: {e.StripeError?.Message ?? e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Stripe could not be reached (after Stripe.net's retries) or did not answer in time: nothing was given back, nothing is written.
            return new UserErrors().Add(UserErrorCodes.PaymentProviderError, "The payment provider could not be reached; nothing was refunded. Try again in a moment.");
        }
    }
}
