using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Regions;
using Microsoft.EntityFrameworkCore;

namespace Membership.Agencies;

internal static class AgencyQueries
{
    public static void AddAgencyQueries(this ObjectGraphType query)
    {
        query.Field<AgencyType>("agency")
            .Description("An agency by global ID. Public.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => c.Service<AgencyLoaders>().Agency.Load(GlobalId.Parse(c.GetArgument<string>("id"), AgencyType.TypeName)));

        query.Field<NonNullGraphType<AgencyConnectionType>>("agencies")
            .Description("Agencies, filtered and sorted, in pages. Public: front ends let applicants pick their agency.")
            .PagingArguments()
            .Argument<AgencyFilterType>("filter")
            .Argument<AgencyOrderType>("orderBy", "Default: by name, ascending.")
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<AgencyFilter?>("filter");
                var order = AgencyOrders.For(c.GetArgument<AgencyOrder?>("orderBy"));
                return await KeysetPaging.PageAsync(c.Db(), db => Filter(db, filter), order, PageArgs.From(c), c.CancellationToken);
            });
    }

    internal static IQueryable<Agency> Filter(MembershipDbContext db, AgencyFilter? filter)
    {
        var query = db.Agencies.AsQueryable();
        if (filter is null)
        {
            return query;
        }

        if (filter.State is { Count: > 0 } states)
        {
            var codes = states.Select(s => s.Trim().ToUpperInvariant()).ToList();
            query = query.Where(a => codes.Contains(a.StateCode));
        }

        if (filter.Region is { Count: > 0 } regions)
        {
            query = query.Where(a => db.States.Any(s => s.Code == a.StateCode && regions.Contains(s.RegionNumber)));
        }

        if (filter.Kind is { Count: > 0 } kinds)
        {
            query = query.Where(a => kinds.Contains(a.Kind));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // LIKE '%part%': on PostgreSQL the trigram index on the name key answers it; an ORI hits its unique index.
            var pattern = SearchTerms.LikePattern(SearchTerms.Phrase(filter.Search, "filter.search"), "%", "%");
            var ori = filter.Search.Trim().ToUpperInvariant();
            query = query.Where(a => EF.Functions.Like(a.NameKey, pattern, @"\") || a.OriCode == ori);
        }

        return query;
    }
}

public sealed class AgencyFilter
{
    public string? Search { get; set; }
    public List<string>? State { get; set; }
    public List<int>? Region { get; set; }
    public List<AgencyKind>? Kind { get; set; }
}

internal sealed class AgencyFilterType : InputObjectGraphType<AgencyFilter>
{
    public AgencyFilterType()
    {
        Name = "AgencyFilter";
        Description = "Every given condition must hold; a list matches any of its values.";
        Field(f => f.Search, nullable: true).Description($"Part of the name (case and accents ignored; at least {SearchTerms.MinimumLength} characters, "
            + "or the field fails with SEARCH_TOO_SHORT), or an exact ORI.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("state").Description("Two-letter state codes.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("region").Description("Region numbers.");
        Field<ListGraphType<NonNullGraphType<AgencyKindType>>>("kind");
    }
}

public enum AgencyOrderField
{
    Name,
    CreatedAt,
}

public sealed class AgencyOrder : OrderBy<AgencyOrderField>;

internal sealed class AgencyOrderType() : OrderByType<AgencyOrder, AgencyOrderField>("AgencyOrder");

internal static class AgencyOrders
{
    private static readonly KeysetOrders<Agency, AgencyOrderField> Orders = new(AgencyOrderField.Name, new Dictionary<(AgencyOrderField, SortDirection), KeysetOrder<Agency>>
    {
        [(AgencyOrderField.Name, SortDirection.Asc)] = new("agency:name:asc", KeyColumn<Agency>.Ascending(a => a.NameKey), KeyColumn<Agency>.Ascending(a => a.Id)),
        [(AgencyOrderField.Name, SortDirection.Desc)] = new("agency:name:desc", KeyColumn<Agency>.Descending(a => a.NameKey), KeyColumn<Agency>.Descending(a => a.Id)),
        [(AgencyOrderField.CreatedAt, SortDirection.Asc)] = new("agency:created:asc", KeyColumn<Agency>.Ascending(a => a.CreatedAt), KeyColumn<Agency>.Ascending(a => a.Id)),
        [(AgencyOrderField.CreatedAt, SortDirection.Desc)] = new("agency:created:desc", KeyColumn<Agency>.Descending(a => a.CreatedAt), KeyColumn<Agency>.Descending(a => a.Id)),
    });

    public static KeysetOrder<Agency> For(AgencyOrder? order) => Orders.For(order);
}

/// <summary>Agencies through node(id): public.</summary>
internal sealed class AgencyNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => AgencyType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AsNoTracking().WhereKeyIn(a => a.Id, keys).ToDictionaryAsync(a => a.Id, a => (object)a, cancellationToken);
    }
}
