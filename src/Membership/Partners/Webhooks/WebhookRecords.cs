using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Partners.Webhooks;

/// <summary>What a partner can be told about; an endpoint subscribes to a set of them (<see cref="WebhookEndpoint.EventMask"/>).</summary>
public enum WebhookEventType
{
    CertificateIssued,
    CertificateSuspended,
    CertificateReinstated,
    CertificateRevoked,
    CertificateExpired,
    CertificateReissued,
    ConsentGranted,
    ConsentWithdrawn,
    MembershipStandingChanged,
}

public static class WebhookEventTypes
{
    /// <summary>The bit of <paramref name="type"/> in an endpoint's event mask.</summary>
    public static int Bit(this WebhookEventType type) => 1 << (int)type;

    public static int Mask(IEnumerable<WebhookEventType> types) => types.Aggregate(0, (mask, type) => mask | type.Bit());

    public static IReadOnlyList<WebhookEventType> Of(int mask) => [.. Enum.GetValues<WebhookEventType>().Where(t => (mask & t.Bit()) != 0)];

    /// <summary>The name in the delivered body's <c>type</c>: <c>certificate.suspended</c>, <c>membership.standing_changed</c>.</summary>
    public static string WireName(this WebhookEventType type) => type switch
    {
        WebhookEventType.CertificateIssued => "certificate.issued",
        WebhookEventType.CertificateSuspended => "certificate.suspended",
        WebhookEventType.CertificateReinstated => "certificate.reinstated",
        WebhookEventType.CertificateRevoked => "certificate.revoked",
        WebhookEventType.CertificateExpired => "certificate.expired",
        WebhookEventType.CertificateReissued => "certificate.reissued",
        WebhookEventType.ConsentGranted => "consent.granted",
        WebhookEventType.ConsentWithdrawn => "consent.withdrawn",
        WebhookEventType.MembershipStandingChanged => "membership.standing_changed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>A partner client's HTTPS address that is told of events about the agency's officers.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    /// <summary>The partner client that registered it (its client_id) and the agency that client verifies for.</summary>
    public required string ClientId { get; set; }
    public Guid AgencyId { get; set; }
    public required string Url { get; set; }

    /// <summary>The subscribed <see cref="WebhookEventType"/>s as bits (<see cref="WebhookEventTypes.Bit"/>), so fan-out filters in SQL.</summary>
    public int EventMask { get; set; }

    /// <summary>Who is mailed when the endpoint is disabled for failing (partner clients and agencies carry no address of their own).</summary>
    public required string ContactEmail { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>) as ASP.NET Core Data Protection protects it; shown once, never read back out.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretUntil"/>.</summary>
    public string? ProtectedPreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretUntil { get; set; }

    /// <summary>Start of the current run of failed attempts; cleared by any success. Three days of it disables the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Something that happened, written in the transaction of the change that caused it; <see cref="Body"/> is what every endpoint receives.</summary>
public sealed class WebhookEvent
{
    public Guid Id { get; set; }
    public WebhookEventType Type { get; set; }
    public Guid MemberId { get; set; }
    public Guid? CertificateId { get; set; }

    /// <summary>The exact JSON body delivered (and signed): <c>{ type, timestamp, data }</c>.</summary>
    public required string Body { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Unique when set: a change found by date (an expiry) is announced once, whichever instance finds it.</summary>
    public string? DedupeKey { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,

    /// <summary>Given up: three days of failed attempts (the partner may still redeliver it).</summary>
    Failed,
}

/// <summary>One event to one endpoint, with its retry state and the lease of the instance attempting it.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid EndpointId { get; set; }
    public Guid EventId { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>When the current run of attempts began (created, or redelivered): attempts stop <see cref="WebhookOptions.RetryForHours"/> after it.</summary>
    public DateTimeOffset RetryingSince { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery: when, what the endpoint answered or what went wrong, how long it took.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }
    public Guid DeliveryId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}

/// <summary>The good standing last announced for a consenting officer: a change that comes with the date is found by comparing.</summary>
public sealed class WebhookStandingMark
{
    public Guid MemberId { get; set; }
    public bool InGoodStanding { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<WebhookEndpoint>, IEntityTypeConfiguration<WebhookEvent>,
    IEntityTypeConfiguration<WebhookDelivery>, IEntityTypeConfiguration<WebhookAttempt>, IEntityTypeConfiguration<WebhookStandingMark>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ClientId).HasMaxLength(100);
        builder.Property(e => e.Url).HasMaxLength(WebhookUrls.MaxLength);
        builder.Property(e => e.ContactEmail).HasMaxLength(254);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        builder.Property(e => e.ProtectedPreviousSecret).HasMaxLength(1000);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ClientId, e.CreatedAt });
        builder.HasIndex(e => new { e.AgencyId, e.DisabledAt });
    }

    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(32);
        builder.Property(e => e.Body).HasMaxLength(8000);
        builder.Property(e => e.DedupeKey).HasMaxLength(100);
        builder.HasIndex(e => e.DedupeKey).IsUnique();
        builder.HasIndex(e => new { e.MemberId, e.OccurredAt });
        builder.HasIndex(e => new { e.CertificateId, e.Type });
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.Property(d => d.ClaimedBy).HasMaxLength(200);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.LeaseUntil });
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt, d.Id });
        builder.HasIndex(d => d.EventId);
    }

    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.DeliveryId, a.At });
    }

    public void Configure(EntityTypeBuilder<WebhookStandingMark> builder)
    {
        builder.HasKey(m => m.MemberId);
        builder.Property(m => m.MemberId).ValueGeneratedNever();
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
