using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Membership.Certifications.Courses;

namespace Membership.Certifications;

/// <summary>A course in the catalogue: Basic SRO (40 h), Advanced SRO (24 h), CPTED, … Each completion yields a certificate.</summary>
public sealed class Course
{
    public Guid Id { get; set; }

    /// <summary>Stable code, e.g. BASIC-SRO.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>What the course counts as for the National SRO Practitioner designation.</summary>
    public CourseCategory Category { get; set; }

    /// <summary>Length in minutes (hours × 60): integer arithmetic, summable on every provider.</summary>
    public int DurationMinutes { get; set; }

    /// <summary>Who teaches it; the association's own courses are the ones the designation asks for.</summary>
    public required string Provider { get; set; }
    public bool IsAssociationCourse { get; set; }

    /// <summary>Months a certificate of this course stays valid; null: it never expires.</summary>
    public int? CertificateValidityMonths { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum CourseCategory
{
    BasicSro,
    AdvancedSro,
    SupervisorsManagement,
    SchoolSafetyOfficer,
    Cpted,
    AdolescentMentalHealth,
    ProjectUnite,
    Other,
}

/// <summary>One scheduled run of a course.</summary>
public sealed class CourseOffering
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public required string City { get; set; }
    public required string StateCode { get; set; }
    public Guid? HostAgencyId { get; set; }
    public int Capacity { get; set; }
    public List<CourseInstructor> Instructors { get; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class CourseInstructor
{
    public Guid OfferingId { get; set; }
    public Guid MemberId { get; set; }
}

/// <summary>A member completed a course on a day; staff record it, and it yields a certificate.</summary>
public sealed class CourseCompletion
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid CourseId { get; set; }
    public Guid? OfferingId { get; set; }
    public DateOnly CompletedOn { get; set; }
    public Guid CertificateId { get; set; }
    public string RecordedBy { get; set; } = string.Empty;
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>, IEntityTypeConfiguration<CourseOffering>,
    IEntityTypeConfiguration<CourseInstructor>, IEntityTypeConfiguration<CourseCompletion>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Provider).HasMaxLength(200);
        builder.Property(c => c.Category).HasMaxLength(32);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => new { c.Category, c.IsActive });
        builder.HasData(CourseCatalogue.Courses);
    }

    public void Configure(EntityTypeBuilder<CourseOffering> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.StateCode).HasMaxLength(2).IsFixedLength();
        builder.HasOne<Course>().WithMany().HasForeignKey(o => o.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(o => o.HostAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Regions.UsState>().WithMany().HasForeignKey(o => o.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Instructors).WithOne().HasForeignKey(i => i.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.CourseId, o.StartsOn });
        builder.HasIndex(o => o.StartsOn);
    }

    public void Configure(EntityTypeBuilder<CourseInstructor> builder)
    {
        builder.HasKey(i => new { i.OfferingId, i.MemberId });
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.MemberId);
    }

    public void Configure(EntityTypeBuilder<CourseCompletion> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.RecordedBy).HasMaxLength(200);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CourseOffering>().WithMany().HasForeignKey(c => c.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Certificate>().WithMany().HasForeignKey(c => c.CertificateId).OnDelete(DeleteBehavior.Restrict);
        // A member completes a course once a day: a roster applied twice is refused, not doubled.
        builder.HasIndex(c => new { c.MemberId, c.CourseId, c.CompletedOn }).IsUnique();
        builder.HasIndex(c => c.OfferingId);
        builder.HasIndex(c => c.CertificateId).IsUnique();
    }
}
