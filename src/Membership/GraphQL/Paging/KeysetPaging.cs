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
    public static Task<Connection<T>> PageAsync<T>(
        IDbContextFactory<MembershipDbContext> factory,
        Func<MembershipDbContext, IQueryable<T>> source,
        KeysetOrder<T> order,
        PageArgs args,
        CancellationToken cancellationToken,
        int? countCap = null)
        where T : class =>
        PageAsync(factory, (db, _) => source(db), order, args, cancellationToken, countCap);

    /// <summary>
    /// As above, for a query that is a union of parts. <paramref name="source"/> passes each part through the function it
    /// is given: for the page, that applies the cursor, the order and the page size to the part, so each part stops at
    /// the page's end in its own index instead of handing every match to the union's sort; for the count, it changes nothing.
    /// With <paramref name="rowsOfPage"/>, the page is read in two steps of one statement: the ordered, limited query picks
    /// the page's keys (when it reads only the sort index's columns, the index alone answers it) and
    /// <paramref name="rowsOfPage"/> fetches those rows whole, by their key.
    /// </summary>
    public static async Task<Connection<T>> PageAsync<T>(
        IDbContextFactory<MembershipDbContext> factory,
        Func<MembershipDbContext, Func<IQueryable<T>, IQueryable<T>>, IQueryable<T>> source,
        KeysetOrder<T> order,
        PageArgs args,
        CancellationToken cancellationToken,
        int? countCap = null,
        Func<MembershipDbContext, IQueryable<T>, IQueryable<T>>? rowsOfPage = null)
        where T : class
    {
        var (size, backward) = args.Resolve();
        var after = args.After is null ? null : Cursor.Decode(order, args.After, "after");
        var before = args.Before is null ? null : Cursor.Decode(order, args.Before, "before");

        List<T> rows;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            rows = size == 0 ? [] : await PageQuery(db, source, order, after, before, size, backward, rowsOfPage).ToListAsync(cancellationToken);
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

        var encode = (T row) => Cursor.Encode(order, row);
        var edges = rows.ConvertAll(r => new Edge<T>(r, encode));
        var pageInfo = new PageInfo(
            HasNextPage: backward ? before is not null : more,
            HasPreviousPage: backward ? more : after is not null,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);

        return new Connection<T>(edges, pageInfo, ct => CountAsync(factory, db => source(db, part => part), countCap, ct));
    }

    /// <summary>The query of one page of the paged union: <paramref name="size"/> + 1 rows after or before the cursors.</summary>
    internal static IQueryable<T> PageQuery<T>(
        MembershipDbContext db,
        Func<MembershipDbContext, Func<IQueryable<T>, IQueryable<T>>, IQueryable<T>> source,
        KeysetOrder<T> order,
        IReadOnlyList<object>? after,
        IReadOnlyList<object>? before,
        int size,
        bool backward,
        Func<MembershipDbContext, IQueryable<T>, IQueryable<T>>? rowsOfPage)
        where T : class
    {
        var syntax = KeysetOrder<T>.SyntaxFor(db);
        IQueryable<T> Page(IQueryable<T> query)
        {
            if (after is not null)
            {
                query = query.Where(order.Beyond(after, before: false, syntax));
            }

            if (before is not null)
            {
                query = query.Where(order.Beyond(before, before: true, syntax));
            }

            return order.Apply(query, reverse: backward).Take(size + 1);
        }

        var page = Page(source(db, Page).AsNoTracking());
        return rowsOfPage is null ? page : order.Apply(rowsOfPage(db, page).AsNoTracking(), reverse: backward).Take(size + 1);
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
