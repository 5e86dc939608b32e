using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Membership.GraphQL.Paging;

/// <summary>
/// Validation, for mutations only: the paging arguments of connections selected in a mutation's payload are checked
/// before anything runs (a page size outside 0..100, also of a bounded list such as Agency.members; first and last
/// together; a cursor that is no cursor at all), so
/// such a mutation is refused whole instead of writing and then failing in its payload. Queries check the same at
/// execution (KeysetPaging, Cursor), which also catches a well-formed cursor of another list.
/// </summary>
internal sealed class MutationPagingRule : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (context.Operation.Operation != OperationType.Mutation || field.Arguments is not { Count: > 0 } arguments)
        {
            return;
        }

        var definition = context.TypeInfo.GetFieldDef();
        if (definition?.Arguments?.Find("first") is null)
        {
            return; // neither a connection nor a bounded list (both take at most 100 at once)
        }

        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var name = argument.Name.StringValue;
            var value = ValueOf(argument.Value, context);
            if (value is null)
            {
                continue;
            }

            given.Add(name);
            if (name is "first" or "last" && (!int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size)
                    || size is < 0 or > PageArgs.MaxPageSize))
            {
                context.ReportError(new ValidationError($"'{name}' must be between 0 and {PageArgs.MaxPageSize}.") { Code = ErrorCodes.InvalidPageSize });
            }
            else if (name is "after" or "before" && (value is not string cursor || !LooksLikeACursor(cursor)))
            {
                context.ReportError(new ValidationError($"'{name}' is not a cursor of this list in this order.") { Code = ErrorCodes.InvalidCursor });
            }
        }

        if (given.Contains("first") && given.Contains("last"))
        {
            context.ReportError(new ValidationError("Pass either 'first' or 'last', not both.") { Code = ErrorCodes.InvalidArgument });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    /// <summary>A literal, or the variable's value as sent; null when absent or null.</summary>
    private static object? ValueOf(GraphQLValue value, ValidationContext context) => value switch
    {
        GraphQLIntValue i => i.Value.ToString(),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLNullValue => null,
        GraphQLVariable v => context.Variables.TryGetValue(v.Name.StringValue, out var sent) ? sent : null,
        _ => string.Empty, // any other literal kind fails the type check of its own
    };

    /// <summary>The shape every cursor of ours has: base64url of a JSON array whose first item names the order.</summary>
    private static bool LooksLikeACursor(string cursor)
    {
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            return json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() > 1
                && json.RootElement[0].ValueKind == JsonValueKind.String;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }
}
