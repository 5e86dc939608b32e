using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Membership.Data;

namespace Membership.Conferences;

/// <summary>A ticket's price: member or non-member, early bird until its date, then the voucher's discount; never below zero.</summary>
public static class TicketPricing
{
    public static long Price(TicketType type, bool memberPrice, DateTimeOffset now, Voucher? voucher)
    {
        var earlyBird = type.EarlyBirdUntil is { } until && now <= until;
        var price = memberPrice
            ? (earlyBird ? type.EarlyBirdMemberPrice ?? type.MemberPrice : type.MemberPrice)
            : (earlyBird ? type.EarlyBirdNonMemberPrice ?? type.NonMemberPrice : type.NonMemberPrice);
        if (voucher is not null && voucher.TicketTypes.Any(t => t.TicketTypeId == type.Id))
        {
            price -= voucher.PercentOff is { } percent ? price * percent / 100 : voucher.AmountOff ?? 0;
        }

        return Math.Max(0, price);
    }
}

/// <summary>
/// Ticket codes for the QR: a secret protected (signed and encrypted) with the data-protection keys every instance
/// shares; nothing personal inside. Codes are looked up by value, so a replaced (transferred) code stops working.
/// </summary>
public sealed class TicketCodes(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Membership.Tickets.Code.v1");

    public string New(Guid ticketId) =>
        _protector.Protect($"{ticketId:N}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}");

    /// <summary>The ticket a code was made for, if the code is genuine.</summary>
    public Guid? Read(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 300)
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(code.Trim());
            return Guid.TryParseExact(text.Split('.')[0], "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

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
