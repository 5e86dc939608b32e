using System.Collections;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Membership.GraphQL;

namespace Membership.Audit;

/// <summary>
/// What an entry says about a mutation's arguments: the names of the fields supplied (as dotted paths, the
/// <c>input</c> argument's own name left out), the global IDs among their values, and the values of the few fields
/// that are never personal data. Read from the document and the request's raw variables, so a field is listed only
/// when the caller supplied it (an update's absent fields are not "changed").
/// </summary>
public sealed class AuditFields
{
    /// <summary>Fields whose values are kept (matched on the last name of the path): states, plans, categories, money, counts.</summary>
    public static readonly HashSet<string> ValuesKept = new(StringComparer.OrdinalIgnoreCase)
    {
        "status", "category", "plan", "planCode", "amount", "amountMinor", "currency", "quantity", "decision", "role", "kind", "channel",
    };

    private const int MaxObjects = 50;
    private readonly SortedSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<string> _objects = [];
    private readonly SortedDictionary<string, object?> _values = new(StringComparer.Ordinal);

    public IReadOnlyList<string> ObjectIds => _objects;

    /// <summary>The field names, space-separated; null when none were supplied.</summary>
    public string? Names => _names.Count == 0 ? null : Bounded(string.Join(' ', _names));

    /// <summary>The kept values as a JSON object; null when none.</summary>
    public string? Values => _values.Count == 0 ? null : Bounded(JsonSerializer.Serialize(_values));

    public static AuditFields Of(IResolveFieldContext context, IReadOnlyDictionary<string, object?>? variables)
    {
        var fields = new AuditFields();
        foreach (var argument in context.FieldAst.Arguments?.Items ?? [])
        {
            var name = argument.Name.StringValue;
            fields.Walk(argument.Value, name == "input" ? string.Empty : name, variables);
        }

        return fields;
    }

    /// <summary>Adds a returned object's global ID, when the payload's result has a <c>Guid Id</c>.</summary>
    public void AddResult(IResolveFieldContext context, object? result)
    {
        if (result is null || ResultTypeName(context) is not { } typeName)
        {
            return;
        }

        if (result.GetType().GetProperty("Id")?.GetValue(result) is Guid id)
        {
            AddObject(GlobalId.Encode(typeName, id));
        }
    }

    public void AddObject(string globalId)
    {
        if (_objects.Count < MaxObjects && !_objects.Contains(globalId, StringComparer.Ordinal))
        {
            _objects.Add(globalId);
        }
    }

    /// <summary>The GraphQL type of the payload's result field (the payload's first field besides userErrors).</summary>
    private static string? ResultTypeName(IResolveFieldContext context) =>
        context.FieldDefinition.ResolvedType?.GetNamedType() is IComplexGraphType payload
            ? payload.Fields.FirstOrDefault(f => f.Name != "userErrors")?.ResolvedType?.GetNamedType().Name
            : null;

    private void Walk(GraphQLValue node, string path, IReadOnlyDictionary<string, object?>? variables)
    {
        switch (node)
        {
            case GraphQLVariable variable:
                if (variables is not null && variables.TryGetValue(variable.Name.StringValue, out var raw))
                {
                    WalkRaw(raw, path);
                }

                break;
            case GraphQLObjectValue obj:
                foreach (var field in obj.Fields ?? [])
                {
                    Walk(field.Value, Join(path, field.Name.StringValue), variables);
                }

                break;
            case GraphQLListValue list:
                foreach (var item in list.Values ?? [])
                {
                    Walk(item, path, variables);
                }

                break;
            case GraphQLStringValue text:
                Leaf(path, text.Value.ToString());
                break;
            case GraphQLNullValue:
                Leaf(path, null);
                break;
            case GraphQLBooleanValue boolean:
                Leaf(path, boolean.BoolValue);
                break;
            case GraphQLIntValue integer:
                Leaf(path, Number(integer.Value.Span));
                break;
            case GraphQLFloatValue real:
                Leaf(path, Number(real.Value.Span));
                break;
            case GraphQLEnumValue enumValue:
                Leaf(path, enumValue.Name.StringValue);
                break;
        }
    }

    private void WalkRaw(object? value, string path)
    {
        switch (value)
        {
            case IDictionary<string, object?> obj:
                foreach (var (key, item) in obj)
                {
                    WalkRaw(item, Join(path, key));
                }

                break;
            case string or null:
                Leaf(path, value);
                break;
            case IEnumerable list:
                foreach (var item in list)
                {
                    WalkRaw(item, path);
                }

                break;
            default:
                Leaf(path, value);
                break;
        }
    }

    private void Leaf(string path, object? value)
    {
        if (path.Length == 0)
        {
            return;
        }

        _names.Add(path);
        if (value is string text && GlobalId.TryDecode(text, out _, out _))
        {
            AddObject(text);
        }
        else if (value is null or IConvertible && ValuesKept.Contains(path[(path.LastIndexOf('.') + 1)..]))
        {
            _values[path] = value;
        }
    }

    private static decimal? Number(ReadOnlySpan<char> text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Bounded(string text) => text.Length <= 2000 ? text : text[..1997] + "...";
}
