using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Dues.Payments;

/// <summary>
/// One payment of dues: for one member, or for a list of an agency's officers. It stays Pending until Stripe says
/// otherwise; the webhook (or reconciliation) fulfils it exactly once, line by line.
/// </summary>
public sealed class DuesPayment
{
    public Guid Id { get; set; }

    /// <summary>Shown on the receipt, e.g. R-2026-000123.</summary>
    public required string ReceiptNumber { get; set; }
    public DuesPaymentKind Kind { get; set; }

    /// <summary>Who pays: a member (for themself), an agency (for its officers), staff acting for either.</summary>
    public Guid? PayerMemberId { get; set; }
    public Guid? AgencyId { get; set; }
    public Guid PlanId { get; set; }

    /// <summary>In minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public long RefundedAmount { get; set; }

    public DuesPaymentStatus Status { get; set; }
    public bool AutoRenew { get; set; }

    /// <summary>Sent as Stripe's Idempotency-Key when the checkout is created: a retried request cannot make a second one.</summary>
    public Guid IdempotencyKey { get; set; }

    public string? StripeCustomerId { get; set; }
    public string? StripeCheckoutSessionId { get; set; }
    public string? StripePaymentIntentId { get; set; }
    public string? StripeSubscriptionId { get; set; }
    public string? StripeInvoiceId { get; set; }
    public string? CheckoutUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
    public string CreatedBy { get; set; } = string.Empty;

    public List<DuesPaymentLine> Lines { get; } = [];
}

public enum DuesPaymentKind
{
    /// <summary>A member's own dues.</summary>
    Individual,

    /// <summary>An agency pays for a list of its officers in one checkout.</summary>
    AgencyGroup,

    /// <summary>An automatic renewal: an invoice of a dues subscription.</summary>
    Renewal,
}

public enum DuesPaymentStatus
{
    Pending,
    Succeeded,
    Failed,
    Expired,
    Refunded,
    PartiallyRefunded,
}

/// <summary>One member's part of a payment; once fulfilled it names the term it paid for.</summary>
public sealed class DuesPaymentLine
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Guid MemberId { get; set; }
    public long Amount { get; set; }

    /// <summary>The term this line paid for; set exactly once (a unique index on the term's side makes sure).</summary>
    public Guid? TermId { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
}

/// <summary>Stripe's customer for a member or an agency: created once, reused for every payment.</summary>
public sealed class PaymentCustomer
{
    public Guid Id { get; set; }
    public Guid? MemberId { get; set; }
    public Guid? AgencyId { get; set; }
    public required string StripeCustomerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member's automatic renewal (a Stripe subscription), as Stripe last described it.</summary>
public sealed class DuesSubscription
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid PlanId { get; set; }
    public required string StripeSubscriptionId { get; set; }
    public required string Status { get; set; }
    public bool CancelAtPeriodEnd { get; set; }
    public DateTimeOffset? CurrentPeriodEnd { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A refund staff issued through Stripe.</summary>
public sealed class DuesRefund
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public long Amount { get; set; }
    public required string Reason { get; set; }
    public Guid IdempotencyKey { get; set; }
    public string? StripeRefundId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
}

internal sealed class DuesPaymentConfiguration : IEntityTypeConfiguration<DuesPayment>, IEntityTypeConfiguration<DuesPaymentLine>,
    IEntityTypeConfiguration<PaymentCustomer>, IEntityTypeConfiguration<DuesSubscription>,
    IEntityTypeConfiguration<DuesRefund>
{
    public void Configure(EntityTypeBuilder<DuesPayment> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ReceiptNumber).HasMaxLength(20);
        builder.Property(p => p.Kind).HasMaxLength(16);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        foreach (var stripeId in new[] { nameof(DuesPayment.StripeCustomerId), nameof(DuesPayment.StripeCheckoutSessionId), nameof(DuesPayment.StripePaymentIntentId),
                     nameof(DuesPayment.StripeSubscriptionId), nameof(DuesPayment.StripeInvoiceId) })
        {
            builder.Property(stripeId).HasMaxLength(100);
        }

        builder.Property(p => p.CheckoutUrl).HasMaxLength(1000);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(p => p.PayerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MembershipPlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ReceiptNumber).IsUnique();
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
        builder.HasIndex(p => p.StripeCheckoutSessionId).IsUnique();
        builder.HasIndex(p => p.StripeInvoiceId).IsUnique();
        builder.HasIndex(p => p.StripePaymentIntentId);
        builder.HasIndex(p => p.StripeSubscriptionId);
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
        builder.HasIndex(p => new { p.PayerMemberId, p.CreatedAt });
        builder.HasIndex(p => new { p.AgencyId, p.CreatedAt });
        builder.HasIndex(p => new { p.PlanId, p.CreatedAt });
        builder.HasIndex(p => p.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<DuesPaymentLine> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Members.MembershipTerm>().WithMany().HasForeignKey(l => l.TermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.MemberId);
        builder.HasIndex(l => l.TermId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PaymentCustomer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.StripeCustomerId).HasMaxLength(100);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.MemberId).IsUnique();
        builder.HasIndex(c => c.AgencyId).IsUnique();
        builder.HasIndex(c => c.StripeCustomerId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<DuesSubscription> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.StripeSubscriptionId).HasMaxLength(100);
        builder.Property(s => s.Status).HasMaxLength(30);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MembershipPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.StripeSubscriptionId).IsUnique();
        builder.HasIndex(s => s.MemberId);
    }

    public void Configure(EntityTypeBuilder<DuesRefund> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.StripeRefundId).HasMaxLength(100);
        builder.Property(r => r.CreatedBy).HasMaxLength(200);
        builder.HasOne<DuesPayment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.PaymentId);
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        builder.HasIndex(r => r.StripeRefundId).IsUnique();
    }
}
