using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Certifications;

/// <summary>
/// The numbers and dates of the National SRO Practitioner designation. Data, not code: one row, seeded by migration,
/// changed by staff.
/// </summary>
public sealed class PractitionerRules
{
    public int Id { get; set; } = 1;

    /// <summary>Years of service as an SRO.</summary>
    public int MinimumYearsAsSro { get; set; } = 3;

    /// <summary>From this day only the association's own Basic course counts.</summary>
    public DateOnly AssociationBasicOnlyFrom { get; set; } = new(2023, 1, 1);

    /// <summary>Further school-safety or juvenile-related training, in minutes (160 hours).</summary>
    public int FurtherTrainingMinutes { get; set; } = 160 * 60;

    /// <summary>Training older than this many years does not count.</summary>
    public int TrainingWindowYears { get; set; } = 10;

    /// <summary>National conferences attended.</summary>
    public int MinimumConferences { get; set; } = 1;

    /// <summary>Months the designation certificate is valid; null: it does not expire.</summary>
    public int? DesignationValidityMonths { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A member's application for the designation, reviewed by staff.</summary>
public sealed class PractitionerApplication : IReviewed
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public ReviewStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? RejectionReason { get; set; }
    public Guid? CertificateId { get; set; }
}

internal sealed class PractitionerConfiguration : IEntityTypeConfiguration<PractitionerRules>, IEntityTypeConfiguration<PractitionerApplication>
{
    public void Configure(EntityTypeBuilder<PractitionerRules> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasData(new PractitionerRules { Id = 1, UpdatedAt = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero) });
    }

    public void Configure(EntityTypeBuilder<PractitionerApplication> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.ReviewedBy).HasMaxLength(200);
        builder.Property(a => a.RejectionReason).HasMaxLength(500);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Certificate>().WithMany().HasForeignKey(a => a.CertificateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MemberId, a.SubmittedAt });
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
    }
}
