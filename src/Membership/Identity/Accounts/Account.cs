using Membership.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Identity.Accounts;

/// <summary>A sign-in account (ASP.NET Core Identity). A member's account is linked to exactly one member; staff accounts may have none.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public Guid? MemberId { get; set; }
    public Member? Member { get; set; }

    /// <summary>How the account is addressed on pages and in tokens.</summary>
    public string DisplayName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    // Disabled by staff (disableAccount): no sign-in, no refresh, no token accepted, until enabled again.
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public string? DisabledBy { get; set; }

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted for this account (0: none yet). A code is
    /// accepted only for a later step, so no code works twice (RFC 6238 §5.2); see <see cref="AuthenticatorCodes"/>.
    /// </summary>
    public long TotpLastStep { get; set; }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.HasOne(a => a.Member).WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.MemberId).IsUnique();
        builder.Property(a => a.DisabledReason).HasMaxLength(MemberRules.ReasonMaxLength);
        builder.Property(a => a.DisabledBy).HasMaxLength(200);
    }
}

/// <summary>The roles are schema data: every database has them from its first migration, with fixed keys.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder) => builder.HasData(
        Role(Roles.Member, "0197a000-0000-7000-8000-000000000001"),
        Role(Roles.Staff, "0197a000-0000-7000-8000-000000000002"),
        Role(Roles.Admin, "0197a000-0000-7000-8000-000000000003"));

    private static IdentityRole<Guid> Role(string name, string id) => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
