using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Members.Privacy;

/// <summary>
/// Everything the association holds about one member, as one JSON document, downloadable with the mailed link until
/// <see cref="ExpiresAt"/>. In the database, so any instance serves the link; deleted when it expires.
/// </summary>
public sealed class MemberDataExport
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>SHA-256 of the link's secret: the database alone does not give the link.</summary>
    public required byte[] TokenHash { get; set; }

    public required string Content { get; set; }
}

internal sealed class MemberDataExportConfiguration : IEntityTypeConfiguration<MemberDataExport>
{
    public void Configure(EntityTypeBuilder<MemberDataExport> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.TokenHash).HasMaxLength(32);
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.MemberId, e.RequestedAt });
        builder.HasIndex(e => e.ExpiresAt);
    }
}
