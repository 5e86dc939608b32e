using GraphQL.Types;

namespace Membership.GraphQL;

/// <summary>An expected failure of a mutation: a stable code, the input field it concerns, and a message for people.</summary>
public sealed record UserError(string Code, string Message, IReadOnlyList<string>? Field);

/// <summary>Collects the user errors of one mutation; a mutation that has any writes nothing.</summary>
public sealed class UserErrors
{
    private readonly List<UserError> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<UserError> Items => _errors;

    /// <param name="field">Path of the input field, e.g. <c>["input", "email"]</c>.</param>
    public UserErrors Add(string code, string message, params string[] field)
    {
        _errors.Add(new UserError(code, message, field.Length == 0 ? null : field));
        return this;
    }
}

internal sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "An expected failure of a mutation. Nothing was written when a payload carries one.";
        Field(e => e.Code).Description("Stable, machine-readable code, e.g. EMAIL_TAKEN.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field")
            .Description("Path to the input field at fault, e.g. [\"input\", \"email\"]; null when the error concerns the whole input.")
            .Resolve(c => c.Source.Field);
        Field(e => e.Message).Description("Explanation for people.");
    }
}
