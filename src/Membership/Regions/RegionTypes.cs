using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Regions;

internal sealed class RegionType : ObjectGraphType<Region>
{
    public RegionType()
    {
        Name = "Region";
        Description = "One of the association's numbered regions.";
        Field(r => r.Number);
        Field(r => r.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StateType>>>>("states")
            .Description("The states, districts and territories in the region.")
            .Resolve(c => c.Service<RegionLoaders>().StatesOfRegion.Load(c.Source.Number));
    }
}

internal sealed class StateType : ObjectGraphType<UsState>
{
    public StateType()
    {
        Name = "State";
        Description = "A US state, district or territory.";
        Field(s => s.Code).Description("Two-letter postal code, e.g. AL.");
        Field(s => s.Name);
        // A state from the state loader (a member's, an agency's) comes with its region: no second statement for it.
        Field<NonNullGraphType<RegionType>>("region").Resolve(c => c.Source.Region is { } region
            ? LoaderResult.Of<Region?>(region)
            : c.Service<RegionLoaders>().Region.Load(c.Source.RegionNumber));
    }
}

/// <summary>Per-request loaders for the region table.</summary>
public sealed class RegionLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    /// <summary>States by code with their regions: a member's or an agency's state, on nearly every member read.</summary>
    private static readonly KeyedQuery<string, UsState> StatesByCode = new((db, codes) =>
        db.States.AsNoTracking().Include(s => s.Region).Where(s => codes.Contains(s.Code)));

    public BatchLoader<string, UsState?> State { get; } = new(async (codes, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await StatesByCode.ToDictionaryAsync(db, codes, s => s.Code, s => (UsState?)s, ct);
    }, null);

    public BatchLoader<int, Region?> Region { get; } = new(async (numbers, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Regions.AsNoTracking().WhereKeyIn(r => r.Number, numbers).ToDictionaryAsync(r => r.Number, r => (Region?)r, ct);
    }, null);

    public BatchLoader<int, IReadOnlyList<UsState>> StatesOfRegion { get; } = new(async (numbers, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var states = await db.States.AsNoTracking().WhereKeyIn(s => s.RegionNumber, numbers).OrderBy(s => s.Code).ToListAsync(ct);
        return states.GroupBy(s => s.RegionNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<UsState>)g.ToList());
    }, []);
}

internal static class RegionQueries
{
    public static void AddRegionQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegionType>>>>("regions")
            .Description("The association's regions with their states. Public.")
            .ResolveAsync(async c =>
            {
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.Regions.AsNoTracking().OrderBy(r => r.Number).ToListAsync(c.CancellationToken);
            });
    }
}
