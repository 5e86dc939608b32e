using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Certifications;

/// <summary>
/// Proof of a completed course or of the Practitioner designation. Its number is for people; its verification code
/// is unguessable. Status is computed from the dates and staff actions whenever it is read.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; set; }

    /// <summary>Human-readable and unique, e.g. SRO-2027-004512.</summary>
    public required string Number { get; set; }

    /// <summary>Unguessable code printed on the certificate; the status link and the signed credential use it.</summary>
    public required string VerificationCode { get; set; }

    public Guid MemberId { get; set; }
    public CertificateKind Kind { get; set; }
    public Guid? CourseId { get; set; }

    /// <summary>The holder's name as printed, and its search key: verification matches the surname on the certificate.</summary>
    public required string HolderName { get; set; }
    public required string HolderLastNameKey { get; set; }

    /// <summary>Title as printed (the course's name, or the designation's).</summary>
    public required string Title { get; set; }
    public int? DurationMinutes { get; set; }

    public DateOnly IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }
    public string? SuspensionReason { get; set; }

    /// <summary>Permanent; the reason stays internal.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }

    /// <summary>Set when the certificate was reissued (e.g. after a name change): the new one.</summary>
    public Guid? ReplacedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum CertificateKind
{
    Course,
    Practitioner,
}

public enum CertificateStatus
{
    Active,
    Expired,
    Suspended,
    Revoked,

    /// <summary>Reissued under a new number (after a name change, say); the new certificate carries on.</summary>
    Replaced,
}

public static class CertificateStatusRules
{
    public static CertificateStatus Compute(Certificate certificate, DateOnly today) => certificate switch
    {
        { RevokedAt: not null } => CertificateStatus.Revoked,
        { ReplacedById: not null } => CertificateStatus.Replaced,
        { SuspendedAt: not null } => CertificateStatus.Suspended,
        { ExpiresOn: { } end } when end < today => CertificateStatus.Expired,
        _ => CertificateStatus.Active,
    };
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(20);
        builder.Property(c => c.VerificationCode).HasMaxLength(32);
        builder.Property(c => c.Kind).HasMaxLength(16);
        builder.Property(c => c.HolderName).HasMaxLength(201);
        builder.Property(c => c.HolderLastNameKey).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.SuspensionReason).HasMaxLength(500);
        builder.Property(c => c.RevocationReason).HasMaxLength(500);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Certificate>().WithMany().HasForeignKey(c => c.ReplacedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.VerificationCode).IsUnique();
        builder.HasIndex(c => new { c.MemberId, c.IssuedOn });
        builder.HasIndex(c => c.ReplacedById);
    }
}
