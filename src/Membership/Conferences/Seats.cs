using Microsoft.EntityFrameworkCore;
using Membership.Data;

namespace Membership.Conferences;

/// <summary>
/// The seat counters. Taking seats is one conditional UPDATE per ticket type (in a fixed order) and one for the event,
/// each "only if there is room": under any rush no counter passes its limit and nothing deadlocks.
/// </summary>
public static class Seats
{
    /// <summary>Takes all the seats or none (what it took before a full type is given back); returns the full type, Guid.Empty for a full event, or null.</summary>
    public static async Task<Guid?> TryTakeAsync(MembershipDbContext db, Guid conferenceId, IReadOnlyDictionary<Guid, int> perType, CancellationToken ct)
    {
        var taken = new Dictionary<Guid, int>();
        foreach (var (typeId, count) in perType.Where(p => p.Value > 0).OrderBy(p => p.Key))
        {
            if (await db.TicketTypes.Where(t => t.Id == typeId && t.Taken + count <= t.Quota)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Taken, t => t.Taken + count), ct) == 0)
            {
                await ReleaseAsync(db, conferenceId, taken, ct, includeEvent: false);
                return typeId;
            }

            taken[typeId] = count;
        }

        var total = taken.Values.Sum();
        if (total > 0 && await db.Conferences.Where(c => c.Id == conferenceId && c.SeatsTaken + total <= c.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken + total), ct) == 0)
        {
            await ReleaseAsync(db, conferenceId, taken, ct, includeEvent: false);
            return Guid.Empty;
        }

        return null;
    }

    public static async Task ReleaseAsync(MembershipDbContext db, Guid conferenceId, IReadOnlyDictionary<Guid, int> perType, CancellationToken ct, bool includeEvent = true)
    {
        foreach (var (typeId, count) in perType.Where(p => p.Value > 0).OrderBy(p => p.Key))
        {
            await db.TicketTypes.Where(t => t.Id == typeId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Taken, t => t.Taken - count), ct);
        }

        var total = perType.Values.Sum();
        if (total > 0 && includeEvent)
        {
            await db.Conferences.Where(c => c.Id == conferenceId).ExecuteUpdateAsync(s => s.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken - total), ct);
        }
    }
}
