using Membership.Data;
using Membership.Dues;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

/// <summary>Per-request batch loaders around members; each batch runs one query on its own DbContext.</summary>
public sealed class MemberLoaders(IDbContextFactory<MembershipDbContext> factory, Identity.Caller caller, AssociationCalendar calendar)
{
    private static readonly KeyedQuery<Guid, MembershipTerm> TermsById = new((db, ids) => db.MembershipTerms.AsNoTracking().Where(t => ids.Contains(t.Id)));

    private static readonly KeyedQuery<Guid, MembershipPlan> PlansById = new((db, ids) => db.MembershipPlans.AsNoTracking().Where(p => ids.Contains(p.Id)));

    /// <summary>Members by ID, as far as the caller may see them (null otherwise).</summary>
    public BatchLoader<Guid, Member?> Member { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await MemberVisibility.ByIdAsync(db, caller, calendar.Today(), ids, m => (Member?)m, ct);
    }, null);

    /// <summary>Terms by term ID (a member's current term).</summary>
    public BatchLoader<Guid, MembershipTerm?> Term { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await TermsById.ToDictionaryAsync(db, ids, t => t.Id, t => (MembershipTerm?)t, ct);
    }, null);

    /// <summary>All terms of each member, newest first.</summary>
    public BatchLoader<Guid, IReadOnlyList<MembershipTerm>> TermsOfMember { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var terms = await db.MembershipTerms.AsNoTracking().WhereKeyIn(t => t.MemberId, ids)
            .OrderByDescending(t => t.StartsOn).ThenByDescending(t => t.CreatedAt).ToListAsync(ct);
        return terms.GroupBy(t => t.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<MembershipTerm>)g.ToList());
    }, []);

    public BatchLoader<Guid, MembershipPlan?> Plan { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await PlansById.ToDictionaryAsync(db, ids, p => p.Id, p => (MembershipPlan?)p, ct);
    }, null);
}
