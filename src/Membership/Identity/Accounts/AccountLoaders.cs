using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Identity.Accounts;

/// <summary>A member's account as staff see it: invited when, claimed or not, disabled or not.</summary>
public sealed record MemberAccountState(DateTimeOffset? InvitedAt, bool Claimed, DateTimeOffset? DisabledAt)
{
    public static readonly MemberAccountState None = new(null, false, null);
}

/// <summary>Per request: the account state of many members in two queries.</summary>
public sealed class AccountLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    public BatchLoader<Guid, MemberAccountState> StateOfMember { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var invited = await db.AccountInvitations.AsNoTracking().WhereKeyIn(i => i.MemberId, ids)
            .Select(i => new { i.MemberId, i.InvitedAt }).ToDictionaryAsync(i => i.MemberId, i => i.InvitedAt, ct);
        var accounts = await db.Users.AsNoTracking().Where(u => u.MemberId != null).WhereKeyIn(u => u.MemberId!.Value, ids)
            .Select(u => new { MemberId = u.MemberId!.Value, u.DisabledAt }).ToDictionaryAsync(u => u.MemberId, u => u.DisabledAt, ct);
        return ids.ToDictionary(id => id, id => new MemberAccountState(
            invited.TryGetValue(id, out var at) ? at : null, accounts.ContainsKey(id), accounts.GetValueOrDefault(id)));
    }, MemberAccountState.None);

    /// <summary>Staff-only fields on <c>Member</c>.</summary>
    internal static void AddAccountFields(ObjectGraphType<Member> member)
    {
        member.Field<DateTimeOffsetGraphType>("invitedAt").Description("When the latest invitation to claim an account was sent; null if never. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<AccountLoaders>().StateOfMember.Load(c.Source.Id).Then(s => s.InvitedAt));
        member.Field<BooleanGraphType>("accountClaimed").Description("Whether the member has a sign-in account (claimed from an invitation or made when joining). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<AccountLoaders>().StateOfMember.Load(c.Source.Id).Then(s => (bool?)s.Claimed));
        member.Field<DateTimeOffsetGraphType>("accountDisabledAt").Description("When staff disabled the member's account; null while it is enabled. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<AccountLoaders>().StateOfMember.Load(c.Source.Id).Then(s => s.DisabledAt));
    }
}
