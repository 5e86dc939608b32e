using GraphQL;
using GraphQL.DataLoader;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Agencies;

/// <summary>Per-request batch loaders around agencies; each batch runs one query on its own DbContext.</summary>
public sealed class AgencyLoaders
{
    public const int DefaultMembers = 20;
    public const int MaxMembers = 100;

    private static readonly KeyedQuery<Guid, Agency> AgenciesById = new((db, ids) => db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)));

    private readonly BatchLoader<(Guid Agency, int First), IReadOnlyList<Member>> _members;

    public AgencyLoaders(IDbContextFactory<MembershipDbContext> factory, Caller caller, AssociationCalendar calendar)
    {
        Agency = new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await AgenciesById.ToDictionaryAsync(db, ids, a => a.Id, a => (Agency?)a, ct);
        }, null);

        MemberCount = new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var counts = await db.Members.VisibleTo(db, caller, calendar.Today()).OfAgencies(ids, caller)
                .GroupBy(m => m.AgencyId!.Value)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(ct);
            return counts.ToDictionary(x => x.Key, x => x.Count);
        }, 0);

        _members = new(async (keys, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var result = new Dictionary<(Guid, int), IReadOnlyList<Member>>();
            foreach (var group in keys.GroupBy(k => k.First))
            {
                // One query per distinct page size (one in practice): the first N members of each agency.
                var ids = group.Select(k => k.Agency).ToList();
                var rows = await db.Members.AsNoTracking().VisibleTo(db, caller, calendar.Today()).OfAgencies(ids, caller)
                    .GroupBy(m => m.AgencyId!.Value)
                    .Select(g => g.OrderBy(m => m.LastNameKey).ThenBy(m => m.FirstNameKey).ThenBy(m => m.Number).Take(group.Key))
                    .ToListAsync(ct);
                foreach (var members in rows.Select(r => r.ToList()).Where(r => r.Count > 0))
                {
                    result[(members[0].AgencyId!.Value, group.Key)] = members;
                }
            }

            return result;
        }, []);
    }

    public BatchLoader<Guid, Agency?> Agency { get; }

    public BatchLoader<Guid, int> MemberCount { get; }

    public IDataLoaderResult<IReadOnlyList<Member>> Members(Guid agencyId, int? first)
    {
        var size = first ?? DefaultMembers;
        if (size is < 0 or > MaxMembers)
        {
            throw new ExecutionError($"'first' must be between 0 and {MaxMembers}.") { Code = ErrorCodes.InvalidPageSize };
        }

        return _members.Load((agencyId, size));
    }
}
