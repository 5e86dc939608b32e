using System.Linq.Expressions;
using System.Reflection;

namespace Membership.Data;

/// <summary>
/// A batch's condition on its keys, sent as <c>key = @key</c> for one key and as "key in the set" for several. Most
/// batches of a request hold one key (a member's own page, <c>node(id:)</c>). On PostgreSQL the set is one array
/// parameter (<c>= ANY (@keys)</c>), and a statement with an array parameter is planned again on every execution: a
/// generic plan cannot know the array's length, so PostgreSQL keeps choosing custom ones (planning a member by ID took
/// 0.036 ms against 0.013 ms executing it). With a scalar parameter it settles on one generic plan after five
/// executions. (SQLite and SQL Server get a list of parameters, which EF Core already writes as <c>=</c> for one.)
/// </summary>
public static class KeyFilter
{
    private static readonly MethodInfo EnumerableContains = new Func<IEnumerable<object>, object, bool>(Enumerable.Contains).Method.GetGenericMethodDefinition();

    /// <summary>The rows whose <paramref name="key"/> is one of <paramref name="keys"/>.</summary>
    public static IQueryable<T> WhereKeyIn<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, IReadOnlyCollection<TKey> keys) =>
        source.Where(In(key, keys));

    private static Expression<Func<T, bool>> In<T, TKey>(Expression<Func<T, TKey>> key, IReadOnlyCollection<TKey> keys)
    {
        // A member of a constant object is what a captured variable looks like, so EF Core sends it as a parameter
        // (named after the member) and caches one query for every value.
        Expression condition = keys.Count == 1
            ? Expression.Equal(key.Body, Expression.Property(Expression.Constant(new OneKey<TKey>(keys.First())), nameof(OneKey<TKey>.Key)))
            : Expression.Call(EnumerableContains.MakeGenericMethod(typeof(TKey)),
                Expression.Property(Expression.Constant(new SeveralKeys<TKey>([.. keys])), nameof(SeveralKeys<TKey>.Keys)), key.Body);
        return Expression.Lambda<Func<T, bool>>(condition, key.Parameters);
    }

    private sealed class OneKey<TKey>(TKey key)
    {
        public TKey Key { get; } = key;
    }

    private sealed class SeveralKeys<TKey>(TKey[] keys)
    {
        public TKey[] Keys { get; } = keys;
    }
}
