using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conferences.Lifecycle;

/// <summary>Places on the waiting list of a sold-out ticket type: joining, and leaving (which declines an open offer).</summary>
public sealed class WaitingListPlaces(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, TicketOrderTransitions transitions)
{
    /// <summary>Joins the waiting list of a sold-out ticket type: a member as themself, anyone else with a name and e-mail.</summary>
    public async Task<Payload<WaitingListEntry>> JoinAsync(Guid ticketTypeId, Guid? memberId, string? name, string? email, CancellationToken ct)
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
            Id = RecordIds.New(), TicketTypeId = type.Id, MemberId = memberId, Name = who, Email = address, Status = WaitingStatus.Waiting, JoinedAt = now,
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
    public async Task<Payload<WaitingListEntry>> LeaveAsync(Guid entryId, TicketActor actor, CancellationToken ct)
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
                await transitions.ReleaseOfferAsync(db, entry, ct);
            }

            await transaction.CommitAsync(ct);
            entry.Status = WaitingStatus.Left;
        }

        return Payload<WaitingListEntry>.Success(entry);
    }
}
