using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// Rows strictly after (or before) the row the values came from, in this order, as a condition the order's index
    /// bounds: a row-value comparison <c>(a, b, c) &gt; (x, y, z)</c> where the provider has one (PostgreSQL), elsewhere
    /// <c>a &gt;= x AND (a &gt; x OR (a = x AND …))</c>, whose leading bound lets the index seek.
    /// </summary>
    public Expression<Func<T, bool>> Beyond(IReadOnlyList<object> values, bool before, KeysetSyntax syntax)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var direction = before ? CompareAs.Before : CompareAs.After;
        var uniform = Columns.All(c => c.IsDescending == Columns[0].IsDescending);
        var body = syntax == KeysetSyntax.RowValues && uniform && Columns.Count > 1
            ? RowValues(row, values, direction)
            : LeadingBound(row, values, direction);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>The comparison each provider's index bounds: row values on PostgreSQL, a leading-column bound elsewhere.</summary>
    public static KeysetSyntax SyntaxFor(DbContext db) => db.Database.IsNpgsql() ? KeysetSyntax.RowValues : KeysetSyntax.LeadingBound;

    private Expression LeadingBound(ParameterExpression row, IReadOnlyList<object> values, CompareAs direction)
    {
        // Built from the last column outwards: c(n-1) > v(n-1), then ci > vi OR (ci = vi AND <rest>).
        var last = Columns.Count - 1;
        var rest = Columns[last].Compare(row, values[last], direction);
        for (var i = last - 1; i >= 0; i--)
        {
            rest = Expression.OrElse(Columns[i].Compare(row, values[i], direction),
                Expression.AndAlso(Columns[i].Compare(row, values[i], CompareAs.Equal), rest));
        }

        return last == 0 ? rest : Expression.AndAlso(Columns[0].Compare(row, values[0], direction, inclusive: true), rest);
    }

    private MethodCallExpression RowValues(ParameterExpression row, IReadOnlyList<object> values, CompareAs direction)
    {
        var types = Columns.Select(c => c.KeyType).ToArray();
        var tuple = Type.GetType($"System.ValueTuple`{types.Length}", throwOnError: true)!.MakeGenericType(types);
        var constructor = tuple.GetConstructor(types)!;
        var left = Expression.Convert(Expression.New(constructor, Columns.Select(c => c.Column(row))), typeof(ITuple));
        var right = Expression.Convert(Expression.New(constructor, Columns.Select((c, i) => c.Parameter(values[i]))), typeof(ITuple));
        var greater = (direction == CompareAs.After) != Columns[0].IsDescending;
        var method = typeof(NpgsqlDbFunctionsExtensions).GetMethod(greater ? nameof(NpgsqlDbFunctionsExtensions.GreaterThan) : nameof(NpgsqlDbFunctionsExtensions.LessThan),
            [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
        return Expression.Call(method, Expression.Property(null, typeof(EF), nameof(EF.Functions)), left, right);
    }

    /// <summary>The item's key values in this order, as a decoded cursor holds them.</summary>
    internal object[] Read(T item) => [.. Columns.Select(c => c.Read(item))];
}

/// <summary>How a cursor's condition is written for the provider (see <see cref="KeysetOrder{T}.Beyond"/>).</summary>
public enum KeysetSyntax
{
    LeadingBound,
    RowValues,
}

public enum CompareAs
{
    After,
    Before,
    Equal,
}

public abstract class KeyColumn<T>
{
    internal abstract bool IsDescending { get; }

    internal abstract Type KeyType { get; }

    internal abstract IOrderedQueryable<T> Order(IQueryable<T> query, IOrderedQueryable<T>? previous, bool reverse);

    internal abstract Expression Column(ParameterExpression row);

    internal abstract Expression Parameter(object value);

    internal abstract Expression Compare(ParameterExpression row, object value, CompareAs compare, bool inclusive = false);

    internal abstract object Read(T item);

    /// <summary>Writes the item's value of this column as a cursor holds it (the JSON of the value's own type, unboxed).</summary>
    internal abstract void Write(Utf8JsonWriter writer, T item);

    internal abstract object? Deserialize(JsonElement element);

    public static KeyColumn<T> Ascending<TKey>(Expression<Func<T, TKey>> selector) => new KeyColumn<T, TKey>(selector, descending: false);

    public static KeyColumn<T> Descending<TKey>(Expression<Func<T, TKey>> selector) => new KeyColumn<T, TKey>(selector, descending: true);
}

internal sealed class KeyColumn<T, TKey>(Expression<Func<T, TKey>> selector, bool descending) : KeyColumn<T>
{
    private readonly Func<T, TKey> _read = selector.Compile();

    internal override bool IsDescending => descending;

    internal override Type KeyType => typeof(TKey);

    internal override IOrderedQueryable<T> Order(IQueryable<T> query, IOrderedQueryable<T>? previous, bool reverse)
    {
        var down = descending != reverse;
        return previous is null
            ? down ? query.OrderByDescending(selector) : query.OrderBy(selector)
            : down ? previous.ThenByDescending(selector) : previous.ThenBy(selector);
    }

    internal override Expression Column(ParameterExpression row) => new Rebind(selector.Parameters[0], row).Visit(selector.Body);

    internal override Expression Parameter(object value)
    {
        Expression<Func<TKey>> captured = () => (TKey)value; // a closure, so EF sends a parameter, not a literal
        return captured.Body;
    }

    internal override Expression Compare(ParameterExpression row, object value, CompareAs compare, bool inclusive = false)
    {
        var column = Column(row);
        var constant = Parameter(value);
        if (compare == CompareAs.Equal)
        {
            return Expression.Equal(column, constant);
        }

        var greater = (compare == CompareAs.After) != descending;
        Func<Expression, Expression, BinaryExpression> relation = (greater, inclusive) switch
        {
            (true, false) => Expression.GreaterThan,
            (true, true) => Expression.GreaterThanOrEqual,
            (false, false) => Expression.LessThan,
            (false, true) => Expression.LessThanOrEqual,
        };
        if (typeof(TKey) == typeof(string))
        {
            // string.Compare(a, b) > 0 translates to a > b in SQL, under the column's collation.
            var call = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, constant);
            return relation(call, Expression.Constant(0));
        }

        if (typeof(TKey) == typeof(Guid))
        {
            // Guid has no operators; EF translates CompareTo to the database's own uuid ordering, the one ORDER BY uses.
            var call = Expression.Call(column, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, constant);
            return relation(call, Expression.Constant(0));
        }

        return relation(column, constant);
    }

    internal override object Read(T item) => _read(item)!;

    internal override void Write(Utf8JsonWriter writer, T item) => JsonSerializer.Serialize(writer, _read(item));

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
