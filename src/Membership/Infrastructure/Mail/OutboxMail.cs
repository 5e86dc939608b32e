using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Infrastructure.Mail;

/// <summary>
/// One message in the outbox: written in the transaction of what caused it, sent later by <see cref="MailOutboxSender"/>.
/// A row is due while <see cref="NextAttemptAt"/> is set; sending or giving up clears it.
/// </summary>
public sealed class OutboxMail
{
    public Guid Id { get; set; }

    /// <summary>What the message is for (<see cref="MailKinds"/>): what staff filter by and tests look for.</summary>
    public required string Kind { get; set; }

    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>Unique when set: a second row with the same key cannot be written, so "once per X" holds across instances.</summary>
    public string? DedupeKey { get; set; }

    /// <summary>The body holds a credential (a reset or confirmation link): it is blanked once sent or given up.</summary>
    public bool HoldsCredential { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Claims so far, counted when claimed: a message that kills its sender still runs out of attempts.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Until when <see cref="ClaimedBy"/> may send it; after that another sender may claim it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? GaveUpAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("MailOutbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.DedupeKey).HasMaxLength(400);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        builder.HasIndex(m => m.NextAttemptAt);
        builder.HasIndex(m => new { m.Recipient, m.CreatedAt });
    }
}
