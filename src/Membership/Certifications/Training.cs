using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Certifications;

/// <summary>In-service training a member reports (outside the association's courses); it counts once staff approve it.</summary>
public sealed class InServiceTraining : IReviewed
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public required string Title { get; set; }
    public required string Provider { get; set; }
    public DateOnly CompletedOn { get; set; }
    public int DurationMinutes { get; set; }
    public TrainingCategory Category { get; set; }
    public ReviewStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? RejectionReason { get; set; }
}

public enum TrainingCategory
{
    /// <summary>School safety: threat assessment, emergency drills, de-escalation in schools, …</summary>
    SchoolSafety,

    /// <summary>Juvenile-related: the adolescent brain, juvenile law, special education, mental health, …</summary>
    Juvenile,

    /// <summary>Anything else: recorded, but not counted toward the designation.</summary>
    Other,
}

public enum ReviewStatus
{
    Submitted,
    Approved,
    Rejected,
}

/// <summary>A member attended a national conference (recorded by staff, or by a ticket check-in).</summary>
public sealed class ConferenceAttendance
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public int Year { get; set; }
    public DateOnly AttendedOn { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<InServiceTraining>, IEntityTypeConfiguration<ConferenceAttendance>
{
    public void Configure(EntityTypeBuilder<InServiceTraining> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Provider).HasMaxLength(200);
        builder.Property(t => t.Category).HasMaxLength(16);
        builder.Property(t => t.Status).HasMaxLength(16);
        builder.Property(t => t.ReviewedBy).HasMaxLength(200);
        builder.Property(t => t.RejectionReason).HasMaxLength(500);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.MemberId, t.CompletedOn });
        builder.HasIndex(t => new { t.Status, t.SubmittedAt });
    }

    public void Configure(EntityTypeBuilder<ConferenceAttendance> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Source).HasMaxLength(32);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MemberId, a.Year }).IsUnique();
    }
}
