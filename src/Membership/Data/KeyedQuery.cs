using System.Linq.Expressions;

namespace Membership.Data;

/// <summary>
/// A batch loader's compiled query over a set of keys (<c>(db, ids) =&gt; … ids.Contains(x.Key) …</c>), compiled in two
/// forms: as written, for several keys, and with <c>ids.Contains(x.Key)</c> turned into <c>x.Key == id</c> for one key,
/// so a batch of one sends a scalar parameter (why: <see cref="KeyFilter"/>). The keys may appear only as the
/// collection of <c>Contains</c> calls.
/// </summary>
public sealed class KeyedQuery<TKey, TResult>
{
    private readonly ModelQuery<TKey[], TResult> _several;
    private readonly ModelQuery<TKey, TResult> _one;

    public KeyedQuery(Expression<Func<MembershipDbContext, TKey[], IQueryable<TResult>>> query)
    {
        _several = new(query);
        _one = new(OneKeyForm(query));
    }

    public IAsyncEnumerable<TResult> Run(MembershipDbContext db, IReadOnlyCollection<TKey> keys) =>
        keys.Count == 1 ? _one.Run(db, keys.First()) : _several.Run(db, [.. keys]);

    public Task<List<TResult>> ToListAsync(MembershipDbContext db, IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken) =>
        Run(db, keys).ToListAsync(cancellationToken);

    public Task<Dictionary<TDictionaryKey, TValue>> ToDictionaryAsync<TDictionaryKey, TValue>(
        MembershipDbContext db, IReadOnlyCollection<TKey> keys, Func<TResult, TDictionaryKey> key, Func<TResult, TValue> value, CancellationToken cancellationToken)
        where TDictionaryKey : notnull => Run(db, keys).ToDictionaryAsync(key, value, cancellationToken);

    private static Expression<Func<MembershipDbContext, TKey, IQueryable<TResult>>> OneKeyForm(Expression<Func<MembershipDbContext, TKey[], IQueryable<TResult>>> query)
    {
        var keys = query.Parameters[1];
        var key = Expression.Parameter(typeof(TKey), "key");
        var body = new ContainsToEquals(keys, key).Visit(query.Body);
        if (new Finder(keys).Uses(body))
        {
            throw new ArgumentException($"The keys '{keys.Name}' may appear only as the collection of Contains: {query}", nameof(query));
        }

        return Expression.Lambda<Func<MembershipDbContext, TKey, IQueryable<TResult>>>(body, query.Parameters[0], key);
    }

    /// <summary>
    /// <c>keys.Contains(x)</c> to <c>x == key</c>: Enumerable.Contains, or MemoryExtensions.Contains over the array taken
    /// as a span (what C# 14 binds <c>array.Contains</c> to).
    /// </summary>
    private sealed class ContainsToEquals(ParameterExpression keys, ParameterExpression key) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == nameof(Enumerable.Contains) && node.Method.IsStatic && node.Arguments.Count >= 2
                && IsKeys(node.Arguments[0]) && (node.Arguments.Count == 2 || node.Arguments[2] is ConstantExpression { Value: null }))
            {
                return Expression.Equal(Visit(node.Arguments[1]), key);
            }

            return base.VisitMethodCall(node);
        }

        private bool IsKeys(Expression collection) => collection switch
        {
            ParameterExpression parameter => parameter == keys,
            UnaryExpression { NodeType: ExpressionType.Convert } convert => IsKeys(convert.Operand),
            MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } conversion => IsKeys(conversion.Arguments[0]),
            _ => false,
        };
    }

    private sealed class Finder(ParameterExpression keys) : ExpressionVisitor
    {
        private bool _found;

        public bool Uses(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == keys;
            return node;
        }
    }
}
