using GraphQL.Types;

namespace Membership.GraphQL.Paging;

/// <summary>
/// One page of a Relay connection. The total is counted only when a client asks for it, and once per page
/// however many of totalCount and totalCountCapped are asked.
/// </summary>
public sealed class Connection<T>(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, Func<CancellationToken, Task<TotalCount>> countAsync)
{
    private readonly Lock _lock = new();
    private Task<TotalCount>? _count;

    public IReadOnlyList<Edge<T>> Edges { get; } = edges;
    public PageInfo PageInfo { get; } = pageInfo;

    public Task<TotalCount> CountAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _count ??= countAsync(cancellationToken);
        }
    }
}

/// <summary>How many objects match; <paramref name="Capped"/> when counting stopped at a cap and more match.</summary>
public sealed record TotalCount(int Count, bool Capped);

/// <summary>An edge of a page; its cursor is encoded when a client asks for it (a page read through nodes needs none).</summary>
public sealed class Edge<T>
{
    private readonly Func<T, string>? _encode;
    private string? _cursor;

    public Edge(string cursor, T node)
    {
        _cursor = cursor;
        Node = node;
    }

    internal Edge(T node, Func<T, string> encode)
    {
        Node = node;
        _encode = encode;
    }

    public string Cursor => _cursor ??= _encode!(Node);

    public T Node { get; }
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

internal sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage);
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
    }
}

/// <summary>The <c>XEdge</c> type of a connection.</summary>
public abstract class EdgeType<T, TNodeType> : ObjectGraphType<Edge<T>>
    where TNodeType : IGraphType
{
    protected EdgeType(string nodeName)
    {
        Name = nodeName + "Edge";
        Field(e => e.Cursor).Description("Opaque; pass it as after/before to continue from this edge.");
        Field<NonNullGraphType<TNodeType>>("node").Resolve(c => c.Source.Node);
    }
}

/// <summary>The <c>XConnection</c> type: edges, nodes, pageInfo and totalCount.</summary>
public abstract class ConnectionType<T, TNodeType, TEdgeType> : ObjectGraphType<Connection<T>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionType(string nodeName)
    {
        Name = nodeName + "Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The nodes of the edges, for clients that need no cursors.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many objects match, across all pages. Costs one extra query: ask only when shown. "
                + "A search may count only up to a cap (see totalCountCapped and the search's description).")
            .ResolveAsync(async c => (await c.Source.CountAsync(c.CancellationToken)).Count);
        Field<NonNullGraphType<BooleanGraphType>>("totalCountCapped")
            .Description("True when counting stopped at a cap and more objects match than totalCount says (shown as \"10,000+\"). "
                + "Shares totalCount's query.")
            .ResolveAsync(async c => (await c.Source.CountAsync(c.CancellationToken)).Capped);
    }
}
