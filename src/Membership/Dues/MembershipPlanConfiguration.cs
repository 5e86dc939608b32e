using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Dues;

internal sealed class MembershipPlanConfiguration : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(PlanRules.CodeMaxLength);
        builder.Property(p => p.Name).HasMaxLength(PlanRules.NameMaxLength);
        builder.Property(p => p.Category).HasMaxLength(16);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.TermKind).HasMaxLength(16);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasIndex(p => new { p.Category, p.IsActive });
    }
}
