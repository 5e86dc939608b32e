using System.Linq.Expressions;

namespace Membership.Data;

public static class Predicates
{
    /// <summary>Any of the predicates: one WHERE with ORs, which every provider translates.</summary>
    public static Expression<Func<T, bool>> Any<T>(IEnumerable<Expression<Func<T, bool>>> predicates) => Combine(predicates, Expression.OrElse, false);

    /// <summary>All of the predicates, in one WHERE with ANDs.</summary>
    public static Expression<Func<T, bool>> All<T>(IEnumerable<Expression<Func<T, bool>>> predicates) => Combine(predicates, Expression.AndAlso, true);

    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private static Expression<Func<T, bool>> Combine<T>(IEnumerable<Expression<Func<T, bool>>> predicates, Func<Expression, Expression, BinaryExpression> join, bool empty)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            var rebound = new Rebind(predicate.Parameters[0], row).Visit(predicate.Body);
            body = body is null ? rebound : join(body, rebound);
        }

        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(empty), row);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
