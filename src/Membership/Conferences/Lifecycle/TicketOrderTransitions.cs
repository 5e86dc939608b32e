using System.Security.Cryptography;
using Membership.Data;
using Membership.Identity.Oidc;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Membership.Conferences.CheckIn;

namespace Membership.Conferences.Lifecycle;

/// <summary>
/// The moves of an order between statuses once it is placed: paid, expired, cancelled, refunded, whoever asks for them
/// (the buyer's cancellation, a webhook, the expiry job). Every move is one conditional UPDATE ("only if it is still
/// Pending"), so seats are released exactly once however many jobs, webhooks and people act at the same moment; freed
/// seats go to the waiting list first. The methods taking a DbContext run in the caller's transaction (the webhook's,
/// which also records the event); the others open their own. Who may ask for a move is decided by the use cases
/// (<see cref="OrderCancellation"/>, <see cref="WaitingListPlaces"/>), not here.
/// </summary>
public sealed class TicketOrderTransitions(
    IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, StripeGateway stripe,
    IOptions<TicketOptions> options, PublicLinks links, ILogger<TicketOrderTransitions> logger)
{
    private static readonly TicketStatus[] Holding = [TicketStatus.Reserved, TicketStatus.Valid, TicketStatus.CheckedIn];

    public async Task<TicketOrder> LoadAsync(Guid orderId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleAsync(o => o.Id == orderId, ct);
    }

    public async Task<bool> MarkPaidAsync(Guid orderId, string? paymentIntentId, DateTimeOffset paidAt, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await MarkPaidAsync(db, orderId, paymentIntentId, paidAt, ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    /// <summary>
    /// Payment confirmed. A pending order becomes paid. A payment that arrives after the order expired (or was
    /// cancelled) takes its seats again if there still are any; if not, the money goes back: the order is REFUNDED.
    /// A paid order's tickets are queued for the buyer in this transaction.
    /// </summary>
    public async Task<bool> MarkPaidAsync(MembershipDbContext db, Guid orderId, string? paymentIntentId, DateTimeOffset paidAt, CancellationToken ct)
    {
        // The order's row lock first: two pieces of payment news (completed and async_payment_succeeded, a webhook and
        // reconciliation) for one closed order wait for each other, and the second finds it paid, its seats taken once.
        if (!await LockAsync(db, orderId, ct))
        {
            return false;
        }

        if (await db.TicketOrders.Where(o => o.Id == orderId && o.Status == TicketOrderStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, TicketOrderStatus.Paid).SetProperty(o => o.PaidAt, paidAt)
                    .SetProperty(o => o.StripePaymentIntentId, o => paymentIntentId ?? o.StripePaymentIntentId), ct) == 1)
        {
            await db.Tickets.Where(t => t.OrderId == orderId && t.Status == TicketStatus.Reserved).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Valid), ct);
            await QueueTicketsAsync(db, orderId, ct);
            return true;
        }

        var order = await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || order.Status is not (TicketOrderStatus.Expired or TicketOrderStatus.Cancelled) || order.PaidAt is not null)
        {
            return false; // already paid or refunded: a repeated event changes nothing
        }

        var seats = order.Tickets.Where(t => t.Status == TicketStatus.Cancelled).GroupBy(t => t.TicketTypeId).ToDictionary(g => g.Key, g => g.Count());
        if (await Seats.TryTakeAsync(db, order.ConferenceId, seats, ct) is null)
        {
            if (await db.TicketOrders.Where(o => o.Id == orderId && o.Status == order.Status && o.PaidAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, TicketOrderStatus.Paid).SetProperty(o => o.PaidAt, paidAt)
                        .SetProperty(o => o.StripePaymentIntentId, paymentIntentId).SetProperty(o => o.CloseReason, (string?)null)
                        .SetProperty(o => o.ClosedAt, (DateTimeOffset?)null), ct) == 0)
            {
                // Cannot happen under the lock; if it ever did, the seats just taken must not stay taken.
                throw new InvalidOperationException($"Order {order.Number} changed while it was locked.");
            }

            await db.Tickets.Where(t => t.OrderId == orderId && t.Status == TicketStatus.Cancelled).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Valid), ct);
            if (order.VoucherId is { } voucher && order.VoucherUses > 0)
            {
                // Its voucher uses were given back when it closed; take them again if the voucher still has them (the price was paid either way).
                var uses = order.VoucherUses;
                await db.Vouchers.Where(v => v.Id == voucher && v.Used + uses <= v.MaxUses).ExecuteUpdateAsync(s => s.SetProperty(v => v.Used, v => v.Used + uses), ct);
            }

            logger.LogInformation("Order {Order} was paid after it closed; its seats were still free and it is paid now.", order.Number);
            await QueueTicketsAsync(db, orderId, ct);
            return true;
        }

        if (paymentIntentId is not null)
        {
            // Inside the webhook's transaction on purpose: refused, the event rolls back and is applied (refunded) again.
            await stripe.RefundAsync(paymentIntentId, order.Total, IdempotencyKeys.Derived(order.Id, "late-payment-refund"), ct);
        }

        await db.TicketOrders.Where(o => o.Id == orderId && o.Status == order.Status && o.PaidAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, TicketOrderStatus.Refunded).SetProperty(o => o.RefundedAmount, o => o.Total).SetProperty(o => o.PaidAt, paidAt)
                .SetProperty(o => o.StripePaymentIntentId, paymentIntentId).SetProperty(o => o.CloseReason, "Paid after the hold expired, when the seats were gone: refunded in full."), ct);
        // Money moved without a person asking: the audit log names the system, in the same transaction as the change.
        Audit.AuditLog.AddSystemEntry(db, calendar, "system.refund", GraphQL.GlobalId.Encode("TicketOrder", orderId));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Order {Order} was paid after its seats were gone; the payment was refunded.", order.Number);
        return true;
    }

    /// <summary>
    /// Takes the order's row lock for the rest of the caller's transaction (an UPDATE that changes nothing locks the row on
    /// PostgreSQL and SQL Server; SQLite locks the whole file); false when there is no such order.
    /// </summary>
    internal static Task<bool> LockAsync(MembershipDbContext db, Guid orderId, CancellationToken ct) => LockAsync(db, o => o.Id == orderId, ct);

    internal static async Task<bool> LockAsync(MembershipDbContext db, System.Linq.Expressions.Expression<Func<TicketOrder, bool>> which, CancellationToken ct) =>
        await db.TicketOrders.Where(which).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, o => o.Status), ct) > 0;

    /// <summary>Closes an order in its own transaction (with the waiting-list offers its seats made).</summary>
    public async Task<bool> CloseAsync(Guid orderId, TicketOrderStatus from, TicketOrderStatus to, string reason, CancellationToken ct, long? refunded = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await CloseAsync(db, orderId, from, to, reason, refunded, ct))
        {
            return false;
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Moves an order from <paramref name="from"/> to <paramref name="to"/> if it is still in <paramref name="from"/>,
    /// cancels its tickets and gives the seats and the voucher use back, once; freed seats are offered (and mailed) first.
    /// </summary>
    public async Task<bool> CloseAsync(MembershipDbContext db, Guid orderId, TicketOrderStatus from, TicketOrderStatus to,
        string reason, long? refunded, CancellationToken ct)
    {
        var now = calendar.Now();
        if (await db.TicketOrders.Where(o => o.Id == orderId && o.Status == from)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, to).SetProperty(o => o.ClosedAt, now).SetProperty(o => o.CloseReason, reason)
                    .SetProperty(o => o.RefundedAmount, o => refunded ?? o.RefundedAmount), ct) == 0)
        {
            return false;
        }

        var order = await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleAsync(o => o.Id == orderId, ct);
        var freed = order.Tickets.Where(t => Holding.Contains(t.Status)).GroupBy(t => t.TicketTypeId).ToDictionary(g => g.Key, g => g.Count());
        await db.Tickets.Where(t => t.OrderId == orderId && Holding.Contains(t.Status)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Cancelled), ct);

        // Counters first, then the voucher: the order a purchase takes them in, so a purchase with the same voucher and
        // this order's expiry never wait for each other in a cycle (a deadlock on PostgreSQL and SQL Server).
        await FreeSeatsAsync(db, order.ConferenceId, freed, now, ct);
        ServiceDefaults.MembershipTelemetry.RecordSeats("released", freed.Values.Sum()); // counted once: only the caller that moved the order gets here
        if (order.VoucherId is { } voucher)
        {
            var uses = order.VoucherUses;
            await db.Vouchers.Where(v => v.Id == voucher && v.Used >= uses).ExecuteUpdateAsync(s => s.SetProperty(v => v.Used, v => v.Used - uses), ct);
        }

        return true;
    }

    /// <summary>Expires pending orders past their hold and waiting-list offers past their time. Safe on several instances at once.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = calendar.Now();
        List<Guid> due;
        List<WaitingListEntry> lapsed;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            due = await db.TicketOrders.AsNoTracking().Where(o => o.Status == TicketOrderStatus.Pending && o.HoldExpiresAt < now).OrderBy(o => o.HoldExpiresAt).Select(o => o.Id).Take(500).ToListAsync(ct);
            lapsed = await db.WaitingList.AsNoTracking().Where(w => w.Status == WaitingStatus.Offered && w.OfferExpiresAt < now).OrderBy(w => w.OfferExpiresAt).Take(500).ToListAsync(ct);
        }

        var count = 0;
        foreach (var id in due)
        {
            if (await CloseAsync(id, TicketOrderStatus.Pending, TicketOrderStatus.Expired, "Not paid before the hold expired.", ct))
            {
                count++;
                await ExpireCheckoutQuietlyAsync(id, ct);
            }
        }

        foreach (var entry in lapsed)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.WaitingList.Where(w => w.Id == entry.Id && w.Status == WaitingStatus.Offered)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WaitingStatus.Expired).SetProperty(w => w.OpenKey, (string?)null), ct) == 1)
            {
                await ReleaseOfferAsync(db, entry, ct);
                count++;
            }

            await transaction.CommitAsync(ct);
        }

        return count;
    }

    /// <summary>
    /// Ends the Stripe checkout of an order that closed unpaid, so nobody pays for seats it no longer holds. Quiet: a
    /// session already completed or expired, or Stripe out of reach, changes nothing here (a payment that still arrives
    /// is a late payment, see <see cref="MarkPaidAsync(MembershipDbContext, Guid, string?, DateTimeOffset, CancellationToken)"/>).
    /// </summary>
    public async Task ExpireCheckoutQuietlyAsync(Guid orderId, CancellationToken ct)
    {
        string? session;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            session = await db.TicketOrders.Where(o => o.Id == orderId).Select(o => o.StripeCheckoutSessionId).SingleOrDefaultAsync(ct);
        }

        if (session is null)
        {
            return;
        }

        try
        {
            await stripe.ExpireCheckoutSessionAsync(session, ct);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogInformation("The checkout of order {Order} was not expired at Stripe ({Reason}); it expires on its own.", orderId, e.Message);
        }
    }

    /// <summary>The seat an offer held (it lapsed or was declined) goes to the next person waiting, or back on sale.</summary>
    public async Task ReleaseOfferAsync(MembershipDbContext db, WaitingListEntry entry, CancellationToken ct)
    {
        var conference = await db.TicketTypes.Where(t => t.Id == entry.TicketTypeId).Select(t => t.ConferenceId).SingleAsync(ct);
        await FreeSeatsAsync(db, conference, new Dictionary<Guid, int> { [entry.TicketTypeId] = 1 }, calendar.Now(), ct);
    }

    /// <summary>Cancels some valid tickets of a paid order (a partial refund); each one's seat is freed once.</summary>
    public async Task CancelTicketsAsync(MembershipDbContext db, Guid conferenceId, IReadOnlyList<Guid> ticketIds, CancellationToken ct)
    {
        var freed = new Dictionary<Guid, int>();
        foreach (var id in ticketIds.Distinct())
        {
            var type = await db.Tickets.Where(t => t.Id == id).Select(t => t.TicketTypeId).SingleAsync(ct);
            if (await db.Tickets.Where(t => t.Id == id && t.Status == TicketStatus.Valid).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Cancelled), ct) == 1)
            {
                freed[type] = freed.GetValueOrDefault(type) + 1;
            }
        }

        await FreeSeatsAsync(db, conferenceId, freed, calendar.Now(), ct);
    }

    /// <summary>
    /// Each freed seat is offered to the next person waiting for its type (the seat stays held for them). A seat nobody
    /// waits for is then offered, as a seat of the conference, to the first person waiting for another type that was
    /// sold out only because the conference was full; the rest go back on sale.
    /// </summary>
    private async Task FreeSeatsAsync(MembershipDbContext db, Guid conferenceId, Dictionary<Guid, int> freed, DateTimeOffset now, CancellationToken ct)
    {
        var offers = new List<WaitingListEntry>();
        var release = new Dictionary<Guid, int>();
        foreach (var (typeId, count) in freed)
        {
            var next = await db.WaitingList.AsNoTracking().Where(w => w.TicketTypeId == typeId && w.Status == WaitingStatus.Waiting)
                .OrderBy(w => w.JoinedAt).ThenBy(w => w.Id).Take(count).ToListAsync(ct);
            foreach (var entry in next)
            {
                if (await OfferAsync(db, entry, now, ct))
                {
                    offers.Add(entry);
                }
            }

            release[typeId] = count - offers.Count(o => o.TicketTypeId == typeId);
        }

        var spare = release.Values.Sum();
        var kept = 0;
        if (spare > 0)
        {
            var others = await db.WaitingList.AsNoTracking()
                .Where(w => w.Status == WaitingStatus.Waiting && db.TicketTypes.Any(t => t.Id == w.TicketTypeId && t.ConferenceId == conferenceId && t.Taken < t.Quota))
                .OrderBy(w => w.JoinedAt).ThenBy(w => w.Id).Take(spare).ToListAsync(ct);
            foreach (var entry in others)
            {
                // The conference seat stays taken and moves to the entry's type, if that type still has room.
                if (await db.TicketTypes.Where(t => t.Id == entry.TicketTypeId && t.Taken + 1 <= t.Quota).ExecuteUpdateAsync(s => s.SetProperty(t => t.Taken, t => t.Taken + 1), ct) == 0)
                {
                    continue;
                }

                if (await OfferAsync(db, entry, now, ct))
                {
                    offers.Add(entry);
                    kept++;
                }
                else
                {
                    await db.TicketTypes.Where(t => t.Id == entry.TicketTypeId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Taken, t => t.Taken - 1), ct);
                }
            }
        }

        await Seats.ReleaseAsync(db, conferenceId, release, ct, includeEvent: false);
        if (spare - kept > 0)
        {
            await db.Conferences.Where(c => c.Id == conferenceId).ExecuteUpdateAsync(s => s.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken - (spare - kept)), ct);
        }
    }

    /// <summary>Offers a held seat to a waiting entry, if it is still waiting: a secret code, valid for the configured hours, mailed in this transaction.</summary>
    private async Task<bool> OfferAsync(MembershipDbContext db, WaitingListEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expires = now.AddHours(options.Value.OfferHours);
        if (await db.WaitingList.Where(w => w.Id == entry.Id && w.Status == WaitingStatus.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WaitingStatus.Offered).SetProperty(w => w.OfferCode, code)
                    .SetProperty(w => w.OfferedAt, now).SetProperty(w => w.OfferExpiresAt, expires), ct) == 0)
        {
            return false;
        }

        entry.OfferCode = code;
        entry.OfferExpiresAt = expires;
        await db.QueueMailNowAsync(new MailMessage(MailKinds.WaitingListOffer, entry.Email, "A conference seat is yours to take",
            $"Hello {entry.Name},\n\nA seat has freed up for the ticket you were waiting for. It is held for you until "
            + $"{expires:u}. To buy it, give this offer code with your purchase:\n\n{code}\n\nAfter that time it goes to the next person waiting.")
        {
            DedupeKey = $"waiting-list-offer:{entry.Id:N}:{code}",
            HoldsCredential = true, // the offer code buys the held seat
        }, calendar, ct);
        return true;
    }

    /// <summary>Queues, in the caller's transaction, the mail of the order's valid tickets to the buyer: each one's code and QR link. Once per order.</summary>
    private async Task QueueTicketsAsync(MembershipDbContext db, Guid orderId, CancellationToken ct)
    {
        var order = await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleAsync(o => o.Id == orderId, ct);
        if (order.Status is not (TicketOrderStatus.Paid or TicketOrderStatus.PartiallyRefunded))
        {
            return; // refunded at once: the buyer was told by the refund
        }

        var conference = await db.Conferences.AsNoTracking().SingleAsync(c => c.Id == order.ConferenceId, ct);
        var typeIds = order.Tickets.Select(t => t.TicketTypeId).Distinct().ToList();
        var types = await db.TicketTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var lines = order.Tickets.Where(t => t.Status == TicketStatus.Valid).Select(t =>
            $"- {types[t.TicketTypeId]}, {t.AttendeeName ?? "attendee to be named"}\n  QR: {links.To(TicketQr.Path(t.Code, "svg"))}\n  Code: {t.Code}");
        await db.QueueMailNowAsync(new MailMessage(MailKinds.Tickets, order.BuyerEmail, $"Your tickets for {conference.Name} (order {order.Number})",
            $"Hello {order.BuyerName},\n\nThank you: order {order.Number} is paid. Show each ticket's QR code at the entrance.\n\n{string.Join("\n", lines)}\n")
        {
            DedupeKey = $"tickets:{order.Id:N}",
            HoldsCredential = true, // each code and QR link admits its holder
        }, calendar, ct);
    }
}
