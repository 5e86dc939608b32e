using GraphQL.Types;

namespace Membership.GraphQL;

/// <summary>What every mutation returns: its result (null on failure) and the user errors.</summary>
public sealed record Payload<T>(T? Result, IReadOnlyList<UserError> UserErrors) : Audit.IMutationPayload
    where T : class
{
    object? Audit.IMutationPayload.ResultObject => Result;

    public static Payload<T> Success(T result) => new(result, []);

    public static Payload<T> Failure(IReadOnlyList<UserError> errors) => new(null, errors);

    public static Payload<T> Failure(UserErrors errors) => new(null, errors.Items);
}

/// <summary>A mutation payload type: <c>{ resultField: TResult, userErrors: [UserError!]! }</c>.</summary>
public class PayloadType<T, TResultType> : ObjectGraphType<Payload<T>>
    where T : class
    where TResultType : IGraphType
{
    protected PayloadType(string name, string resultField, string description)
    {
        Name = name;
        Description = description;
        Field<TResultType>(resultField).Resolve(c => c.Source.Result);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}
