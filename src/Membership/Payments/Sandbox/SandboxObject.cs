using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Payments.Sandbox;

/// <summary>
/// One thing the payment sandbox holds as Stripe would hold it (a customer, Checkout Session, subscription, payment
/// intent, charge, invoice, refund or event), or the answer it gave to an idempotency key: a JSON document keyed by
/// its Stripe id. In the database rather than in memory, so every instance and a restarted one see the same payments.
/// </summary>
public sealed class SandboxObject
{
    /// <summary>The order things happened in, across instances: events are listed newest first by it.</summary>
    public long Sequence { get; set; }

    /// <summary>Stripe's id (cs_test_…, evt_…), or "idempotency:" + method, path and key for a stored answer.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Stripe's "object" field (checkout.session, event, …), or "idempotency".</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Stripe's "created", in Unix seconds: what list requests filter on.</summary>
    public long Created { get; set; }

    public string Json { get; set; } = string.Empty;

    /// <summary>Bumped on every change: two instances changing one object at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class SandboxObjectConfiguration : IEntityTypeConfiguration<SandboxObject>
{
    public void Configure(EntityTypeBuilder<SandboxObject> builder)
    {
        builder.ToTable("SandboxObjects");
        builder.HasKey(o => o.Sequence);
        builder.Property(o => o.Sequence).ValueGeneratedOnAdd();
        builder.Property(o => o.Id).HasMaxLength(300).IsRequired();
        builder.Property(o => o.Type).HasMaxLength(40);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.Id).IsUnique();
        builder.HasIndex(o => new { o.Type, o.Created });
    }
}
