using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conferences.Lifecycle;

/// <summary>Someone a ticket is for: a member, or a name and e-mail address.</summary>
public sealed record AttendeeInput(Guid? MemberId, string? Name, string? Email);

/// <summary>
/// Who uses a ticket: naming the attendee of a ticket bought without one (an agency's block), and passing a ticket to
/// another person. Each change is conditional on the state it starts from, so racing requests act once.
/// </summary>
public sealed class TicketAttendees(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, TicketCodes codes)
{
    /// <summary>Names the attendee of a ticket bought without one (an agency's block): its code stays the same.</summary>
    public async Task<Payload<Ticket>> AssignAsync(Guid ticketId, AttendeeInput attendee, TicketActor actor, CancellationToken ct)
    {
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        var order = ticket is null ? null : await db.TicketOrders.AsNoTracking().SingleAsync(o => o.Id == ticket.OrderId, ct);
        if (ticket is null || !actor.MayActOn(order!))
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
        if (ticket is null || !(holder || actor.MayActOn(order!)))
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
            Id = RecordIds.New(), OrderId = ticket.OrderId, ConferenceId = ticket.ConferenceId, TicketTypeId = ticket.TicketTypeId, Price = ticket.Price,
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
            Id = RecordIds.New(), FromTicketId = ticket.Id, ToTicketId = replacement.Id, FromName = ticket.AttendeeName, ToName = name, By = actor.Subject, At = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Payload<Ticket>.Success(replacement);
    }

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
}
