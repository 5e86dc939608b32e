using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Certifications;

/// <summary>One verification: who asked, when, for which certificate, and what they were told.</summary>
public sealed class VerificationLogEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public VerificationChannel Channel { get; set; }

    /// <summary>What was asked: a certificate or member number.</summary>
    public required string Query { get; set; }

    /// <summary>The certificate answered about; null when nothing matched.</summary>
    public Guid? CertificateId { get; set; }

    /// <summary>The member the certificate belongs to, so a member can see who checked their records.</summary>
    public Guid? MemberId { get; set; }
    public bool Found { get; set; }
    public CertificateStatus? Status { get; set; }

    /// <summary>The client (partner system, front end) and agency that asked, when known.</summary>
    public string? ClientId { get; set; }
    public Guid? AgencyId { get; set; }

    /// <summary>The caller's network address, for abuse investigations (public lookups only).</summary>
    public string? Address { get; set; }
}

public enum VerificationChannel
{
    /// <summary>verifyCertificate: anyone with a number and a surname.</summary>
    Public,

    /// <summary>verifyCertificates: a partner agency's system.</summary>
    Partner,

    /// <summary>An agency reading its consenting officers' statuses.</summary>
    StandingAccess,

    /// <summary>Someone holding a signed credential asked its status link.</summary>
    CredentialStatus,
}

/// <summary>A member lets an agency see their certification status at any time, until withdrawn.</summary>
public sealed class VerificationConsent
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid AgencyId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class VerificationConfiguration : IEntityTypeConfiguration<VerificationLogEntry>, IEntityTypeConfiguration<VerificationConsent>
{
    public void Configure(EntityTypeBuilder<VerificationLogEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Channel).HasMaxLength(16);
        builder.Property(e => e.Query).HasMaxLength(40);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.ClientId).HasMaxLength(100);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.MemberId, e.At });
        builder.HasIndex(e => new { e.CertificateId, e.At });
        builder.HasIndex(e => new { e.AgencyId, e.At });
        builder.HasIndex(e => new { e.Query, e.At });
    }

    public void Configure(EntityTypeBuilder<VerificationConsent> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.AgencyId, c.WithdrawnAt, c.MemberId });
        builder.HasIndex(c => new { c.AgencyId, c.WithdrawnAt, c.GrantedAt, c.Id });
        builder.HasIndex(c => new { c.MemberId, c.AgencyId });
    }
}
