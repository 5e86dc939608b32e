using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Identity.Accounts;

/// <summary>
/// Staff invite members to claim their accounts: one member again (<c>resendInvitation</c>), a list of members, or every
/// member without an account who was not invited in the last N days (<c>inviteMembers</c>). A call invites at most
/// <see cref="MaxLimit"/> members, <see cref="BatchSize"/> to a transaction; <c>hasMore</c> says to call again.
/// </summary>
internal static class InviteMembers
{
    public const int MaxIds = 100;
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int BatchSize = 50;
    public const int MaxDays = 365;

    public static void AddInvitationMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<ResendInvitationPayloadType, ResendInvitationInputType>("resendInvitation",
                "Mails the member a new invitation to claim their account (valid 7 days); earlier links stop working. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ResendAsync(c, c.GetArgument<ResendInvitationInput>("input")));

        mutation.Mutation<InviteMembersPayloadType, InviteMembersInputType>("inviteMembers",
                $"Mails invitations to claim an account: to the members named (at most {MaxIds}), or to members without an account not invited "
                + $"in the last notInvitedForDays days (at most limit, {MaxLimit} a call; call again while hasMore). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await InviteAsync(c, c.GetArgument<InviteMembersInput>("input")));
    }

    private static async Task<Payload<InvitationSent>> ResendAsync(IResolveFieldContext context, ResendInvitationInput input)
    {
        var errors = new UserErrors();
        if (errors.Id(input.MemberId, MemberType.TypeName, "input", "memberId") is not { } id)
        {
            return Payload<InvitationSent>.Failure(errors);
        }

        var outcome = await InviteBatchAsync(context, [id], context.CancellationToken);
        if (outcome.Skipped is [var skip])
        {
            return Payload<InvitationSent>.Failure([skip.Error with { Field = ["input", "memberId"] }]);
        }

        return outcome.Invited is [var sent] ? Payload<InvitationSent>.Success(sent) : Payload<InvitationSent>.Failure(outcome.Errors);
    }

    private static async Task<InviteMembersResult> InviteAsync(IResolveFieldContext context, InviteMembersInput input)
    {
        var errors = new UserErrors();
        var ct = context.CancellationToken;
        var ids = CheckInput(input, errors);
        if (errors.Any)
        {
            return new InviteMembersResult([], [], false, errors.Items);
        }

        if (ids is not null)
        {
            var outcome = await InviteBatchAsync(context, ids, ct);
            return new InviteMembersResult(outcome.Invited, outcome.Skipped, false, outcome.Errors);
        }

        // Every member without an account and not invited since the cutoff, in order of ID, one batch per transaction.
        var limit = input.Limit ?? DefaultLimit;
        var cutoff = context.Service<AssociationCalendar>().Now().AddDays(-input.NotInvitedForDays!.Value);
        var invited = new List<InvitationSent>();
        var after = Guid.Empty;
        while (invited.Count < limit)
        {
            List<Guid> batch;
            await using (var db = await context.Db().CreateDbContextAsync(ct))
            {
                batch = await Uninvited(db, cutoff).Where(m => m.Id.CompareTo(after) > 0).OrderBy(m => m.Id)
                    .Select(m => m.Id).Take(Math.Min(BatchSize, limit - invited.Count)).ToListAsync(ct);
            }

            if (batch.Count == 0)
            {
                return new InviteMembersResult(invited, [], false, []);
            }

            var outcome = await InviteBatchAsync(context, batch, ct);
            invited.AddRange(outcome.Invited);
            if (outcome.Errors.Count > 0)
            {
                return new InviteMembersResult(invited, [], true, outcome.Errors);
            }

            after = batch[^1];
        }

        await using var last = await context.Db().CreateDbContextAsync(ct);
        return new InviteMembersResult(invited, [], await Uninvited(last, cutoff).AnyAsync(m => m.Id.CompareTo(after) > 0, ct), []);
    }

    /// <summary>Members without an account, with an address, and not invited since <paramref name="cutoff"/>.</summary>
    private static IQueryable<Member> Uninvited(MembershipDbContext db, DateTimeOffset cutoff) =>
        db.Members.AsNoTracking().Where(m => m.Email != ""
            && !db.Users.Any(u => u.MemberId == m.Id)
            && !db.AccountInvitations.Any(i => i.MemberId == m.Id && i.InvitedAt > cutoff));

    /// <summary>The IDs named, or null for the "not invited in N days" mode; user errors for input that is neither.</summary>
    private static List<Guid>? CheckInput(InviteMembersInput input, UserErrors errors)
    {
        if ((input.MemberIds is null) == (input.NotInvitedForDays is null))
        {
            errors.Add(UserErrorCodes.Required, "Give either memberIds or notInvitedForDays.", "input");
            return null;
        }

        if (input.NotInvitedForDays is { } days)
        {
            errors.InRange(days, 0, MaxDays, "input", "notInvitedForDays");
            errors.InRange(input.Limit ?? DefaultLimit, 1, MaxLimit, "input", "limit");
            return null;
        }

        if (input.MemberIds!.Count is 0 or > MaxIds)
        {
            errors.Add(UserErrorCodes.OutOfRange, $"Name between 1 and {MaxIds} members.", "input", "memberIds");
            return null;
        }

        var ids = new List<Guid>();
        for (var i = 0; i < input.MemberIds.Count; i++)
        {
            if (errors.Id(input.MemberIds[i], MemberType.TypeName, "input", "memberIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ids.Distinct()];
    }

    /// <summary>
    /// Invites the members named, in one transaction: three reads (members, their accounts, their invitations), then the
    /// invitations and mails in one save. A racing invitation of the same member rolls the batch back with a user error.
    /// </summary>
    private static async Task<BatchOutcome> InviteBatchAsync(IResolveFieldContext context, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var services = context.RequestServices!;
        var invitedBy = context.Caller().Subject ?? "staff";
        await using var db = await context.Db().CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var members = await db.Members.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var withAccounts = (await db.Users.Where(u => u.MemberId != null && ids.Contains(u.MemberId.Value)).Select(u => u.MemberId!.Value).ToListAsync(ct)).ToHashSet();
        var invitations = await db.AccountInvitations.Where(i => ids.Contains(i.MemberId)).ToDictionaryAsync(i => i.MemberId, ct);
        var invited = new List<InvitationSent>();
        var skipped = new List<InvitationSkip>();
        foreach (var id in ids)
        {
            var member = members.GetValueOrDefault(id);
            var refusal = member is null ? new UserError(UserErrorCodes.NotFound, "No member has this ID.", null) : AccountInvitations.Refusal(member, withAccounts.Contains(id));
            if (refusal is not null)
            {
                skipped.Add(new InvitationSkip(id, refusal));
                continue;
            }

            invited.Add(new InvitationSent(member!, AccountInvitations.Queue(db, services, member!, invitations.GetValueOrDefault(id), invitedBy)));
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new BatchOutcome(invited, skipped, []);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return new BatchOutcome([], [], [new UserError(UserErrorCodes.Duplicate, "Another invitation of the same members was sent at this moment; try again.", ["input"])]);
        }
    }

    private sealed record BatchOutcome(IReadOnlyList<InvitationSent> Invited, IReadOnlyList<InvitationSkip> Skipped, IReadOnlyList<UserError> Errors);
}

public sealed record InvitationSent(Member Member, AccountInvitation Invitation);

public sealed record InvitationSkip(Guid MemberId, UserError Error);

public sealed record InviteMembersResult(IReadOnlyList<InvitationSent> Invited, IReadOnlyList<InvitationSkip> Skipped, bool HasMore, IReadOnlyList<UserError> UserErrors);

public sealed class ResendInvitationInput
{
    public string? MemberId { get; set; }
}

public sealed class InviteMembersInput
{
    public List<string>? MemberIds { get; set; }
    public int? NotInvitedForDays { get; set; }
    public int? Limit { get; set; }
}

internal sealed class ResendInvitationInputType : InputObjectGraphType<ResendInvitationInput>
{
    public ResendInvitationInputType()
    {
        Name = "ResendInvitationInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
    }
}

internal sealed class InviteMembersInputType : InputObjectGraphType<InviteMembersInput>
{
    public InviteMembersInputType()
    {
        Name = "InviteMembersInput";
        Description = "Either memberIds or notInvitedForDays.";
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("memberIds").Description($"The members to invite (at most {InviteMembers.MaxIds}), invited again if they were before.");
        Field<IntGraphType>("notInvitedForDays").Description("Every member without an account who was not invited in this many days (0: whoever has no account).");
        Field<IntGraphType>("limit").Description($"With notInvitedForDays: at most this many this call (default {InviteMembers.DefaultLimit}, at most {InviteMembers.MaxLimit}).");
    }
}

internal sealed class InvitationSentType : ObjectGraphType<InvitationSent>
{
    public InvitationSentType()
    {
        Name = "InvitationSent";
        Description = "An invitation queued for mailing.";
        Field<NonNullGraphType<MemberType>>("member").Resolve(c => c.Source.Member);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("invitedAt").Resolve(c => c.Source.Invitation.InvitedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Resolve(c => c.Source.Invitation.ExpiresAt);
    }
}

internal sealed class InvitationSkipType : ObjectGraphType<InvitationSkip>
{
    public InvitationSkipType()
    {
        Name = "InvitationSkip";
        Description = "A member named but not invited, and why (NOT_FOUND, ALREADY_HAS_ACCOUNT, NO_EMAIL).";
        Field<NonNullGraphType<IdGraphType>>("memberId").Resolve(c => GlobalId.Encode(MemberType.TypeName, c.Source.MemberId));
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Error.Code);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Error.Message);
    }
}

internal sealed class ResendInvitationPayloadType() : PayloadType<InvitationSent, InvitationSentType>(
    "ResendInvitationPayload", "invitation", "The invitation sent, or why not (NOT_FOUND, ALREADY_HAS_ACCOUNT, NO_EMAIL).");

internal sealed class InviteMembersPayloadType : ObjectGraphType<InviteMembersResult>
{
    public InviteMembersPayloadType()
    {
        Name = "InviteMembersPayload";
        Description = "The invitations sent, the members named but skipped, and whether more members await an invitation.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InvitationSentType>>>>("invited").Resolve(c => c.Source.Invited);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InvitationSkipType>>>>("skipped").Resolve(c => c.Source.Skipped);
        Field<NonNullGraphType<BooleanGraphType>>("hasMore").Description("With notInvitedForDays: more members are left; call again.").Resolve(c => c.Source.HasMore);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}
