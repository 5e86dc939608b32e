using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Ignore(m => m.MemberNumber);
        builder.Property(m => m.FirstName).HasMaxLength(MemberRules.NameMaxLength);
        builder.Property(m => m.LastName).HasMaxLength(MemberRules.NameMaxLength);
        builder.Property(m => m.FirstNameKey).HasMaxLength(MemberRules.NameMaxLength);
        builder.Property(m => m.LastNameKey).HasMaxLength(MemberRules.NameMaxLength);
        builder.Property(m => m.Email).HasMaxLength(MemberRules.EmailMaxLength);
        builder.Property(m => m.EmailNormalized).HasMaxLength(MemberRules.EmailMaxLength);
        builder.Property(m => m.Phone).HasMaxLength(MemberRules.PhoneMaxLength);
        builder.Property(m => m.JobTitle).HasMaxLength(MemberRules.JobTitleMaxLength);
        builder.Property(m => m.Category).HasMaxLength(16);
        builder.Property(m => m.StateCode).HasMaxLength(2).IsFixedLength();
        builder.Property(m => m.SuspensionReason).HasMaxLength(MemberRules.ReasonMaxLength);

        // A complex type, not an owned entity: the same columns, but EF Core reads it as a value. An owned entity has a
        // hidden key, and EF Core created a delegate for every member row read to fix it up to its owner.
        builder.ComplexProperty(m => m.MailingAddress, address =>
        {
            address.Property(a => a.Line1).HasMaxLength(MemberRules.AddressLineMaxLength);
            address.Property(a => a.Line2).HasMaxLength(MemberRules.AddressLineMaxLength);
            address.Property(a => a.City).HasMaxLength(MemberRules.CityMaxLength);
            address.Property(a => a.StateCode).HasMaxLength(2).IsFixedLength();
            address.Property(a => a.PostalCode).HasMaxLength(10);
        });

        builder.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.State).WithMany().HasForeignKey(m => m.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Terms).WithOne().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.CurrentTerm).WithMany().HasForeignKey(m => m.CurrentTermId).OnDelete(DeleteBehavior.Restrict);

        // Every filter and sort of the members query has an index; sorts end in a unique column for keyset paging.
        builder.HasIndex(m => m.Number).IsUnique();
        builder.HasIndex(m => m.EmailNormalized).IsUnique();
        builder.HasIndex(m => new { m.LastNameKey, m.FirstNameKey, m.Number });
        // The first-name range of a name search, with the last name so the page's keys are read from this index alone.
        builder.HasIndex(m => new { m.FirstNameKey, m.LastNameKey, m.Number });
        builder.HasIndex(m => new { m.CreatedAt, m.Number });
        builder.HasIndex(m => new { m.AgencyId, m.LastNameKey, m.FirstNameKey, m.Number });
        builder.HasIndex(m => new { m.DirectoryOptIn, m.LastNameKey, m.FirstNameKey, m.Number }); // the directory, by name
        builder.HasIndex(m => new { m.IsSwornOfficer, m.LastNameKey, m.FirstNameKey, m.Number }); // the swornOfficer filter, by name
        builder.HasIndex(m => m.StateCode);
        builder.HasIndex(m => m.Category);
        builder.HasIndex(m => m.CurrentTermId);
        builder.HasIndex(m => m.SuspendedAt);
    }

    /// <summary>
    /// On PostgreSQL the name keys compare byte by byte (collation "C"): under a language collation a btree cannot
    /// answer LIKE 'prefix%', so the name indexes above serve the search's prefix ranges as well as the sort and the cursor.
    /// The keys are lower case without accents already, so the order stays alphabetical (and matches SQLite's).
    /// </summary>
    internal static void ConfigurePostgreSql(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.FirstNameKey).UseCollation("C");
        builder.Property(m => m.LastNameKey).UseCollation("C");
    }
}

internal sealed class MembershipTermConfiguration : IEntityTypeConfiguration<MembershipTerm>
{
    public void Configure(EntityTypeBuilder<MembershipTerm> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.CancellationReason).HasMaxLength(MemberRules.ReasonMaxLength);
        builder.HasOne(t => t.Plan).WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.MemberId, t.StartsOn });
        builder.HasIndex(t => t.EndsOn);
        builder.HasIndex(t => t.GraceEndsOn);
        builder.HasIndex(t => t.PlanId);
        builder.HasIndex(t => t.PaymentLineId).IsUnique();
    }
}
