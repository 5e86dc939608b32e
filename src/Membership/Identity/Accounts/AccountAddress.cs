using GraphQL;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity.Oidc;
using Membership.Infrastructure.Mail;
using Membership.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Membership.Identity.Accounts;

/// <summary>
/// The sign-in address of a member's account follows the member's contact address when staff change it (updateMember):
/// in the same transaction the account's e-mail and user name (normalized as Identity keeps them) move, its security
/// stamp changes (cookie and refresh tokens stop working), and the old address is told through the outbox. After the
/// commit the account's tokens are revoked, as when an account is disabled.
/// </summary>
internal static class AccountAddress
{
    /// <summary>The notice to the address that no longer signs in (also sent by the self-service change).</summary>
    public static MailMessage ChangedNotice(string oldAddress) => new(MailKinds.AccountChanged, oldAddress, "Your e-mail address was changed",
        "The e-mail address of your membership account was changed; this address no longer signs in. If it was not you, "
        + "tell the association's office at once.");

    /// <summary>A new security stamp ends every session of the account at once (cookies, refresh tokens).</summary>
    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    /// <summary>
    /// Moves the account of <paramref name="member"/> (if it has one) to the member's new address, or reports
    /// ACCOUNT_EMAIL_TAKEN when another account signs in with it. Returns the account moved, null otherwise.
    /// </summary>
    public static async Task<Account?> FollowMemberAsync(
        MembershipDbContext db, ILookupNormalizer normalizer, UserErrors errors, Member member, AssociationCalendar calendar, CancellationToken ct)
    {
        var account = await db.Users.SingleOrDefaultAsync(u => u.MemberId == member.Id, ct);
        if (account is null || string.Equals(account.Email, member.Email, StringComparison.Ordinal))
        {
            return null;
        }

        if (string.IsNullOrEmpty(member.Email))
        {
            errors.Add(UserErrorCodes.Required, "The member signs in with their e-mail address; it cannot be removed.", "input", "email");
            return null;
        }

        var email = normalizer.NormalizeEmail(member.Email);
        var name = normalizer.NormalizeName(member.Email);
        if (await db.Users.AnyAsync(u => u.Id != account.Id && (u.NormalizedEmail == email || u.NormalizedUserName == name), ct))
        {
            errors.Add(UserErrorCodes.AccountEmailTaken, "Another sign-in account already uses this e-mail address.", "input", "email");
            return null;
        }

        if (account.Email is { Length: > 0 } old && normalizer.NormalizeEmail(old) != email)
        {
            db.QueueMail(ChangedNotice(old), calendar);
        }

        account.Email = member.Email;
        account.NormalizedEmail = email;
        account.UserName = member.Email;
        account.NormalizedUserName = name;
        account.SecurityStamp = NewSecurityStamp();
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
        return account;
    }

    /// <summary>After the commit: the stamp already refuses refresh and the cookie; revoking ends userinfo and introspection too.</summary>
    public static async Task EndSessionsAsync(IResolveFieldContext context, Guid accountId)
    {
        await context.Service<IOpenIddictTokenManager>().RevokeBySubjectAsync(accountId.ToString(), CancellationToken.None);
        context.Service<TokenStatus>().Forget(accountId);
    }

    /// <summary>A unique-index race on the account's user name: the address was taken a moment ago.</summary>
    public static UserError? Conflict(DbUpdateException e) =>
        DbErrors.ConstraintName(e) is { } name && (name.Contains("UserNameIndex", StringComparison.Ordinal) || name.Contains("NormalizedUserName", StringComparison.Ordinal))
            ? new(UserErrorCodes.AccountEmailTaken, "Another sign-in account already uses this e-mail address.", ["input", "email"])
            : null;
}
