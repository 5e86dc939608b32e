using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Payments;

/// <summary>A Stripe event we have applied. Inserted in the same transaction as its effects: an event applies once.</summary>
public sealed class StripeEventRecord
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public string? ObjectId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Where it came from: the webhook, or reconciliation.</summary>
    public required string Source { get; set; }
}

internal sealed class StripeEventRecordConfiguration : IEntityTypeConfiguration<StripeEventRecord>
{
    public void Configure(EntityTypeBuilder<StripeEventRecord> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(100);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.ObjectId).HasMaxLength(100);
        builder.Property(e => e.Source).HasMaxLength(20);
        builder.HasIndex(e => e.ReceivedAt);
    }
}
