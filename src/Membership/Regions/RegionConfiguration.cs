using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Regions;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.HasKey(r => r.Number);
        builder.Property(r => r.Number).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.HasData(RegionData.Regions);
    }
}

internal sealed class UsStateConfiguration : IEntityTypeConfiguration<UsState>
{
    public void Configure(EntityTypeBuilder<UsState> builder)
    {
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(2).IsFixedLength();
        builder.Property(s => s.Name).HasMaxLength(60);
        builder.HasOne(s => s.Region).WithMany().HasForeignKey(s => s.RegionNumber).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.RegionNumber);
        builder.HasData(RegionData.States);
    }
}
