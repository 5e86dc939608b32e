using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Membership.GraphQL.Limits;

/// <summary>Rejects documents with more aliases than configured: aliases multiply work without adding depth.</summary>
internal sealed class AliasLimitRule(IOptions<GraphQLOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var count = 0;
        var max = options.Value.MaxAliases;
        return new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Alias is not null && ++count == max + 1)
            {
                ctx.ReportError(new ValidationError($"The document uses more than {max} aliases.") { Code = ErrorCodes.TooManyAliases });
            }
        }));
    }
}

/// <summary>Refuses <c>__schema</c> and <c>__type</c> unless introspection is enabled (Development, or by configuration).</summary>
internal sealed class IntrospectionRule(IntrospectionSetting setting) : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.StringValue is "__schema" or "__type")
        {
            context.ReportError(new ValidationError("Introspection is disabled on this server; the schema is published at /graphql/schema.graphql.")
            {
                Code = ErrorCodes.IntrospectionDisabled,
            });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(setting.Enabled ? null : Visitor);
}

/// <summary>Whether introspection is on, decided once from configuration and environment.</summary>
internal sealed record IntrospectionSetting(bool Enabled);

/// <summary>
/// Introspection nests at most <see cref="GraphQLOptions.MaxIntrospectionDepth"/> levels, counting <c>__schema</c> or
/// <c>__type</c> and each list of types or fields under it (<c>types</c>, <c>fields</c>, <c>inputFields</c>,
/// <c>interfaces</c>, <c>possibleTypes</c>), as graphql-js's MaxIntrospectionDepthRule does: the standard introspection
/// query needs 3 (<c>__schema { types { fields</c>; its deep <c>ofType</c> chains are single objects), while
/// <c>fields { type { fields { type { fields</c> multiplies the schema by itself. Each fragment is measured once.
/// </summary>
internal sealed class IntrospectionDepthRule(IOptions<GraphQLOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var max = options.Value.MaxIntrospectionDepth;
        var lists = new Nesting(QueryCost.FragmentsByName(context.Document), ListsOfTypesOrFields, _ => true);
        return new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Name.StringValue is "__schema" or "__type" && 1 + lists.Of(field.SelectionSet) > max)
            {
                ctx.ReportError(new ValidationError($"Introspection may nest at most {max} levels of types and fields.") { Code = ErrorCodes.IntrospectionTooDeep });
            }
        }));
    }

    private static int ListsOfTypesOrFields(GraphQLField field) =>
        field.Name.StringValue is "types" or "fields" or "inputFields" or "interfaces" or "possibleTypes" ? 1 : 0;
}
