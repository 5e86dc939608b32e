using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Agencies;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(AgencyRules.NameMaxLength);
        builder.Property(a => a.NameKey).HasMaxLength(AgencyRules.NameMaxLength);
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.City).HasMaxLength(AgencyRules.CityMaxLength);
        builder.Property(a => a.StateCode).HasMaxLength(2).IsFixedLength();
        builder.Property(a => a.OriCode).HasMaxLength(9).IsFixedLength();
        builder.HasOne(a => a.State).WithMany().HasForeignKey(a => a.StateCode).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(a => a.OriCode).IsUnique();
        builder.HasIndex(a => new { a.NameKey, a.Id });
        builder.HasIndex(a => new { a.CreatedAt, a.Id });
        builder.HasIndex(a => a.StateCode);
        builder.HasIndex(a => a.Kind);
    }

    /// <summary>The search's index on PostgreSQL: trigrams of the name key (pg_trgm, GIN), which answer LIKE '%part%'.</summary>
    internal static void ConfigurePostgreSql(EntityTypeBuilder<Agency> builder) =>
        builder.HasIndex(a => a.NameKey, "IX_Agencies_NameKey_Trigrams").HasMethod("gin").HasOperators("gin_trgm_ops");
}
