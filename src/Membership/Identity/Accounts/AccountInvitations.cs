using System.Security.Cryptography;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity.Oidc;
using Membership.Identity.Pages;
using Membership.Members;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Identity.Accounts;

/// <summary>
/// Invitations to claim an account: a mail with a single-use link, valid <see cref="Validity"/>, for a member staff
/// registered or imported. The link's token is random; only its hash is stored. A new invitation replaces the earlier
/// one (only the latest link works), and the link stops working once claimed or once staff change the member's address.
/// </summary>
public static class AccountInvitations
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    /// <summary>Why a member cannot be invited; null when they can.</summary>
    internal static UserError? Refusal(Member member, bool hasAccount) =>
        hasAccount ? new UserError(UserErrorCodes.AlreadyHasAccount, "The member already has an account.", null)
        : string.IsNullOrWhiteSpace(member.Email) ? new UserError(UserErrorCodes.NoEmail, "The member has no e-mail address to send an invitation to.", null)
        : null;

    /// <summary>
    /// Adds (or renews) the member's invitation and queues its mail in the caller's context: both are written by the
    /// caller's SaveChanges, in the caller's transaction. <paramref name="existing"/>: the member's row, when the caller read it.
    /// </summary>
    internal static AccountInvitation Queue(MembershipDbContext db, IServiceProvider services, Member member, AccountInvitation? existing, string invitedBy)
    {
        var calendar = services.GetRequiredService<AssociationCalendar>();
        var now = calendar.Now();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var invitation = existing ?? db.AccountInvitations.Add(new AccountInvitation
        {
            MemberId = member.Id, Email = string.Empty, TokenHash = string.Empty, InvitedBy = invitedBy,
        }).Entity;
        invitation.Email = member.EmailNormalized;
        invitation.TokenHash = Hash(token);
        invitation.InvitedAt = now;
        invitation.ExpiresAt = now + Validity;
        invitation.InvitedBy = invitedBy;
        invitation.ClaimedAt = null;
        invitation.SentCount++;

        var link = services.GetRequiredService<PublicLinks>().To(InvitationPages.ClaimPath, ("token", token));
        db.QueueMail(new MailMessage(MailKinds.AccountInvitation, member.Email, "Set up your membership account",
            $"Hello {member.FirstName},\n\nThe association's office has registered you as a member (member number {member.MemberNumber}). "
            + $"Choose a password to sign in to your membership account:\n\n{link}\n\n"
            + $"The link works once, for {Validity.TotalDays:0} days. If it has expired, ask the office to send you a new one.")
        {
            HoldsCredential = true,
            DedupeKey = $"account-invitation:{member.Id}:{invitation.SentCount}", // two racing resends cannot both mail
        }, calendar);
        return invitation;
    }

    /// <summary>The invitation a link's token names, with its member; null for a token no invitation has (or had).</summary>
    internal static async Task<(AccountInvitation Invitation, Member Member)?> FindAsync(MembershipDbContext db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var found = await db.AccountInvitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Join(db.Members.AsNoTracking(), i => i.MemberId, m => m.Id, (i, m) => new { Invitation = i, Member = m })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Invitation, found.Member);
    }

    /// <summary>
    /// Marks the invitation claimed, in one conditional UPDATE: of two requests racing with the same link, one wins.
    /// False when the link is used, expired, replaced or sent to an address the member no longer has.
    /// </summary>
    internal static async Task<bool> TryClaimAsync(MembershipDbContext db, string token, string memberEmail, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Hash(token);
        return await db.AccountInvitations
            .Where(i => i.TokenHash == hash && i.ClaimedAt == null && i.ExpiresAt > now && i.Email == memberEmail)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, now), ct) == 1;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
