using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.Dues.Payments;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Membership.Members.Privacy;

/// <summary>
/// Staff erase a member on request: every personal field is replaced or emptied, the sign-in account is deleted with
/// its tokens, consents are withdrawn and mail to them is purged; membership terms, dues payments, ticket amounts and
/// certificates stay, as the law and verification need them, attached to a member now called "Erased member".
/// Idempotent: erasing an erased member changes nothing. Refused while money is in flight (a pending payment or order,
/// a live subscription): it would be fulfilled for, or charged to, someone we can no longer name.
/// </summary>
public static class MemberErasure
{
    public const string ErasedFirstName = "Erased";
    public const string ErasedLastName = "member";

    /// <summary>The placeholder address of an erased member: unique (the column is), undeliverable (.invalid).</summary>
    public static string PlaceholderEmail(Guid memberId) => $"erased-{memberId:N}@erased.invalid";

    public static Task<Payload<Member>> EraseAsync(IResolveFieldContext context, EraseMemberInput input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Member>(async (db, errors, ct) =>
        {
            errors.RequiredText(input.Reason, MemberRules.ReasonMaxLength, "input", "reason");
            if (errors.Id(input.MemberId, MemberType.TypeName, "input", "memberId") is not { } id || errors.Any)
            {
                return null;
            }

            if (await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct) is not { } member)
            {
                errors.Add(UserErrorCodes.NotFound, "No member has this ID.", "input", "memberId");
                return null;
            }

            if (member.ErasedAt is not null)
            {
                return member; // already erased: nothing left to replace
            }

            if (await HasMoneyInFlightAsync(db, id, ct))
            {
                errors.Add(UserErrorCodes.MoneyInFlight, "The member has a pending payment, order or a live subscription: settle or cancel it first.", "input", "memberId");
                return null;
            }

            var (email, emailAsGiven) = (member.EmailNormalized, member.Email);
            var now = calendar.Now();
            ReplacePersonalFields(member, now);
            await RemoveAccountAsync(db, id, ct);
            await db.VerificationConsents.Where(c => c.MemberId == id && c.WithdrawnAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.WithdrawnAt, now), ct);
            await db.MailOutbox.Where(m => m.Recipient == email || m.Recipient == emailAsGiven).ExecuteDeleteAsync(ct);
            await db.MemberDataExports.Where(e => e.MemberId == id).ExecuteDeleteAsync(ct);
            await EraseTicketingAsync(db, id, ct);

            // Certificates keep number, course, hours and dates for verification; the printed name goes. A lookup by
            // number and the real surname then answers "not found", like any wrong name; partners see "Erased member".
            await db.Certificates.Where(c => c.MemberId == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.HolderName, $"{ErasedFirstName} {ErasedLastName}")
                .SetProperty(c => c.HolderLastNameKey, member.LastNameKey), ct);
            return member;
        });
    }

    private static void ReplacePersonalFields(Member member, DateTimeOffset now)
    {
        member.SetName(ErasedFirstName, ErasedLastName);
        member.Email = PlaceholderEmail(member.Id);
        member.EmailNormalized = MemberRules.NormalizeEmail(member.Email);
        member.Phone = null;
        member.MailingAddress = null;
        member.DateOfBirth = null;
        member.JobTitle = null;
        member.SuspensionReason = member.SuspensionReason is null ? null : "(erased)";
        member.DirectoryOptIn = false;
        member.ErasedAt = now;
        member.UpdatedAt = now;
    }

    private static async Task<bool> HasMoneyInFlightAsync(MembershipDbContext db, Guid id, CancellationToken ct) =>
        await db.DuesPayments.AnyAsync(p => p.Status == DuesPaymentStatus.Pending && (p.PayerMemberId == id || p.Lines.Any(l => l.MemberId == id)), ct)
        || await db.DuesSubscriptions.AnyAsync(s => s.MemberId == id && s.Status != "canceled" && s.Status != "incomplete_expired", ct)
        || await db.TicketOrders.AnyAsync(o => o.BuyerMemberId == id && o.Status == Conferences.TicketOrderStatus.Pending, ct);

    /// <summary>The sign-in account goes, with its roles, logins and every token and authorization issued to it.</summary>
    private static async Task RemoveAccountAsync(MembershipDbContext db, Guid memberId, CancellationToken ct)
    {
        var accounts = await db.Users.Where(u => u.MemberId == memberId).ToListAsync(ct);
        foreach (var account in accounts)
        {
            var subject = account.Id.ToString();
            await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == subject).ExecuteDeleteAsync(ct);
            await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == subject).ExecuteDeleteAsync(ct);
            await db.UserRoles.Where(r => r.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.UserLogins.Where(l => l.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => t.UserId == account.Id).ExecuteDeleteAsync(ct);
            db.Users.Remove(account);
        }
    }

    /// <summary>Orders and tickets keep their amounts and codes; the names and addresses on them go. The waiting list holds nothing else.</summary>
    private static async Task EraseTicketingAsync(MembershipDbContext db, Guid id, CancellationToken ct)
    {
        var name = $"{ErasedFirstName} {ErasedLastName}";
        var email = PlaceholderEmail(id);
        await db.TicketOrders.Where(o => o.BuyerMemberId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.BuyerName, name).SetProperty(o => o.BuyerEmail, email).SetProperty(o => o.BuyerKey, (string?)null), ct);
        await db.Tickets.Where(t => t.AttendeeMemberId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AttendeeName, name).SetProperty(t => t.AttendeeNameKey, (string?)null).SetProperty(t => t.AttendeeEmail, email), ct);
        await db.WaitingList.Where(w => w.MemberId == id).ExecuteDeleteAsync(ct);
    }
}

public sealed class EraseMemberInput
{
    public string? MemberId { get; set; }
    public string? Reason { get; set; }
}

internal sealed class EraseMemberInputType : InputObjectGraphType<EraseMemberInput>
{
    public EraseMemberInputType()
    {
        Name = "EraseMemberInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why, e.g. the request's reference (required; it may name the person, so it is not stored: the audit entry records that one was given).");
    }
}

internal sealed class EraseMemberPayloadType() : PayloadType<Member, MemberType>("EraseMemberPayload", "member", "The member as erased, or why not.");
