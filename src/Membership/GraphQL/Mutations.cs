using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.GraphQL;

/// <summary>The one way a mutation writes: a DbContext and transaction of its own, all or nothing.</summary>
public static class Mutations
{
    /// <summary>Declares a mutation field taking <c>input: TInput!</c> and returning <c>TPayload</c>.</summary>
    public static FieldBuilder<object?, object> Mutation<TPayloadType, TInputType>(this ObjectGraphType mutation, string name, string description)
        where TPayloadType : IGraphType
        where TInputType : IGraphType =>
        mutation.Field<TPayloadType>(name).Description(description).Argument<NonNullGraphType<TInputType>>("input");

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction. If it reports a user error (or returns null), nothing is written;
    /// otherwise its changes are saved and committed. A unique- or check-constraint race that <paramref name="conflict"/>
    /// recognises becomes a user error too.
    /// </summary>
    public static async Task<Payload<T>> WriteAsync<T>(
        this IResolveFieldContext context,
        Func<MembershipDbContext, UserErrors, CancellationToken, Task<T?>> write,
        Func<DbUpdateException, UserError?>? conflict = null)
        where T : class
    {
        var ct = context.CancellationToken;
        var errors = new UserErrors();
        await using var db = await context.Db().CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await write(db, errors, ct);
            if (errors.Any || result is null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<T>.Failure(errors);
            }

            // The audit entry of a root mutation commits with the change, or not at all.
            var audited = Audit.MutationAudit.AddToTransaction(context, db, result);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (audited)
            {
                Audit.MutationAudit.Committed(context);
            }

            return Payload<T>.Success(result);
        }
        catch (DbUpdateException e) when ((DbErrors.IsUniqueViolation(e) || DbErrors.IsCheckViolation(e)) && conflict?.Invoke(e) is { } error)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Payload<T>.Failure([error]);
        }
    }
}

/// <summary>
/// An update input read field by field: an absent field keeps its value, an explicit null clears it
/// (where the field may be empty). Backed by the raw input map GraphQL.NET gives an untyped input object.
/// </summary>
public sealed class Patch(IDictionary<string, object?> values)
{
    public static Patch From(IResolveFieldContext context, string argument = "input") =>
        new(context.GetArgument<Dictionary<string, object?>>(argument));

    public bool Has(string name) => values.ContainsKey(name);

    public T? Get<T>(string name) => values.TryGetValue(name, out var value) && value is not null ? (T)value : default;

    /// <summary>For value types: null when absent or explicitly null.</summary>
    public T? GetValue<T>(string name) where T : struct => values.TryGetValue(name, out var value) && value is not null ? (T)value : null;

    public bool IsEmptyBesides(params string[] keys) => values.Keys.All(keys.Contains);
}
