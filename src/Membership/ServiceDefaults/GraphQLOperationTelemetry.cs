using System.Diagnostics;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Membership.GraphQL.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Membership.ServiceDefaults;

/// <summary>
/// Around each GraphQL operation: a log scope naming the operation and the calling client (so every log entry of the
/// operation carries them), and the operation's duration in <see cref="MembershipTelemetry.GraphQLOperationDuration"/>.
/// GraphQL.NET's own UseTelemetry() makes the span.
/// </summary>
internal sealed class GraphQLOperationTelemetry(IHttpContextAccessor http, ILogger<GraphQLOperationTelemetry> logger) : IConfigureExecution
{
    private const int MaxNameLength = 100; // operation names are the client's: keep a runaway one from flooding the metric's tags

    public float SortOrder => 50;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var (name, type) = Describe(options);
        var user = http.HttpContext?.User;
        var client = user?.FindFirst(OpenIddictConstants.Claims.ClientId)?.Value ?? user?.FindFirst(OpenIddictConstants.Claims.AuthorizedParty)?.Value;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["GraphQLOperation"] = name, ["ClientId"] = client });
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var result = await next(options);
            outcome = !result.Executed ? "rejected" : result.Errors is { Count: > 0 } ? "errors" : "ok";
            return result;
        }
        finally
        {
            MembershipTelemetry.GraphQLOperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("graphql.operation.name", name),
                new KeyValuePair<string, object?>("graphql.operation.type", type),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private static (string Name, string Type) Describe(ExecutionOptions options)
    {
        // The endpoint chose the operation already; other callers (tests, tools) are looked up in the document.
        var operation = options is MembershipExecutionOptions { Operation: var chosen } ? chosen : Find(options);
        var name = operation?.Name?.StringValue ?? options.OperationName ?? "(anonymous)";
        var type = operation?.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            OperationType.Query => "query",
            _ => "unknown",
        };
        return (name.Length > MaxNameLength ? name[..MaxNameLength] : name, type);
    }

    private static GraphQLOperationDefinition? Find(ExecutionOptions options)
    {
        var operations = options.Document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
        return string.IsNullOrEmpty(options.OperationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.Value == options.OperationName);
    }
}
