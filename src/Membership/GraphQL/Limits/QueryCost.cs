using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Membership.GraphQL.Limits;

/// <summary>
/// Prices one operation: each field costs its impact (1 unless <see cref="FieldCost"/> says otherwise), multiplied by the
/// page sizes of the lists above it. A named fragment is priced once per context and reused at every spread, so 25
/// spreads of a fragment five levels deep take five steps, not 25^5; the walk stops as soon as the running total passes
/// the limit. <see cref="DepthOf"/> measures nesting the same way, each fragment once.
/// </summary>
internal sealed class QueryCost
{
    /// <summary>Above every limit and far from overflow: costs saturate here so no product turns into infinity or NaN.</summary>
    private const double Ceiling = 1e15;

    private readonly ValidationContext _context;
    private readonly CostLimits _limits;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly Dictionary<(string Fragment, double? ParentPage), double> _priced = [];
    private readonly HashSet<string> _pricing = [];

    private QueryCost(ValidationContext context, CostLimits limits)
    {
        _context = context;
        _limits = limits;
        _fragments = FragmentsByName(context.Document);
    }

    /// <summary>The document's fragments by name (the first of a duplicated name: other rules refuse duplicates).</summary>
    internal static Dictionary<string, GraphQLFragmentDefinition> FragmentsByName(GraphQLDocument document)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>();
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }

        return fragments;
    }

    /// <summary>Cost spent so far by the whole operation; monotonic, equal to the operation's cost when the walk completes.</summary>
    public double Total { get; private set; }

    /// <summary>Selections looked at (fields, spreads, inline fragments): the work done, linear in the document's size.</summary>
    public int Visited { get; private set; }

    public bool TooComplex => Total > _limits.MaxComplexity;

    /// <summary>Prices the validated operation, stopping early once the limit is passed.</summary>
    public static QueryCost Of(ValidationContext context, CostLimits limits)
    {
        var cost = new QueryCost(context, limits);
        var root = context.Operation.Operation switch
        {
            OperationType.Mutation => context.Schema.Mutation,
            OperationType.Subscription => context.Schema.Subscription,
            _ => context.Schema.Query,
        };
        if (root is not null)
        {
            cost.Walk(context.Operation.SelectionSet, root, parentPage: null, standing: 1);
        }

        return cost;
    }

    /// <summary>
    /// Deepest nesting of the operation, as GraphQL.NET counts it (a top-level field with a selection is depth 2),
    /// measuring each fragment once: it depends on the document alone.
    /// </summary>
    public static int DepthOf(ValidationContext context) =>
        1 + new Nesting(FragmentsByName(context.Document), field => field.SelectionSet is null ? 0 : 1, context.ShouldIncludeNode).Of(context.Operation.SelectionSet);

    /// <param name="parentPage">The enclosing field's first/last when it is not a list: a connection's page size, which its edges/nodes lists take.</param>
    /// <param name="standing">Product of the multipliers above: what one unit of cost here adds to the total.</param>
    private double Walk(GraphQLSelectionSet set, IGraphType parentType, double? parentPage, double standing)
    {
        double cost = 0;
        foreach (var selection in set.Selections)
        {
            if (TooComplex)
            {
                break;
            }

            if (++Visited % 256 == 0)
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
            }

            if (!_context.ShouldIncludeNode(selection))
            {
                continue;
            }

            cost = Saturate(cost + selection switch
            {
                GraphQLField field => OfField(field, parentType, parentPage, standing),
                GraphQLInlineFragment inline => Walk(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? parentType, parentPage, standing),
                GraphQLFragmentSpread spread => OfSpread(spread, parentPage, standing),
                _ => 0,
            });
        }

        return cost;
    }

    private double OfField(GraphQLField field, IGraphType parentType, double? parentPage, double standing)
    {
        var definition = FieldOf(field, parentType);
        if (definition is null)
        {
            return 0; // the document failed validation already; nothing to price
        }

        var impact = definition.GetCost() ?? 1;
        Total = Saturate(Total + Times(impact, standing));
        if (field.SelectionSet is null || definition.ResolvedType?.GetNamedType() is not { } childType)
        {
            return impact;
        }

        var (multiplier, page) = Multiplier(field, definition, parentPage);
        var children = Walk(field.SelectionSet, childType, page, Times(standing, multiplier));
        return Saturate(impact + Times(multiplier, children));
    }

    /// <summary>A fragment is priced once per parent page size (all its fields are looked up on its own type condition).</summary>
    private double OfSpread(GraphQLFragmentSpread spread, double? parentPage, double standing)
    {
        var name = spread.FragmentName.Name.StringValue;
        if (_priced.TryGetValue((name, parentPage), out var known))
        {
            Total = Saturate(Total + Times(known, standing));
            return known;
        }

        if (!_fragments.TryGetValue(name, out var fragment) || TypeOf(fragment.TypeCondition) is not { } type || !_pricing.Add(name))
        {
            return 0; // unknown fragment or a cycle: other rules have refused the document
        }

        var price = Walk(fragment.SelectionSet, type, parentPage, standing);
        _pricing.Remove(name);
        if (!TooComplex)
        {
            _priced[(name, parentPage)] = price; // a walk cut short is not the fragment's price
        }

        return price;
    }

    /// <summary>
    /// How many times a field's children are resolved: 1 for an object; for a list, its first/last, the number of
    /// ids it is given, a connection's page size (the enclosing field's first/last), or the default page size.
    /// Also returns the page size this field hands to its children when it is a connection.
    /// </summary>
    private (double Multiplier, double? Page) Multiplier(GraphQLField field, FieldType definition, double? parentPage)
    {
        var arguments = _context.ArgumentValues?.TryGetValue(field, out var parsed) == true ? parsed : null;
        var ownPage = PageSize(arguments, "first") ?? PageSize(arguments, "last");
        if (!IsList(definition.ResolvedType))
        {
            return (1, ownPage);
        }

        if (ownPage is { } page)
        {
            return (page, null);
        }

        if (arguments?.TryGetValue("ids", out var ids) == true)
        {
            return (ids.Value is System.Collections.ICollection given ? given.Count : _limits.DefaultPageSize, null);
        }

        return (arguments?.ContainsKey("id") == true ? 1 : parentPage ?? _limits.DefaultPageSize, null);
    }

    /// <summary>An integer page size; a negative one (refused when the field runs) counts as the default page.</summary>
    private double? PageSize(IDictionary<string, global::GraphQL.Execution.ArgumentValue>? arguments, string name) =>
        arguments?.TryGetValue(name, out var value) == true && value.Value is int size ? size < 0 ? _limits.DefaultPageSize : size : null;

    private static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;

    private FieldType? FieldOf(GraphQLField field, IGraphType parentType)
    {
        var schema = _context.Schema;
        return field.Name.StringValue switch
        {
            "__typename" => schema.TypeNameMetaFieldType,
            "__schema" when parentType == schema.Query => schema.SchemaMetaFieldType,
            "__type" when parentType == schema.Query => schema.TypeMetaFieldType,
            var name => (parentType as IComplexGraphType)?.GetField(name),
        };
    }

    private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
        condition is null ? null : _context.Schema.AllTypes[condition.Type.Name.StringValue];

    private static double Times(double a, double b) => a == 0 || b == 0 ? 0 : Saturate(a * b);

    private static double Saturate(double value) => double.IsNaN(value) ? Ceiling : Math.Min(value, Ceiling);
}

/// <summary>The limits of <see cref="CostRule"/>, and the page size <see cref="QueryCost"/> assumes for a list asked without one.</summary>
internal sealed record CostLimits(int MaxDepth, int MaxComplexity, int DefaultPageSize);
