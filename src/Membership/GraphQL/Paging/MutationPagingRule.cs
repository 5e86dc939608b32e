using System.Globalization;
using System.Security.Claims;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Membership.GraphQL.Paging;

/// <summary>
/// Validation, for mutations only: the paging arguments of connections and bounded lists (such as Agency.members)
/// selected in a mutation's payload are checked before anything runs, with the checks paging itself makes
/// (<see cref="PageArgs"/>: page size, first with last; <see cref="Cursor"/>: a cursor that is no cursor at all), so such
/// a mutation is refused whole instead of writing and then failing in its payload. A well-formed cursor of another list
/// is still found only where the list is paged.
/// </summary>
internal sealed class MutationPagingRule : ValidationRuleBase, Documents.IRequestValidationRule
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (context.Operation.Operation != OperationType.Mutation || field.Arguments is not { Count: > 0 } arguments
            || context.TypeInfo.GetFieldDef()?.Arguments?.Find("first") is null)
        {
            return;
        }

        string? Text(string name) => arguments.FirstOrDefault(a => a.Name.StringValue == name) is { } argument
            ? Convert.ToString(ValueOf(argument.Value, context), CultureInfo.InvariantCulture)
            : null;
        static int? Size(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null;

        var (first, after, last, before) = (Text("first"), Text("after"), Text("last"), Text("before"));
        try
        {
            // A value that is not an integer fails the argument's type check on its own; out of int's range is no page size.
            _ = new PageArgs(first is null ? null : Size(first) ?? int.MaxValue, after, last is null ? null : Size(last) ?? int.MaxValue, before).Resolve();
            foreach (var (name, cursor) in new[] { ("after", after), ("before", before) })
            {
                if (cursor is not null && !Cursor.IsWellFormed(cursor))
                {
                    throw Cursor.Invalid(name);
                }
            }
        }
        catch (ExecutionError e)
        {
            context.ReportError(new ValidationError(e.Message) { Code = e.Code });
        }
    });

    /// <summary>Queries are not walked at all: this rule runs for cached documents too, on every request.</summary>
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        HasWorkFor(context.Document, context.Operation, context.User) ? new(Visitor) : default;

    public bool HasWorkFor(GraphQLDocument document, GraphQLOperationDefinition operation, ClaimsPrincipal? user) =>
        operation.Operation == OperationType.Mutation;

    /// <summary>A literal, or the variable's value as sent; null when absent or null.</summary>
    private static object? ValueOf(GraphQLValue value, ValidationContext context) => value switch
    {
        GraphQLIntValue i => i.Value.ToString(),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLVariable v => context.Variables.TryGetValue(v.Name.StringValue, out var sent) ? sent : null,
        _ => null, // null, or a literal of another kind that fails the type check on its own
    };
}
