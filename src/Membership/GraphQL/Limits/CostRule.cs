using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Membership.GraphQL.Limits;

/// <summary>
/// Depth and complexity limits with stable error codes, priced by <see cref="QueryCost"/> (our own: GraphQL.NET's
/// complexity analyzer expands every fragment spread, which makes nested spreads exponential). When introspection is
/// enabled, an operation made only of introspection fields is exempt: the standard introspection query is deeper than
/// any real front-end query, and <see cref="IntrospectionDepthRule"/> bounds it instead.
/// </summary>
internal sealed class CostRule(CostLimits limits, IntrospectionSetting introspection, GraphQLMetrics metrics) : ValidationRuleBase, Documents.IRequestValidationRule
{
    /// <summary>
    /// Operations found within the limits whose price no variable can change (<see cref="VariablesCanChangePrice"/>):
    /// a cached document's is priced once, however its variables change from request to request.
    /// </summary>
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, object> _withinLimits = new();

    /// <summary>Documents by whether a variable can change an operation's price (boxed booleans); worked out once per cached document.</summary>
    private readonly ConditionalWeakTable<GraphQLDocument, object> _variablesMatter = new();

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        // Other rules have refused the document (fragment cycles, unknown fields): there is nothing sound to price.
        if (context.HasErrors || !HasWorkFor(context.Document, context.Operation, context.User))
        {
            return default;
        }

        var fixedCost = HasFixedCost(context.Document, context.Operation);

        context.CancellationToken.ThrowIfCancellationRequested();
        var depth = QueryCost.DepthOf(context);
        if (depth > limits.MaxDepth)
        {
            context.ReportError(new ValidationError($"The query is nested {depth} levels deep; the limit is {limits.MaxDepth}.") { Code = ErrorCodes.TooDeep });
            return default;
        }

        var cost = QueryCost.Of(context, limits);
        metrics.SelectionsPriced.Record(cost.Visited);
        if (cost.TooComplex)
        {
            context.ReportError(new ValidationError($"The query's complexity exceeds the limit of {limits.MaxComplexity}. Ask for smaller pages or fewer fields.")
            {
                Code = ErrorCodes.TooComplex,
            });
        }
        else if (fixedCost)
        {
            _withinLimits.AddOrUpdate(context.Operation, limits);
        }

        return default;
    }

    /// <summary>Anything to price: not an introspection query (when enabled), nor an operation found within the limits before whose price no variable changes.</summary>
    public bool HasWorkFor(GraphQLDocument document, GraphQLOperationDefinition operation, ClaimsPrincipal? user) =>
        !(introspection.Enabled && IsIntrospectionOnly(operation)) && !(HasFixedCost(document, operation) && _withinLimits.TryGetValue(operation, out _));

    private bool HasFixedCost(GraphQLDocument document, GraphQLOperationDefinition operation) =>
        operation.Variables is not { Items.Count: > 0 } || !(bool)_variablesMatter.GetValue(document, static d => VariablesCanChangePrice(d));

    /// <summary>
    /// Whether a variable can change the price or the depth: as a page size (<c>first</c>, <c>last</c>), in an <c>ids</c>
    /// list, or in a directive (<c>@include</c>, <c>@skip</c>). Every other argument leaves the price as it is (a node's
    /// <c>id</c>, a cursor, a search). Looks at the whole document, every operation and fragment: conservative, and cheap.
    /// </summary>
    internal static bool VariablesCanChangePrice(GraphQLDocument document) =>
        document.Definitions.Any(definition => definition switch
        {
            GraphQLOperationDefinition operation => InSelections(operation.SelectionSet),
            GraphQLFragmentDefinition fragment => InSelections(fragment.SelectionSet),
            _ => false,
        });

    private static bool InSelections(GraphQLSelectionSet? set) =>
        set is not null && set.Selections.Any(selection =>
            (selection is IHasDirectivesNode { Directives: { } directives }
                && directives.Items.Any(directive => directive.Arguments?.Items.Any(argument => HasVariable(argument.Value)) == true))
            || selection switch
            {
                GraphQLField field => field.Arguments?.Items.Any(argument => argument.Name.StringValue is "first" or "last" or "ids" && HasVariable(argument.Value)) == true
                    || InSelections(field.SelectionSet),
                GraphQLInlineFragment inline => InSelections(inline.SelectionSet),
                _ => false,
            });

    private static bool HasVariable(GraphQLValue value) => value switch
    {
        GraphQLVariable => true,
        GraphQLListValue list => list.Values?.Any(HasVariable) == true,
        GraphQLObjectValue item => item.Fields?.Any(field => HasVariable(field.Value)) == true,
        _ => false,
    };

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition? operation) =>
        operation is not null
        && operation.SelectionSet.Selections.All(s => s is GraphQLField f && f.Name.StringValue is "__schema" or "__type" or "__typename");
}

/// <summary>A field's own cost where it is more than 1 (several queries, a computation): its children are multiplied as usual.</summary>
public static class FieldCost
{
    private const string Key = "membership:cost";

    public static FieldBuilder<TSource, TReturn> Cost<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, double impact)
    {
        field.FieldType.WithMetadata(Key, impact);
        return field;
    }

    internal static double? GetCost(this FieldType field) => field.GetMetadata<double?>(Key);
}

/// <summary>Measurements of the GraphQL endpoint's work, for telemetry and for tests that bound it without a clock.</summary>
internal sealed class GraphQLMetrics
{
    public const string MeterName = "Membership.GraphQL";
    public const string SelectionsPricedName = "membership.graphql.validation.selections_priced";
    public const string DocumentsName = "membership.graphql.documents";
    public const string ValidationsName = "membership.graphql.validations";

    private static readonly KeyValuePair<string, object?> Parsed = new("source", "parsed");
    private static readonly KeyValuePair<string, object?> FromCache = new("source", "cache");
    private static readonly KeyValuePair<string, object?> AllRules = new("rules", "all");
    private static readonly KeyValuePair<string, object?> RequestRules = new("rules", "request");
    private static readonly KeyValuePair<string, object?> NoRules = new("rules", "none");

    public GraphQLMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        SelectionsPriced = meter.CreateHistogram<int>(SelectionsPricedName, "{selection}", "Selections the cost rule looked at to price one operation.");
        Documents = meter.CreateCounter<long>(DocumentsName, "{document}", "Documents a request ran, by source: parsed from its text, or found in the document cache.");
        Validations = meter.CreateCounter<long>(ValidationsName, "{operation}",
            "Operations validated, by rules: all of them, only those that depend on the request (a cached operation), or none (a cached operation none of those had anything to check for).");
    }

    public Histogram<int> SelectionsPriced { get; }

    private Counter<long> Documents { get; }

    private Counter<long> Validations { get; }

    public void RecordDocument(bool fromCache) => Documents.Add(1, fromCache ? FromCache : Parsed);

    public void RecordValidation(ValidationRules rules) => Validations.Add(1, rules switch
    {
        ValidationRules.All => AllRules,
        ValidationRules.Request => RequestRules,
        _ => NoRules,
    });
}

/// <summary>Which validation rules an operation ran with.</summary>
internal enum ValidationRules
{
    /// <summary>Every rule: the operation had not passed validation on this instance before.</summary>
    All,

    /// <summary>A cached operation: only the rules that depend on the request.</summary>
    Request,

    /// <summary>A cached operation none of the request's rules had anything to check for.</summary>
    None,
}
