using System.Linq.Expressions;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Regions;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

/// <summary>
/// Which members a caller may see at all: staff see everyone; a directory reader sees the directory (see
/// <see cref="ListedInDirectory"/>), and a member also sees themself; anyone else (a partner client, say) sees no one.
/// Every path to a member (member, memberByNumber, members, agency.members, agency.memberCount, node, nodes, and the
/// member fields of payments, tickets and training) goes through this filter.
/// </summary>
public static class MemberVisibility
{
    /// <summary>Members by ID with no condition, compiled once: what <see cref="ByIdAsync"/> runs for a caller who sees everyone.</summary>
    private static readonly KeyedQuery<Guid, Member> AnyById = new((db, ids) => db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)));

    public static IQueryable<Member> VisibleTo(this IQueryable<Member> members, MembershipDbContext db, Caller caller, DateOnly today)
    {
        if (SeesEveryone(caller))
        {
            return members;
        }

        var self = caller.MemberId;
        if (caller.IsDirectoryReader)
        {
            return members.Where(Predicates.Any([ListedInDirectory(db, today), m => m.Id == self]));
        }

        return self is null ? members.Where(m => false) : members.Where(m => m.Id == self);
    }

    /// <summary>
    /// The members with these IDs that the caller may see (an ID the caller may not see is absent), untracked: the
    /// member loader and <c>node</c> both load through here. Where <see cref="VisibleTo"/> adds no condition, the query
    /// is the compiled one, so the rule of who sees what stays in this class alone.
    /// </summary>
    public static async Task<Dictionary<Guid, TValue>> ByIdAsync<TValue>(
        MembershipDbContext db, Caller caller, DateOnly today, IReadOnlyCollection<Guid> ids, Func<Member, TValue> value, CancellationToken cancellationToken) =>
        SeesEveryone(caller)
            ? await AnyById.ToDictionaryAsync(db, ids, m => m.Id, value, cancellationToken)
            : await db.Members.AsNoTracking().VisibleTo(db, caller, today).WhereKeyIn(m => m.Id, ids).ToDictionaryAsync(m => m.Id, value, cancellationToken);

    private static bool SeesEveryone(Caller caller) => caller.IsStaff;

    /// <summary>A member with its current term and its state and region, read in one statement.</summary>
    public sealed record WithTermAndState(Member Member, MembershipTerm? Term, UsState? State)
    {
        /// <summary>
        /// A member's status and state are asked with it nearly every time: they came with it, so the term and state
        /// loaders of the request answer from here (one statement instead of three). Returns the member.
        /// </summary>
        public Member PrimeLoaders(IServiceProvider requestServices)
        {
            if (Term is { } term)
            {
                ((MemberLoaders)requestServices.GetService(typeof(MemberLoaders))!).Term.Prime(term.Id, term);
            }

            if (State is { } state)
            {
                ((RegionLoaders)requestServices.GetService(typeof(RegionLoaders))!).State.Prime(state.Code, state);
            }

            return Member;
        }
    }

    /// <summary>
    /// A member by ID with its current term and its state (and region) joined, compiled once: where no condition of
    /// <see cref="VisibleTo"/> applies (staff; anyone asking for themself), <c>node</c> and <c>me</c> read a member's
    /// status and state in the same statement as the member. One ID, as a scalar
    /// parameter: PostgreSQL then keeps one generic plan for the four-table join once it has run a few times, where an
    /// array parameter (<c>= ANY (@ids)</c>) has it plan the join again on every execution (0.3 ms, four times the
    /// execution's own time, measured with PREPARE and EXPLAIN on the benchmark's data).
    /// </summary>
    private static readonly ModelQuery<Guid, (Member Member, MembershipTerm? Term, UsState? State, Region? Region)> AnyByIdWithTermAndState = new((db, id) =>
        from m in db.Members.AsNoTracking()
        where m.Id == id
        join t in db.MembershipTerms.AsNoTracking() on m.CurrentTermId equals (Guid?)t.Id into terms
        from t in terms.DefaultIfEmpty()
        join s in db.States.AsNoTracking() on m.StateCode equals s.Code into states
        from s in states.DefaultIfEmpty()
        join r in db.Regions.AsNoTracking() on s.RegionNumber equals r.Number into regions
        from r in regions.DefaultIfEmpty()
        select ValueTuple.Create(m, t, s, r));

    /// <summary>
    /// As <see cref="ByIdAsync"/> for one ID, with the member's current term and state read in the same statement, where
    /// the caller sees everyone or asks for themself (whom <see cref="VisibleTo"/> always lets a caller see); null where
    /// <see cref="VisibleTo"/> adds conditions, or for several IDs (load those with <see cref="ByIdAsync"/>, and terms and
    /// states through their loaders, one statement each per batch).
    /// </summary>
    public static async Task<List<WithTermAndState>?> ByIdWithTermAndStateAsync(
        MembershipDbContext db, Caller caller, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count != 1 || !(SeesEveryone(caller) || ids.First() == caller.MemberId))
        {
            return null;
        }

        var rows = await AnyByIdWithTermAndState.ToListAsync(db, ids.First(), cancellationToken);
        return rows.ConvertAll(row =>
        {
            if (row.State is { } state)
            {
                state.Region = row.Region; // as the state loader reads it: with its region
            }

            return new WithTermAndState(row.Member, row.Term, row.State);
        });
    }

    /// <summary>
    /// The directory: members who opted in, are confirmed (no account still waiting for its e-mail confirmation; a
    /// member staff registered has none) and current (ACTIVE or GRACE, the same SQL as the status filter). A fresh
    /// applicant, unconfirmed and unpaid, is in nobody's directory.
    /// </summary>
    public static Expression<Func<Member, bool>> ListedInDirectory(MembershipDbContext db, DateOnly today) => Predicates.All([
        m => m.DirectoryOptIn && !db.Users.Any(a => a.MemberId == m.Id && !a.EmailConfirmed),
        MembershipStatusRules.InGoodStanding(today)]);

    /// <summary>
    /// Members of an agency as others see them: only where staff confirmed the agency (an applicant's own claim is no
    /// listing under it). Staff see every claim.
    /// </summary>
    public static IQueryable<Member> OfAgencies(this IQueryable<Member> members, IReadOnlyCollection<Guid> agencyIds, Caller caller) => caller.IsStaff
        ? members.Where(m => m.AgencyId != null).WhereKeyIn(m => m.AgencyId!.Value, agencyIds)
        : members.Where(m => m.AgencyId != null && m.AgencyConfirmedAt != null).WhereKeyIn(m => m.AgencyId!.Value, agencyIds);

    /// <summary>The agency shown on a member: a confirmed one, or any to the member themself and staff.</summary>
    public static Guid? ShownAgencyId(Member member, Caller caller) =>
        member.AgencyConfirmedAt is not null || caller.MaySeePrivateDataOf(member.Id) ? member.AgencyId : null;
}

/// <summary>Members through node(id) and nodes(ids), filtered like every other path.</summary>
internal sealed class MemberNodeSource(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar) : INodeSource
{
    public string TypeName => MemberType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var caller = (Caller)requestServices.GetService(typeof(Caller))!;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await MemberVisibility.ByIdWithTermAndStateAsync(db, caller, keys, cancellationToken) is { } rows)
        {
            var found = new Dictionary<Guid, object>(rows.Count);
            foreach (var row in rows)
            {
                found[row.Member.Id] = row.PrimeLoaders(requestServices);
            }

            return found;
        }

        return await MemberVisibility.ByIdAsync(db, caller, calendar.Today(), keys, m => (object)m, cancellationToken);
    }
}
