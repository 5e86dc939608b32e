using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using Membership.GraphQL.Limits;

namespace Membership.GraphQL.Documents;

/// <summary>The endpoint's execution options: the document as the cache holds it, and what the request resolved once.</summary>
internal sealed class MembershipExecutionOptions : ExecutionOptions
{
    public required CachedDocument Cached { get; init; }
}

/// <summary>
/// Validation of a document whose operation passed before runs only the rules that depend on the request: the caller
/// (<see cref="AuthenticationRule"/>) and the variables (<see cref="CostRule"/>, through page sizes and
/// <c>@include</c>/<c>@skip</c>; <see cref="Paging.MutationPagingRule"/>); they are registered with <c>useForCachedDocuments</c>. The other rules, GraphQL's own
/// among them, look at the document and the schema alone. Variables are still coerced and arguments parsed per request.
/// Field authorization runs at execution, per request, whatever the cache holds.
/// </summary>
internal sealed class CachedValidation(DocumentCache cache, GraphQLMetrics metrics) : IConfigureExecution
{
    /// <summary>After the rules are assembled (100), as GraphQL.NET's own document cache.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options is not MembershipExecutionOptions { Cached: var cached })
        {
            return await next(options);
        }

        var validatedBefore = cached.WasValidated(options.OperationName);
        if (validatedBefore)
        {
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        metrics.RecordValidation(validatedBefore);
        var result = await next(options);
        if (!validatedBefore && result.Executed)
        {
            cached.MarkValidated(options.OperationName);
            cache.Keep(cached);
        }

        return result;
    }
}
