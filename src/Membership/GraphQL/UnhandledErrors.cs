using GraphQL;
using GraphQL.Execution;
using Membership.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.GraphQL;

/// <summary>
/// What GraphQL.NET hands us when a resolver throws: a database that cannot be reached becomes SERVICE_UNAVAILABLE
/// (HTTP 503 with Retry-After, logged as a warning without a stack); anything else stays a masked internal error,
/// logged once, here, as an error.
/// </summary>
internal static class UnhandledErrors
{
    public static Task HandleAsync(UnhandledExceptionContext context)
    {
        var execution = context.ExecutionOptions;
        var logger = execution.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger("Membership.GraphQL");
        var operation = execution.OperationName ?? "(anonymous)";
        if (DatabaseOutage.IsOutage(context.OriginalException))
        {
            var cause = context.OriginalException.GetBaseException();
            logger.LogWarning("GraphQL operation {Operation} answered 503: the database is unavailable ({Cause}: {Reason})", operation, cause.GetType().Name, cause.Message);
            context.Exception = new ExecutionError("The service is temporarily unavailable. Try again shortly.") { Code = ErrorCodes.ServiceUnavailable };
        }
        else
        {
            logger.LogError(context.OriginalException, "GraphQL operation {Operation} failed", operation);
        }

        return Task.CompletedTask;
    }
}
