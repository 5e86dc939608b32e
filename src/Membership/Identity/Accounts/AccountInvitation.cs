using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Identity.Accounts;

/// <summary>
/// A member's invitation to claim their account: one row per member, holding the hash of the one link that works now.
/// A resend replaces the hash, so every earlier link stops working; claiming sets <see cref="ClaimedAt"/>, so the link works once.
/// </summary>
public sealed class AccountInvitation
{
    public Guid MemberId { get; set; }

    /// <summary>The normalized address the link went to: a link stops working when staff change the member's address.</summary>
    public required string Email { get; set; }

    /// <summary>SHA-256 (hex) of the link's token; the token itself is only in the mail.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset InvitedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>How many invitations went out; also the concurrency token, so two racing resends cannot both win.</summary>
    public int SentCount { get; set; }

    /// <summary>Who sent the latest (the staff account or client that asked).</summary>
    public required string InvitedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }
}

internal sealed class AccountInvitationConfiguration : IEntityTypeConfiguration<AccountInvitation>
{
    public void Configure(EntityTypeBuilder<AccountInvitation> builder)
    {
        builder.HasKey(i => i.MemberId);
        builder.HasOne<Member>().WithOne().HasForeignKey<AccountInvitation>(i => i.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Email).HasMaxLength(MemberRules.EmailMaxLength);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(i => i.InvitedBy).HasMaxLength(200);
        builder.Property(i => i.SentCount).IsConcurrencyToken();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.InvitedAt); // inviteMembers: "not invited in the last N days"
    }
}
