using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Identity.Accounts;

/// <summary>
/// Staff disable an account (a member's or a staff user's) and enable it again. Disabling records when, why and by whom,
/// changes the security stamp (the sign-in cookie and every refresh token stop working at once), revokes the account's
/// tokens and forgets this instance's cached token status; other instances refuse its access tokens within
/// <c>Oidc:TokenStatusCacheSeconds</c>. Sign-in is refused while disabled; a password reset does not enable it.
/// </summary>
internal static class DisableAccount
{
    public static void AddAccountStatusMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<AccountStatusPayloadType, DisableAccountInputType>("disableAccount",
                "Disables an account, named by memberId or accountId: sign-in, refresh and its tokens are refused. Staff only; not one's own account.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, c.GetArgument<DisableAccountInput>("input"), disable: true));

        mutation.Mutation<AccountStatusPayloadType, EnableAccountInputType>("enableAccount",
                "Enables a disabled account: its owner signs in again (tokens issued before it was disabled stay refused). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, c.GetArgument<DisableAccountInput>("input"), disable: false));
    }

    private static async Task<Payload<Account>> ChangeAsync(IResolveFieldContext context, DisableAccountInput input, bool disable)
    {
        var caller = context.Caller();
        var now = context.Service<AssociationCalendar>().Now();
        var payload = await context.WriteAsync<Account>(async (db, errors, ct) =>
        {
            var reason = disable ? errors.RequiredText(input.Reason, MemberRules.ReasonMaxLength, "input", "reason") : null;
            var account = await FindAsync(db, errors, input, ct);
            if (account is null)
            {
                return null;
            }

            if (disable)
            {
                Disable(account, errors, caller, reason, now);
            }
            else if (account.DisabledAt is null)
            {
                errors.Add(UserErrorCodes.NotDisabled, "The account is not disabled.", "input");
            }
            else
            {
                account.DisabledAt = null;
                account.DisabledReason = null;
                account.DisabledBy = null;
            }

            account.ConcurrencyStamp = Guid.NewGuid().ToString();
            return account;
        });

        if (disable && payload.Result is { } disabled)
        {
            await AccountAddress.EndSessionsAsync(context, disabled.Id);
        }

        return payload;
    }

    private static void Disable(Account account, UserErrors errors, Caller caller, string? reason, DateTimeOffset now)
    {
        if (caller.Subject == account.Id.ToString())
        {
            errors.Add(UserErrorCodes.CannotDisableSelf, "Staff cannot disable their own account.", "input");
        }

        if (account.DisabledAt is not null)
        {
            errors.Add(UserErrorCodes.AlreadyDisabled, "The account is already disabled.", "input");
        }

        account.DisabledAt = now;
        account.DisabledReason = reason;
        account.DisabledBy = caller.Subject ?? "staff";
        account.SecurityStamp = AccountAddress.NewSecurityStamp();
    }

    private static async Task<Account?> FindAsync(MembershipDbContext db, UserErrors errors, DisableAccountInput input, CancellationToken ct)
    {
        if ((input.MemberId is null) == (input.AccountId is null))
        {
            errors.Add(UserErrorCodes.Required, "Give either memberId or accountId.", "input");
            return null;
        }

        if (input.MemberId is not null)
        {
            if (errors.Id(input.MemberId, MemberType.TypeName, "input", "memberId") is not { } memberId)
            {
                return null;
            }

            var ofMember = await db.Users.SingleOrDefaultAsync(u => u.MemberId == memberId, ct);
            if (ofMember is null)
            {
                errors.Add(UserErrorCodes.NoAccount, "The member has no account.", "input", "memberId");
            }

            return ofMember;
        }

        var account = Guid.TryParse(input.AccountId, out var id) ? await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) : null;
        if (account is null)
        {
            errors.Add(UserErrorCodes.NotFound, "No account has this ID.", "input", "accountId");
        }

        return account;
    }
}

public sealed class DisableAccountInput
{
    public string? MemberId { get; set; }
    public string? AccountId { get; set; }
    public string? Reason { get; set; }
}

internal sealed class DisableAccountInputType : InputObjectGraphType<DisableAccountInput>
{
    public DisableAccountInputType()
    {
        Name = "DisableAccountInput";
        Description = "Either memberId or accountId.";
        Field<IdGraphType>("memberId").Description("The member whose account it is.");
        Field<IdGraphType>("accountId").Description("The account's ID (the `sub` of its tokens), for staff accounts.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why; kept with the account for the record.");
    }
}

internal sealed class EnableAccountInputType : InputObjectGraphType<DisableAccountInput>
{
    public EnableAccountInputType()
    {
        Name = "EnableAccountInput";
        Description = "Either memberId or accountId.";
        Field<IdGraphType>("memberId");
        Field<IdGraphType>("accountId");
    }
}

internal sealed class AccountStatusType : ObjectGraphType<Account>
{
    public AccountStatusType()
    {
        Name = "AccountStatus";
        Description = "A sign-in account as staff manage it.";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("The `sub` of the account's tokens.").Resolve(c => c.Source.Id.ToString());
        Field<IdGraphType>("memberId").Resolve(c => c.Source.MemberId is { } id ? GlobalId.Encode(MemberType.TypeName, id) : null);
        Field<StringGraphType>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<BooleanGraphType>>("disabled").Resolve(c => c.Source.DisabledAt is not null);
        Field<DateTimeOffsetGraphType>("disabledAt").Resolve(c => c.Source.DisabledAt);
        Field<StringGraphType>("disabledReason").Resolve(c => c.Source.DisabledReason);
        Field<StringGraphType>("disabledBy").Description("The subject of the staff account or client that disabled it.").Resolve(c => c.Source.DisabledBy);
    }
}

internal sealed class AccountStatusPayloadType() : PayloadType<Account, AccountStatusType>(
    "AccountStatusPayload", "account", "The account as it is now, or why not (NOT_FOUND, NO_ACCOUNT, CANNOT_DISABLE_SELF, ALREADY_DISABLED, NOT_DISABLED).");
