using GraphQL.Types;

namespace Membership.GraphQL;

/// <summary>The schema root. Each feature adds its root fields from its own <c>Add…</c> method (<see cref="SchemaContributions"/>); the schema stays flat.</summary>
internal sealed class MembershipSchema : Schema
{
    public MembershipSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "Membership API of the national association of school resource officers.";
    }
}

/// <summary>The node queries, then the root fields every feature registered (<see cref="SchemaContributions.AddRootFields"/>).</summary>
internal sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<RootFields> features)
    {
        Name = "Query";
        this.AddNodeQueries();
        foreach (var feature in features)
        {
            feature.Query?.Invoke(this);
        }
    }
}

/// <summary>The mutations every feature registered (<see cref="SchemaContributions.AddRootFields"/>).</summary>
internal sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<RootFields> features)
    {
        Name = "Mutation";
        foreach (var feature in features)
        {
            feature.Mutation?.Invoke(this);
        }
    }
}
