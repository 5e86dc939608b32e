using System.Security.Claims;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using Membership.GraphQL.Limits;

namespace Membership.GraphQL.Documents;

/// <summary>The endpoint's execution options: the document as the cache holds it, the operation chosen, and what the request resolved once.</summary>
internal sealed class MembershipExecutionOptions : ExecutionOptions
{
    public required CachedDocument Cached { get; init; }

    public required GraphQLOperationDefinition Operation { get; init; }
}

/// <summary>
/// A validation rule that runs for cached documents too, because it depends on the request (the caller, the variables),
/// and can tell before anything is walked whether this request gives it anything to check.
/// </summary>
internal interface IRequestValidationRule : IValidationRule
{
    /// <summary>False when the rule would visit nothing and report nothing for this operation and caller.</summary>
    bool HasWorkFor(GraphQLDocument document, GraphQLOperationDefinition operation, ClaimsPrincipal? user);
}

/// <summary>
/// Validation of a document whose operation passed before runs only the rules that depend on the request: the caller
/// (<see cref="AuthenticationRule"/>) and the variables (<see cref="CostRule"/>, through page sizes and
/// <c>@include</c>/<c>@skip</c>; <see cref="Paging.MutationPagingRule"/>); they are registered with <c>useForCachedDocuments</c>.
/// The other rules, GraphQL's own among them, look at the document and the schema alone. When none of the request's
/// rules has anything to check (a signed-in caller or a public document, a price no variable changes, a query), no rule
/// runs and the document is not walked for them; variables are still coerced and arguments parsed
/// (<see cref="RequestValidator"/>), except for a query without variables, whose parsed arguments are kept.
/// Field authorization runs at execution, per request, whatever the cache holds.
/// </summary>
internal sealed class CachedValidation(DocumentCache cache, GraphQLMetrics metrics) : IConfigureExecution
{
    private static readonly IValidationRule[] NoRules = [];

    /// <summary>After the rules are assembled (100), as GraphQL.NET's own document cache.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options is not MembershipExecutionOptions { Cached: var cached, Operation: var operation })
        {
            return await next(options);
        }

        var validated = cached.Validated(options.OperationName);
        var rules = ValidationRules.All;
        if (validated is not null)
        {
            var requestRules = options.CachedDocumentValidationRules ?? NoRules;
            if (requestRules.Any(rule => rule is not IRequestValidationRule known || known.HasWorkFor(cached.Document, operation, options.User)))
            {
                options.ValidationRules = requestRules;
                rules = ValidationRules.Request;
            }
            else
            {
                options.ValidationRules = NoRules; // not null: null would mean GraphQL's core rules
                rules = ValidationRules.None;
                if (operation.Operation == OperationType.Query && operation.Variables is not { Items.Count: > 0 } && options.UserContext is MembershipUserContext user)
                {
                    user.ConstantArguments = validated;
                }
            }
        }

        metrics.RecordValidation(rules);
        var result = await next(options);
        if (validated is null && result.Executed)
        {
            cached.MarkValidated(options.OperationName);
            cache.Keep(cached);
        }

        return result;
    }
}

/// <summary>
/// The validator GraphQL.NET's executer calls: its own, except for a cached query without variables that no request
/// rule needs to look at (<see cref="CachedValidation"/> marks it in the request's user context). Its arguments are all
/// literals, so what the validator makes of them (the parsed argument and directive values) is the same on every run:
/// it is parsed once and kept with the cached operation. The execution copies the top-level dictionaries for its
/// parallel strategy; the parsed values themselves are shared and are only read.
/// </summary>
internal sealed class RequestValidator : IDocumentValidator
{
    private readonly DocumentValidator _validator = new();

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.UserContext is not MembershipUserContext { ConstantArguments: { } operation })
        {
            return _validator.ValidateAsync(options);
        }

        return operation.ParsedArguments ?? ParseOnceAsync(_validator.ValidateAsync(options), operation);
    }

    private static async Task<IValidationResult> ParseOnceAsync(Task<IValidationResult> parsing, ValidatedOperation operation)
    {
        var result = await parsing;
        if (result.IsValid)
        {
            operation.ParsedArguments = Task.FromResult(result);
        }

        return result;
    }
}
