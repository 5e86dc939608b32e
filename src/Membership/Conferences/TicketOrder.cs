using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Membership.Conferences.Sales;

namespace Membership.Conferences;

/// <summary>
/// An order of tickets. Pending orders hold their seats until <see cref="HoldExpiresAt"/>; then they are paid, or they
/// expire and release the seats, or they are cancelled. Orders are never deleted.
/// </summary>
public sealed class TicketOrder
{
    public Guid Id { get; set; }

    /// <summary>Shown to people, e.g. T-2027-000123.</summary>
    public required string Number { get; set; }
    public Guid ConferenceId { get; set; }
    public Guid? BuyerMemberId { get; set; }
    public Guid? BuyerAgencyId { get; set; }
    public required string BuyerName { get; set; }
    public required string BuyerEmail { get; set; }

    /// <summary>The signed-in caller who placed it (see <see cref="TicketBuyer"/>); null for anonymous buyers.</summary>
    public string? BuyerKey { get; set; }
    public TicketOrderStatus Status { get; set; }
    public DateTimeOffset HoldExpiresAt { get; set; }
    public Guid? VoucherId { get; set; }

    /// <summary>Tickets the voucher discounted: each one is a use of it, given back if the order closes unpaid or cancelled.</summary>
    public int VoucherUses { get; set; }

    /// <summary>In minor units of <see cref="Currency"/>.</summary>
    public long Total { get; set; }
    public required string Currency { get; set; }
    public long RefundedAmount { get; set; }

    public Guid IdempotencyKey { get; set; }
    public string? StripeCheckoutSessionId { get; set; }
    public string? StripePaymentIntentId { get; set; }
    public string? CheckoutUrl { get; set; }

    /// <summary>The waiting-list offer this order redeemed: its seat was already held for it.</summary>
    public Guid? WaitingListEntryId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CloseReason { get; set; }
    public List<Ticket> Tickets { get; } = [];
}

public enum TicketOrderStatus
{
    Pending,
    Paid,
    Expired,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

/// <summary>One seat. Its code (for the QR) is a signed secret with no personal data; a transfer replaces it.</summary>
public sealed class Ticket
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid ConferenceId { get; set; }
    public Guid TicketTypeId { get; set; }
    public long Price { get; set; }
    public Guid? AttendeeMemberId { get; set; }
    public string? AttendeeName { get; set; }

    /// <summary>The name without case or accents, for staff's search.</summary>
    public string? AttendeeNameKey { get; set; }
    public string? AttendeeEmail { get; set; }
    public required string Code { get; set; }
    public TicketStatus Status { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public string? CheckedInBy { get; set; }

    /// <summary>After a transfer: the ticket that replaced this one.</summary>
    public Guid? TransferredToId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum TicketStatus
{
    /// <summary>Held by a pending order.</summary>
    Reserved,
    Valid,
    CheckedIn,
    Cancelled,
    Transferred,
}

/// <summary>The trail of a transfer: who passed which ticket to whom, when.</summary>
public sealed class TicketTransfer
{
    public Guid Id { get; set; }
    public Guid FromTicketId { get; set; }
    public Guid ToTicketId { get; set; }
    public string? FromName { get; set; }
    public string? ToName { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A person waiting for a seat of a sold-out ticket type; offered a freed seat in turn, for a limited time.</summary>
public sealed class WaitingListEntry
{
    public Guid Id { get; set; }
    public Guid TicketTypeId { get; set; }
    public Guid? MemberId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public WaitingStatus Status { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }

    /// <summary>The secret in the offer mail; purchasing with it uses the seat held for this entry.</summary>
    public string? OfferCode { get; set; }

    /// <summary>
    /// While the entry is Waiting or Offered: the ticket type and the person (member id or lower-case e-mail), unique,
    /// so one person holds one open place per type even when two joins race; null once the entry is closed.
    /// </summary>
    public string? OpenKey { get; set; }
}

public enum WaitingStatus
{
    Waiting,
    Offered,
    Accepted,
    Expired,
    Left,
}

internal sealed class TicketOrderConfiguration : IEntityTypeConfiguration<TicketOrder>, IEntityTypeConfiguration<Ticket>,
    IEntityTypeConfiguration<TicketTransfer>, IEntityTypeConfiguration<WaitingListEntry>
{
    public void Configure(EntityTypeBuilder<TicketOrder> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Number).HasMaxLength(20);
        builder.Property(o => o.BuyerName).HasMaxLength(201);
        builder.Property(o => o.BuyerEmail).HasMaxLength(254);
        builder.Property(o => o.BuyerKey).HasMaxLength(BuyerCaps.KeyMaxLength);
        builder.Property(o => o.Status).HasMaxLength(20);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.StripeCheckoutSessionId).HasMaxLength(100);
        builder.Property(o => o.StripePaymentIntentId).HasMaxLength(100);
        builder.Property(o => o.CheckoutUrl).HasMaxLength(1000);
        builder.Property(o => o.CloseReason).HasMaxLength(500);
        builder.HasOne<Conference>().WithMany().HasForeignKey(o => o.ConferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(o => o.BuyerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(o => o.BuyerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Voucher>().WithMany().HasForeignKey(o => o.VoucherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Tickets).WithOne().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => o.IdempotencyKey).IsUnique();
        builder.HasIndex(o => o.StripeCheckoutSessionId).IsUnique();
        builder.HasIndex(o => o.StripePaymentIntentId);
        builder.HasIndex(o => new { o.Status, o.HoldExpiresAt });
        builder.HasIndex(o => new { o.ConferenceId, o.CreatedAt });
        builder.HasIndex(o => new { o.BuyerMemberId, o.CreatedAt });
        builder.HasIndex(o => new { o.ConferenceId, o.BuyerEmail });
        builder.HasIndex(o => new { o.ConferenceId, o.BuyerKey, o.Status });
    }

    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.AttendeeName).HasMaxLength(201);
        builder.Property(t => t.AttendeeNameKey).HasMaxLength(201);
        builder.Property(t => t.AttendeeEmail).HasMaxLength(254);
        builder.Property(t => t.Code).HasMaxLength(300);
        builder.Property(t => t.Status).HasMaxLength(16);
        builder.Property(t => t.CheckedInBy).HasMaxLength(200);
        builder.HasOne<TicketType>().WithMany().HasForeignKey(t => t.TicketTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.AttendeeMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.HasIndex(t => new { t.ConferenceId, t.Status });
        builder.HasIndex(t => new { t.ConferenceId, t.CreatedAt });
        builder.HasIndex(t => new { t.TicketTypeId, t.Status });
        builder.HasIndex(t => t.AttendeeMemberId);
        builder.HasIndex(t => new { t.ConferenceId, t.AttendeeEmail });
    }

    public void Configure(EntityTypeBuilder<TicketTransfer> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.FromName).HasMaxLength(201);
        builder.Property(t => t.ToName).HasMaxLength(201);
        builder.Property(t => t.By).HasMaxLength(200);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(t => t.FromTicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(t => t.ToTicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.FromTicketId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<WaitingListEntry> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Name).HasMaxLength(201);
        builder.Property(w => w.Email).HasMaxLength(254);
        builder.Property(w => w.Status).HasMaxLength(16);
        builder.Property(w => w.OfferCode).HasMaxLength(64);
        builder.HasOne<TicketType>().WithMany().HasForeignKey(w => w.TicketTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => new { w.TicketTypeId, w.Status, w.JoinedAt });
        builder.HasIndex(w => w.OfferCode).IsUnique();
        builder.Property(w => w.OpenKey).HasMaxLength(300);
        builder.HasIndex(w => w.OpenKey).IsUnique();
    }
}
