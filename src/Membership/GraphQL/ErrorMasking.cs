using System.Diagnostics;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;

namespace Membership.GraphQL;

/// <summary>
/// Shapes every GraphQL error: <c>extensions.code</c> always, a trace id for unexpected failures, and outside
/// Development no exception text, no stack trace and no "Did you mean" hints about the schema.
/// </summary>
internal sealed partial class MembershipErrorInfoProvider(bool development, IHttpContextAccessor http)
    : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeCode = true, ExposeCodes = false, ExposeData = false, ExposeExceptionDetails = development })
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        if (executionError is UnhandledError && !development)
        {
            return new ErrorInfo
            {
                Message = "An unexpected error occurred. Quote the trace id when you report it.",
                Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalError, ["traceId"] = TraceId() },
            };
        }

        var info = base.GetInfo(executionError);
        var code = executionError switch
        {
            UnhandledError => ErrorCodes.InternalError,
            { Code: { Length: > 0 } c } => c,
            ValidationError => ErrorCodes.ValidationFailed,
            _ => ErrorCodes.BadRequest,
        };

        var extensions = development && info.Extensions is not null
            ? new Dictionary<string, object?>(info.Extensions)
            : new Dictionary<string, object?>();
        extensions["code"] = code;
        if (executionError is UnhandledError)
        {
            extensions["traceId"] = TraceId();
        }

        return new ErrorInfo
        {
            Message = development ? info.Message : Suggestion().Replace(info.Message, string.Empty),
            Extensions = extensions,
        };
    }

    private string TraceId() => Activity.Current?.TraceId.ToString() ?? http.HttpContext?.TraceIdentifier ?? "unknown";

    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
