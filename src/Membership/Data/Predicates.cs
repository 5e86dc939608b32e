using System.Linq.Expressions;

namespace Membership.Data;

public static class Predicates
{
    /// <summary>Any of the predicates: one WHERE with ORs, which every provider translates.</summary>
    public static Expression<Func<T, bool>> Any<T>(IEnumerable<Expression<Func<T, bool>>> predicates)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            var rebound = new Rebind(predicate.Parameters[0], row).Visit(predicate.Body);
            body = body is null ? rebound : Expression.OrElse(body, rebound);
        }

        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(false), row);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
