using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace Membership.Conferences;

/// <summary>Someone a ticket is for: a member, or a name and e-mail address.</summary>
public sealed record AttendeeInput(Guid? MemberId, string? Name, string? Email);

/// <summary>Who acts on an order: staff, or the member who bought it (for an agency's block too).</summary>
public sealed record TicketActor(string Subject, Guid? MemberId, bool IsStaff);

/// <summary>
/// What buyers, holders and staff do with orders and tickets after the sale: cancel and refund, name attendees,
/// transfer, wait for a seat. Each change is conditional on the state it starts from, so racing requests act once.
/// </summary>
public sealed class TicketOperations(
    IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, TicketCodes codes, StripeGateway stripe, TicketLifecycle lifecycle)
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
        if (order is null || !MayActOn(order, actor))
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
            if (!await lifecycle.CloseAsync(order.Id, TicketOrderStatus.Pending, TicketOrderStatus.Cancelled, why, ct))
            {
                return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotCancellable, "This order changed meanwhile; look at it again.", "input", "orderId"));
            }

            await lifecycle.ExpireCheckoutQuietlyAsync(order.Id, ct);
            return Payload<TicketOrder>.Success(await lifecycle.LoadAsync(order.Id, ct));
        }

        var remaining = order.Total - order.RefundedAmount;
        if (remaining > 0)
        {
            if (await RefundAsync(order, remaining, TicketLifecycle.DeterministicKey(order.Id, "cancel"), ct) is { } failure)
            {
                return Payload<TicketOrder>.Failure(failure);
            }
        }

        if (!await lifecycle.CloseAsync(order.Id, order.Status, TicketOrderStatus.Refunded, why, ct, refunded: order.Total))
        {
            // A webhook (the refund's own charge.refunded) closed it first: the outcome is the same.
            var now = await lifecycle.LoadAsync(order.Id, ct);
            return now.Status == TicketOrderStatus.Refunded
                ? Payload<TicketOrder>.Success(now)
                : Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotCancellable, "This order changed meanwhile; look at it again.", "input", "orderId"));
        }

        return Payload<TicketOrder>.Success(await lifecycle.LoadAsync(order.Id, ct));
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
            await TicketLifecycle.LockAsync(write, order.Id, ct);
            var now = await write.TicketOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
            if (now.Status != order.Status || now.RefundedAmount != order.RefundedAmount)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotRefundable, "This order changed meanwhile; look at it again.", "input", "orderId"));
            }

            // The key names the refund by the state it starts from: a retry of the same request refunds once, a second one again.
            if (amount > 0 && await RefundAsync(order, amount, TicketLifecycle.DeterministicKey(order.Id, $"part:{order.RefundedAmount}:{amount}"), ct) is { } failure)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<TicketOrder>.Failure(failure);
            }

            await write.TicketOrders.Where(o => o.Id == order.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedAmount, o => o.RefundedAmount + amount)
                    .SetProperty(o => o.Status, amount > 0 ? TicketOrderStatus.PartiallyRefunded : order.Status).SetProperty(o => o.CloseReason, text), ct);
            await lifecycle.CancelTicketsAsync(write, order.ConferenceId, cancelTickets, ct);
            await transaction.CommitAsync(ct);
        }

        return Payload<TicketOrder>.Success(await lifecycle.LoadAsync(order.Id, ct));
    }

    /// <summary>Names the attendee of a ticket bought without one (an agency's block): its code stays the same.</summary>
    public async Task<Payload<Ticket>> AssignAsync(Guid ticketId, AttendeeInput attendee, TicketActor actor, CancellationToken ct)
    {
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        var order = ticket is null ? null : await db.TicketOrders.AsNoTracking().SingleAsync(o => o.Id == ticket.OrderId, ct);
        if (ticket is null || !MayActOn(order!, actor))
        {
            return Payload<Ticket>.Failure(errors.Add(UserErrorCodes.NotFound, "No ticket of yours has this ID.", "input", "ticketId"));
        }

        if (ticket.AttendeeMemberId is not null || ticket.AttendeeName is not null)
        {
            errors.Add(UserErrorCodes.AlreadyRecorded, "This ticket names its attendee already; transfer it to change who uses it.", "input", "ticketId");
        }
        else if (ticket.Status is not (TicketStatus.Valid or TicketStatus.Reserved))
        {
            errors.Add(UserErrorCodes.NotTransferable, $"This ticket is {ticket.Status.ToString().ToLowerInvariant()}.", "input", "ticketId");
        }

        var type = await db.TicketTypes.AsNoTracking().SingleAsync(t => t.Id == ticket.TicketTypeId, ct);
        var (memberId, name, email) = await CheckAttendeeAsync(db, errors, attendee, type, order!, actor, calendar.Today(), ct);
        if (errors.Any)
        {
            return Payload<Ticket>.Failure(errors);
        }

        if (await db.Tickets.Where(t => t.Id == ticket.Id && t.AttendeeMemberId == null && t.AttendeeName == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.AttendeeMemberId, memberId).SetProperty(t => t.AttendeeName, name)
                    .SetProperty(t => t.AttendeeNameKey, name == null ? null : TextKeys.Normalize(name)).SetProperty(t => t.AttendeeEmail, email), ct) == 0)
        {
            return Payload<Ticket>.Failure(errors.Add(UserErrorCodes.AlreadyRecorded, "This ticket was named meanwhile.", "input", "ticketId"));
        }

        return Payload<Ticket>.Success(await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id, ct));
    }

    /// <summary>
    /// Passes a valid ticket to another person: the old ticket (and its code) becomes Transferred, a new ticket with a
    /// new code takes its seat, and the trail keeps both. Holders until the transfer cut-off; staff always.
    /// </summary>
    public async Task<Payload<Ticket>> TransferAsync(Guid ticketId, AttendeeInput to, TicketActor actor, CancellationToken ct)
    {
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        var order = ticket is null ? null : await db.TicketOrders.AsNoTracking().SingleAsync(o => o.Id == ticket.OrderId, ct);
        var holder = ticket is not null && actor.MemberId is { } self && ticket.AttendeeMemberId == self;
        if (ticket is null || !(holder || MayActOn(order!, actor)))
        {
            return Payload<Ticket>.Failure(errors.Add(UserErrorCodes.NotFound, "No ticket of yours has this ID.", "input", "ticketId"));
        }

        var conference = await db.Conferences.AsNoTracking().SingleAsync(c => c.Id == ticket.ConferenceId, ct);
        if (ticket.Status != TicketStatus.Valid)
        {
            errors.Add(UserErrorCodes.NotTransferable, $"Only a valid, unused ticket can be transferred; this one is {ticket.Status.ToString().ToLowerInvariant()}.", "input", "ticketId");
        }
        else if (!actor.IsStaff && calendar.Now() > conference.TransferCutoffAt)
        {
            errors.Add(UserErrorCodes.TransferClosed, $"Tickets could be transferred until {conference.TransferCutoffAt:u}; ask the association's staff.", "input", "ticketId");
        }

        var type = await db.TicketTypes.AsNoTracking().SingleAsync(t => t.Id == ticket.TicketTypeId, ct);
        var (memberId, name, email) = await CheckAttendeeAsync(db, errors, to, type, order!, actor, calendar.Today(), ct, "to");
        if (errors.Any)
        {
            return Payload<Ticket>.Failure(errors);
        }

        var now = calendar.Now();
        var replacement = new Ticket
        {
            Id = calendar.NewId(), OrderId = ticket.OrderId, ConferenceId = ticket.ConferenceId, TicketTypeId = ticket.TicketTypeId, Price = ticket.Price,
            AttendeeMemberId = memberId, AttendeeName = name, AttendeeNameKey = name == null ? null : TextKeys.Normalize(name), AttendeeEmail = email,
            Status = TicketStatus.Valid, Code = string.Empty, CreatedAt = now,
        };
        replacement.Code = codes.New(replacement.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Tickets.Add(replacement);
        await db.SaveChangesAsync(ct);
        if (await db.Tickets.Where(t => t.Id == ticket.Id && t.Status == TicketStatus.Valid)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Transferred).SetProperty(t => t.TransferredToId, replacement.Id), ct) == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Payload<Ticket>.Failure(errors.Add(UserErrorCodes.NotTransferable, "This ticket was used, cancelled or transferred meanwhile.", "input", "ticketId"));
        }

        db.TicketTransfers.Add(new TicketTransfer
        {
            Id = calendar.NewId(), FromTicketId = ticket.Id, ToTicketId = replacement.Id, FromName = ticket.AttendeeName, ToName = name, By = actor.Subject, At = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Payload<Ticket>.Success(replacement);
    }

    /// <summary>Joins the waiting list of a sold-out ticket type: a member as themself, anyone else with a name and e-mail.</summary>
    public async Task<Payload<WaitingListEntry>> JoinWaitingListAsync(Guid ticketTypeId, Guid? memberId, string? name, string? email, CancellationToken ct)
    {
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var type = await db.TicketTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketTypeId, ct);
        var conference = type is null ? null : await db.Conferences.AsNoTracking().SingleAsync(c => c.Id == type.ConferenceId, ct);
        if (type is null || conference!.Status == ConferenceStatus.Draft)
        {
            return Payload<WaitingListEntry>.Failure(errors.Add(UserErrorCodes.NotFound, "No ticket type has this ID.", "input", "ticketTypeId"));
        }

        var member = memberId is { } id ? await db.Members.AsNoTracking().SingleAsync(m => m.Id == id, ct) : null;
        var who = member is null ? errors.RequiredName(name, 201, "input", "name") : $"{member.FirstName} {member.LastName}";
        var address = member is null ? MemberRules.NormalizeEmail(errors.Email(email, 254, "input", "email")) : member.Email;
        var now = calendar.Now();
        if (conference.Status != ConferenceStatus.OnSale || now > conference.RegistrationClosesAt || now > type.SalesEndAt)
        {
            errors.Add(UserErrorCodes.NotOnSale, $"{type.Name} is not on sale any more.", "input", "ticketTypeId");
        }
        else if (type.Taken < type.Quota && conference.SeatsTaken < conference.Capacity)
        {
            errors.Add(UserErrorCodes.NotSoldOut, $"{type.Name} is not sold out: buy a ticket instead.", "input", "ticketTypeId");
        }
        else if (await db.WaitingList.AnyAsync(w => w.TicketTypeId == type.Id && (w.Status == WaitingStatus.Waiting || w.Status == WaitingStatus.Offered)
                     && (w.Email == address || (memberId != null && w.MemberId == memberId)), ct))
        {
            errors.Add(UserErrorCodes.AlreadyWaiting, "You are on this waiting list already.", "input", "ticketTypeId");
        }

        if (errors.Any)
        {
            return Payload<WaitingListEntry>.Failure(errors);
        }

        var entry = new WaitingListEntry
        {
            Id = calendar.NewId(), TicketTypeId = type.Id, MemberId = memberId, Name = who, Email = address, Status = WaitingStatus.Waiting, JoinedAt = now,
            OpenKey = OpenKey(type.Id, address),
        };
        db.WaitingList.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same person joined at the same moment in another request: its place stands, this one is the duplicate.
            return Payload<WaitingListEntry>.Failure(new UserErrors().Add(UserErrorCodes.AlreadyWaiting, "You are on this waiting list already.", "input", "ticketTypeId"));
        }

        return Payload<WaitingListEntry>.Success(entry);
    }

    /// <summary>
    /// Unique while an entry is waiting or offered (null once it closes): one open place per e-mail address and ticket
    /// type, however many joins race (a member's entry carries the member's address, so a member and a guest entry with
    /// that address are one person, as the check before the insert says).
    /// </summary>
    internal static string OpenKey(Guid ticketTypeId, string email) => $"{ticketTypeId}:{email.ToLowerInvariant()}";

    /// <summary>Leaves a waiting list; an open offer is declined, and its seat goes to the next person.</summary>
    public async Task<Payload<WaitingListEntry>> LeaveWaitingListAsync(Guid entryId, TicketActor actor, CancellationToken ct)
    {
        var errors = new UserErrors();
        WaitingListEntry? entry;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            entry = await db.WaitingList.AsNoTracking().SingleOrDefaultAsync(w => w.Id == entryId, ct);
            if (entry is null || !(actor.IsStaff || (actor.MemberId is { } self && entry.MemberId == self)))
            {
                return Payload<WaitingListEntry>.Failure(errors.Add(UserErrorCodes.NotFound, "No waiting-list entry of yours has this ID.", "input", "entryId"));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var was = entry.Status;
            if (was is not (WaitingStatus.Waiting or WaitingStatus.Offered) || await db.WaitingList.Where(w => w.Id == entryId && w.Status == was)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WaitingStatus.Left).SetProperty(w => w.OpenKey, (string?)null), ct) == 0)
            {
                return Payload<WaitingListEntry>.Failure(errors.Add(UserErrorCodes.NotCancellable, "This entry is no longer waiting.", "input", "entryId"));
            }

            if (was == WaitingStatus.Offered)
            {
                await lifecycle.ReleaseOfferAsync(db, entry, ct);
            }

            await transaction.CommitAsync(ct);
            entry.Status = WaitingStatus.Left;
        }

        return Payload<WaitingListEntry>.Success(entry);
    }

    /// <summary>
    /// Staff, or the member who placed the order. An agency's block is managed by the officer who bought it: other
    /// members of the agency neither see nor change it (an attendee it names sees and transfers their own ticket).
    /// </summary>
    internal static bool MayActOn(TicketOrder order, TicketActor actor) =>
        actor.IsStaff || (actor.MemberId is { } self && order.BuyerMemberId == self);

    /// <summary>
    /// An attendee: a member (oneself; staff anyone; for an agency's order, a current officer of that agency) or a name and
    /// e-mail. Members-only and good-standing types need a member who qualifies.
    /// </summary>
    internal static async Task<(Guid? MemberId, string? Name, string? Email)> CheckAttendeeAsync(MembershipDbContext db, UserErrors errors, AttendeeInput attendee,
        TicketType type, TicketOrder order, TicketActor actor, DateOnly today, CancellationToken ct, string field = "attendee")
    {
        if (attendee.MemberId is { } id)
        {
            var member = await db.Members.AsNoTracking().Include(m => m.CurrentTerm).SingleOrDefaultAsync(m => m.Id == id, ct);
            if (!actor.IsStaff && actor.MemberId != id && !OtherMembers.IsCurrentOfficerOf(member, order.BuyerAgencyId, today))
            {
                errors.CannotInclude("input", field, "memberId"); // one answer, whatever the reason
                return (null, null, null);
            }

            if (member is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No member has this ID.", "input", field, "memberId");
                return (null, null, null);
            }

            var standing = MembershipStatusRules.IsInGoodStanding(MembershipStatusRules.Compute(member.CurrentTerm, member.SuspendedAt, today));
            if (type.RequiresGoodStanding && !standing)
            {
                errors.Add(UserErrorCodes.NotInGoodStanding, $"{type.Name} needs a member in good standing.", "input", field, "memberId");
            }
            else if (type.MembersOnly && !standing)
            {
                errors.Add(UserErrorCodes.MembersOnly, $"{type.Name} is for current members (active or in grace).", "input", field, "memberId");
            }

            return (id, $"{member.FirstName} {member.LastName}", member.Email);
        }

        if (type.MembersOnly || type.RequiresGoodStanding)
        {
            errors.Add(UserErrorCodes.MembersOnly, $"{type.Name} is for members only: name a member.", "input", field, "memberId");
        }

        return (null, errors.RequiredName(attendee.Name, 201, "input", field, "name"), MemberRules.NormalizeEmail(errors.Email(attendee.Email, 254, "input", field, "email")));
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
