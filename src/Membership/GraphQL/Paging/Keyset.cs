using System.Linq.Expressions;
using System.Text.Json;

namespace Membership.GraphQL.Paging;

/// <summary>
/// A sort order for keyset paging: columns that end in a unique one, so every row has one place.
/// The order's name travels in each cursor, so a cursor from another list or order is refused.
/// </summary>
public sealed class KeysetOrder<T>(string name, params KeyColumn<T>[] columns)
{
    public string Name { get; } = name;
    public IReadOnlyList<KeyColumn<T>> Columns { get; } = columns;

    public IQueryable<T> Apply(IQueryable<T> query, bool reverse)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var column in Columns)
        {
            ordered = column.Order(query, ordered, reverse);
        }

        return ordered ?? query;
    }

    /// <summary>Rows strictly after (or before) the row the values came from, in this order.</summary>
    public Expression<Func<T, bool>> Beyond(IReadOnlyList<object> values, bool before)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        for (var i = 0; i < Columns.Count; i++)
        {
            // (c0 = v0 AND … AND c(i-1) = v(i-1) AND ci > vi), OR-ed over i.
            Expression term = Columns[i].Compare(row, values[i], before ? CompareAs.Before : CompareAs.After);
            for (var j = i - 1; j >= 0; j--)
            {
                term = Expression.AndAlso(Columns[j].Compare(row, values[j], CompareAs.Equal), term);
            }

            any = any is null ? term : Expression.OrElse(any, term);
        }

        return Expression.Lambda<Func<T, bool>>(any!, row);
    }

    internal object[] Read(T item) => Columns.Select(c => c.Read(item)).ToArray();
}

public enum CompareAs
{
    After,
    Before,
    Equal,
}

public abstract class KeyColumn<T>
{
    internal abstract IOrderedQueryable<T> Order(IQueryable<T> query, IOrderedQueryable<T>? previous, bool reverse);

    internal abstract Expression Compare(ParameterExpression row, object value, CompareAs compare);

    internal abstract object Read(T item);

    internal abstract object? Deserialize(JsonElement element);

    public static KeyColumn<T> Ascending<TKey>(Expression<Func<T, TKey>> selector) => new KeyColumn<T, TKey>(selector, descending: false);

    public static KeyColumn<T> Descending<TKey>(Expression<Func<T, TKey>> selector) => new KeyColumn<T, TKey>(selector, descending: true);
}

internal sealed class KeyColumn<T, TKey>(Expression<Func<T, TKey>> selector, bool descending) : KeyColumn<T>
{
    private readonly Func<T, TKey> _read = selector.Compile();

    internal override IOrderedQueryable<T> Order(IQueryable<T> query, IOrderedQueryable<T>? previous, bool reverse)
    {
        var down = descending != reverse;
        return previous is null
            ? down ? query.OrderByDescending(selector) : query.OrderBy(selector)
            : down ? previous.ThenByDescending(selector) : previous.ThenBy(selector);
    }

    internal override Expression Compare(ParameterExpression row, object value, CompareAs compare)
    {
        var column = new Rebind(selector.Parameters[0], row).Visit(selector.Body);
        Expression<Func<TKey>> captured = () => (TKey)value; // a closure, so EF sends a parameter, not a literal
        var constant = captured.Body;
        if (compare == CompareAs.Equal)
        {
            return Expression.Equal(column, constant);
        }

        var greater = (compare == CompareAs.After) != descending;
        if (typeof(TKey) == typeof(string))
        {
            // string.Compare(a, b) > 0 translates to a > b in SQL, under the column's collation.
            var call = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, constant);
            var zero = Expression.Constant(0);
            return greater ? Expression.GreaterThan(call, zero) : Expression.LessThan(call, zero);
        }

        if (typeof(TKey) == typeof(Guid))
        {
            // Guid has no operators; EF translates CompareTo to the database's own uuid ordering, the one ORDER BY uses.
            var call = Expression.Call(column, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, constant);
            var zero = Expression.Constant(0);
            return greater ? Expression.GreaterThan(call, zero) : Expression.LessThan(call, zero);
        }

        return greater ? Expression.GreaterThan(column, constant) : Expression.LessThan(column, constant);
    }

    internal override object Read(T item) => _read(item)!;

    internal override object? Deserialize(JsonElement element) => Normalize(element.Deserialize<TKey>());

    /// <summary>
    /// Makes a cursor's value one the database accepts as a parameter, or refuses it with a FormatException: a forged
    /// cursor must give INVALID_CURSOR or a correct page, never a provider error.
    /// </summary>
    private static object? Normalize(object? value) => value switch
    {
        // Npgsql refuses offsets other than zero, and SQLite's ticks-plus-offset encoding would misorder them: compare in UTC.
        DateTimeOffset instant => instant.ToUniversalTime(),
        // PostgreSQL refuses NUL in text.
        string text when text.Contains('\0', StringComparison.Ordinal) => throw new FormatException(),
        _ => value,
    };

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
