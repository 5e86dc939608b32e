using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.GraphQL.Paging;

/// <summary>The paging arguments of a connection field, checked: at most <see cref="MaxPageSize"/> per page.</summary>
public sealed record PageArgs(int? First, string? After, int? Last, string? Before)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static PageArgs From(IResolveFieldContext context) => new(
        context.GetArgument<int?>("first"),
        context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"),
        context.GetArgument<string?>("before"));

    internal (int Size, bool Backward) Resolve()
    {
        if (First is not null && Last is not null)
        {
            throw new ExecutionError("Pass either 'first' or 'last', not both.") { Code = ErrorCodes.InvalidArgument };
        }

        var size = First ?? Last ?? DefaultPageSize;
        if (size is < 0 or > MaxPageSize)
        {
            throw new ExecutionError($"'{(Last is null ? "first" : "last")}' must be between 0 and {MaxPageSize}.") { Code = ErrorCodes.InvalidPageSize };
        }

        return (size, Last is not null);
    }
}

public static class KeysetPaging
{
    /// <summary>Adds first/after/last/before to a connection field.</summary>
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<IntGraphType>("first", $"Page size from the start or after 'after'; at most {PageArgs.MaxPageSize}, default {PageArgs.DefaultPageSize}.")
        .Argument<StringGraphType>("after", "Cursor of the edge to continue after.")
        .Argument<IntGraphType>("last", $"Page size from the end or before 'before'; at most {PageArgs.MaxPageSize}.")
        .Argument<StringGraphType>("before", "Cursor of the edge to continue before.");

    /// <summary>
    /// Reads one page with a WHERE on the cursor's key values (never OFFSET), on its own DbContext.
    /// <paramref name="source"/> builds the filtered query; it runs again, on another context, only if totalCount is asked.
    /// With <paramref name="countCap"/>, the count stops there (a search's matches are counted only so far).
    /// </summary>
    public static async Task<Connection<T>> PageAsync<T>(
        IDbContextFactory<MembershipDbContext> factory,
        Func<MembershipDbContext, IQueryable<T>> source,
        KeysetOrder<T> order,
        PageArgs args,
        CancellationToken cancellationToken,
        int? countCap = null)
        where T : class
    {
        var (size, backward) = args.Resolve();
        var after = args.After is null ? null : Cursor.Decode(order, args.After, "after");
        var before = args.Before is null ? null : Cursor.Decode(order, args.Before, "before");

        List<T> rows;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var query = source(db).AsNoTracking();
            var syntax = KeysetOrder<T>.SyntaxFor(db);
            if (after is not null)
            {
                query = query.Where(order.Beyond(after, before: false, syntax));
            }

            if (before is not null)
            {
                query = query.Where(order.Beyond(before, before: true, syntax));
            }

            rows = size == 0 ? [] : await order.Apply(query, reverse: backward).Take(size + 1).ToListAsync(cancellationToken);
        }

        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(r => new Edge<T>(Cursor.Encode(order, r), r)).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: backward ? before is not null : more,
            HasPreviousPage: backward ? more : after is not null,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);

        return new Connection<T>(edges, pageInfo, ct => CountAsync(factory, source, countCap, ct));
    }

    private static async Task<TotalCount> CountAsync<T>(IDbContextFactory<MembershipDbContext> factory, Func<MembershipDbContext, IQueryable<T>> source, int? cap,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (cap is not { } limit)
        {
            return new TotalCount(await source(db).CountAsync(cancellationToken), Capped: false);
        }

        // COUNT over at most cap + 1 rows: the database stops reading once it knows the cap is passed.
        var count = await source(db).Take(limit + 1).CountAsync(cancellationToken);
        return count > limit ? new TotalCount(limit, Capped: true) : new TotalCount(count, Capped: false);
    }
}
