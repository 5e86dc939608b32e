using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Conferences.Sales;

/// <summary>
/// A signed-in buyer of one conference's tickets ("user:{subject}" or "client:{client id}"). Its row is what the
/// buyer's purchases lock, so the caps on their unpaid orders hold under concurrency and across instances.
/// </summary>
public sealed class TicketBuyer
{
    public Guid ConferenceId { get; set; }
    public required string BuyerKey { get; set; }
    public DateTimeOffset LastPurchaseAt { get; set; }
}

internal sealed class TicketBuyerConfiguration : IEntityTypeConfiguration<TicketBuyer>
{
    public void Configure(EntityTypeBuilder<TicketBuyer> builder)
    {
        builder.HasKey(b => new { b.ConferenceId, b.BuyerKey });
        builder.Property(b => b.BuyerKey).HasMaxLength(BuyerCaps.KeyMaxLength);
        builder.HasOne<Conference>().WithMany().HasForeignKey(b => b.ConferenceId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Holding seats costs nothing until the hold ends, so a signed-in buyer may hold at most a few unpaid orders and seats
/// per conference (<c>Tickets:MaxPendingOrdersPerBuyer</c>, <c>Tickets:MaxHeldSeatsPerBuyer</c>). Checked inside the
/// purchase's transaction under the buyer's row lock: racing requests, and aliased mutations of one request, queue
/// behind each other and each sees what the one before it held. Staff are not capped; anonymous buyers are limited per address.
/// </summary>
internal static class BuyerCaps
{
    public const int KeyMaxLength = 140;

    /// <summary>The buyer's row, made once outside the purchase's transaction (a lost insert race is someone else's same row).</summary>
    public static async Task EnsureAsync(MembershipDbContext db, Guid conferenceId, string buyerKey, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.TicketBuyers.AnyAsync(b => b.ConferenceId == conferenceId && b.BuyerKey == buyerKey, ct))
        {
            return;
        }

        try
        {
            db.TicketBuyers.Add(new TicketBuyer { ConferenceId = conferenceId, BuyerKey = buyerKey, LastPurchaseAt = now });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another purchase of this buyer inserted it first.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Locks the buyer's row (an UPDATE holds it to the end of the transaction), then checks the caps; false with a user error when over.</summary>
    public static async Task<bool> TryHoldAsync(MembershipDbContext db, Guid conferenceId, string buyerKey, int seats, TicketOptions options, DateTimeOffset now,
        UserErrors errors, CancellationToken ct)
    {
        await db.TicketBuyers.Where(b => b.ConferenceId == conferenceId && b.BuyerKey == buyerKey)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LastPurchaseAt, now), ct);
        // A hold that has run out counts no more, though the expiry job may not have closed its order yet.
        var pending = await db.TicketOrders.Where(o => o.ConferenceId == conferenceId && o.BuyerKey == buyerKey && o.Status == TicketOrderStatus.Pending && o.HoldExpiresAt > now)
            .Select(o => o.Tickets.Count).ToListAsync(ct);
        if (pending.Count + 1 > options.MaxPendingOrdersPerBuyer)
        {
            errors.Add(UserErrorCodes.HoldLimitReached,
                $"You already have {pending.Count} unpaid orders for this conference (at most {options.MaxPendingOrdersPerBuyer}); pay or cancel one first.", "input", "items");
            return false;
        }

        if (pending.Sum() + seats > options.MaxHeldSeatsPerBuyer)
        {
            errors.Add(UserErrorCodes.HoldLimitReached,
                $"Unpaid orders may hold at most {options.MaxHeldSeatsPerBuyer} seats of this conference per buyer; you hold {pending.Sum()}. Pay or cancel an order first.", "input", "items");
            return false;
        }

        return true;
    }
}
