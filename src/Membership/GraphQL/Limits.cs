using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Membership.GraphQL;

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
/// Depth and complexity limits with stable error codes. When introspection is enabled, an operation made only of
/// introspection fields is exempt: the standard introspection query is deeper than any real front-end query.
/// </summary>
internal sealed class LimitsRule(ComplexityOptions complexity, IntrospectionSetting introspection) : ComplexityValidationRule(complexity)
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (introspection.Enabled && IsIntrospectionOnly(context.Operation))
        {
            return default;
        }

        return base.GetPostNodeVisitorAsync(context);
    }

    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        if (maxDepth > Options.MaxDepth)
        {
            context.ReportError(new ValidationError($"The query is nested {maxDepth} levels deep; the limit is {Options.MaxDepth}.") { Code = ErrorCodes.TooDeep });
        }
        else if (totalComplexity > Options.MaxComplexity)
        {
            context.ReportError(new ValidationError($"The query's complexity is {totalComplexity:0}; the limit is {Options.MaxComplexity}. Ask for smaller pages or fewer fields.")
            {
                Code = ErrorCodes.TooComplex,
            });
        }

        return default;
    }

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition? operation) =>
        operation is not null
        && operation.SelectionSet.Selections.All(s => s is GraphQLField f && f.Name.StringValue is "__schema" or "__type" or "__typename");
}
