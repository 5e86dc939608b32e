using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Dues.Reminders;

/// <summary>
/// One step of the renewal reminders, as data: a day relative to a term's end (or to its grace's end) and the mail's
/// subject and text with placeholders (<see cref="ReminderTemplates"/>). Steps are edited, never deleted: the mails sent
/// name them.
/// </summary>
public sealed class RenewalReminderStep
{
    public Guid Id { get; set; }

    /// <summary>A stable name (before-60, grace, lapsed): what staff filter by and what the mail's dedupe key holds.</summary>
    public required string Key { get; set; }

    public ReminderAnchor Anchor { get; set; }

    /// <summary>Days from the anchor day: negative before it (-60: sixty days before the term ends), positive after.</summary>
    public int OffsetDays { get; set; }

    public required string Subject { get; set; }
    public required string Text { get; set; }
    public bool IsActive { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum ReminderAnchor
{
    /// <summary>The last day of the term (<c>EndsOn</c>).</summary>
    TermEnd,

    /// <summary>The last day of grace (<c>GraceEndsOn</c>); +1 is the first day the membership is lapsed.</summary>
    GraceEnd,
}

/// <summary>A reminder mailed: one per member, term and step, whichever instance sent it (a unique key says so).</summary>
public sealed class RenewalReminder
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid TermId { get; set; }
    public Guid StepId { get; set; }

    /// <summary>The step's key when it was sent.</summary>
    public required string StepKey { get; set; }

    /// <summary>The day the step fell due for this term.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>When it was queued; the outbox row <see cref="MailId"/> says when it went out.</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The outbox row; no foreign key, as the outbox deletes rows past their retention and this record stays.</summary>
    public Guid MailId { get; set; }
}

internal sealed class RenewalReminderConfiguration : IEntityTypeConfiguration<RenewalReminderStep>, IEntityTypeConfiguration<RenewalReminder>
{
    public void Configure(EntityTypeBuilder<RenewalReminderStep> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Key).HasMaxLength(ReminderTemplates.KeyMaxLength);
        builder.Property(s => s.Anchor).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Subject).HasMaxLength(ReminderTemplates.SubjectMaxLength);
        builder.Property(s => s.Text).HasMaxLength(ReminderTemplates.TextMaxLength);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => new { s.Anchor, s.OffsetDays }).IsUnique(); // two steps never fall on one day
        builder.HasData(ReminderTemplates.DefaultSteps);
    }

    public void Configure(EntityTypeBuilder<RenewalReminder> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.StepKey).HasMaxLength(ReminderTemplates.KeyMaxLength);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Members.MembershipTerm>().WithMany().HasForeignKey(r => r.TermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RenewalReminderStep>().WithMany().HasForeignKey(r => r.StepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.MemberId, r.TermId, r.StepId }).IsUnique(); // once per member, term and step, across instances
        builder.HasIndex(r => new { r.TermId, r.DueOn });
        builder.HasIndex(r => new { r.SentAt, r.Id });
        builder.HasIndex(r => new { r.StepKey, r.SentAt, r.Id }); // staff filter by step
    }
}
