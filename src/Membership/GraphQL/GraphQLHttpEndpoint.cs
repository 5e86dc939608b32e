using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Membership.GraphQL.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Membership.GraphQL;

/// <summary>
/// The <c>/graphql</c> endpoint, following the GraphQL-over-HTTP specification: POST with JSON, GET for queries only,
/// <c>application/graphql-response+json</c> when the client accepts it, and the status codes the specification gives.
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    IDocumentExecuter executer,
    DocumentSource documents,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLOptions> options,
    TimeProvider clock)
{
    internal const string GraphQLResponseMediaType = "application/graphql-response+json";
    internal const string JsonMediaType = "application/json";

    public async Task HandleAsync(HttpContext http)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(http, JsonMediaType, StatusCodes.Status405MethodNotAllowed, ErrorCodes.BadRequest, "Use GET for queries or POST.");
            return;
        }

        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(http, JsonMediaType, StatusCodes.Status406NotAcceptable, ErrorCodes.BadRequest,
                $"Accept {GraphQLResponseMediaType} or {JsonMediaType}.");
            return;
        }

        if (!isGet && !IsJsonContent(http.Request))
        {
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest,
                "POST requests must have Content-Type application/json (UTF-8).");
            return;
        }

        // A token was sent but did not validate (expired, wrong audience, forged): say so even for public fields,
        // so a front end knows to refresh instead of seeing an anonymous answer (RFC 6750).
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
                "The access token is missing, expired or not valid for this API.");
            return;
        }

        var limits = options.Value;
        var read = isGet
            ? GraphQLRequestReader.ReadGet(http.Request.Query, serializer)
            : await GraphQLRequestReader.ReadPostAsync(http.Request, serializer, limits, http.RequestAborted);
        if (read.Request is not { } request)
        {
            await WriteRequestErrorAsync(http, mediaType, read.StatusCode, read.ErrorCode!, read.ErrorMessage!);
            return;
        }

        if (request.Query?.Length > limits.MaxDocumentLength)
        {
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status413PayloadTooLarge, ErrorCodes.DocumentTooLarge,
                $"The document exceeds {limits.MaxDocumentLength} characters.");
            return;
        }

        var (document, refusal) = documents.Find(request);
        if (document is null)
        {
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [refusal!] });
            return;
        }

        var operation = SelectOperation(document.Document, request.OperationName);
        if (operation is null)
        {
            var error = string.IsNullOrEmpty(request.OperationName)
                ? new ExecutionError("The document holds several operations: name the one to run in 'operationName'.") { Code = ErrorCodes.OperationNotFound }
                : new ExecutionError($"The document holds no operation named '{request.OperationName}'.") { Code = ErrorCodes.OperationNotFound };
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [error] });
            return;
        }

        if (isGet && operation.Operation == OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed, ErrorCodes.MutationNotAllowedOverGet,
                "Mutations must be sent with POST.");
            return;
        }

        // One deadline for validation and execution; the work stops too when the client goes away.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(limits.ExecutionTimeoutSeconds), clock);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, timeout.Token);
        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(new MembershipExecutionOptions
            {
                Cached = document,
                Schema = schema,
                Query = document.Text,
                Document = document.Document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                User = http.User,
                UserContext = new MembershipUserContext(http.RequestServices),
                CancellationToken = cancellation.Token,
            });
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // nobody is left to answer
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var error = new ExecutionError($"The operation took longer than {limits.ExecutionTimeoutSeconds:0.###} seconds and was cancelled.") { Code = ErrorCodes.Timeout };
            result = new ExecutionResult { Errors = [error], Executed = false };
        }

        await WriteResultAsync(http, mediaType, result);
    }

    private async Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result)
    {
        var status = StatusCodes.Status200OK;
        if (result.Errors?.Any(e => e.Code == ErrorCodes.Unauthenticated) == true)
        {
            status = StatusCodes.Status401Unauthorized;
            // A token was sent but did not validate: say so, as RFC 6750 asks.
            http.Response.Headers.WWWAuthenticate = http.Request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer";
        }
        else if (result.Errors?.Any(e => e.Code == ErrorCodes.ServiceUnavailable) == true)
        {
            // An outage, not a bug: both media types say so, and when to try again.
            status = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = Data.DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (result.Errors?.FirstOrDefault(e => e.Code == ErrorCodes.RateLimited) is { } limited)
        {
            status = StatusCodes.Status429TooManyRequests;
            if (limited.Extensions?.TryGetValue(RateLimitedError.RetryAfterExtension, out var seconds) == true)
            {
                http.Response.Headers.RetryAfter = Convert.ToString(seconds, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (!result.Executed && mediaType == GraphQLResponseMediaType)
        {
            // No data: 4xx for the client's faults (syntax, validation, variables), 503 when we ran out of time.
            // Under application/json the specification keeps 200 for every well-formed request.
            status = result.Errors?.Any(e => e.Code == ErrorCodes.Timeout) == true ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, LeaveOutErrorsPastLimit(result, options.Value.MaxErrors), http.RequestAborted);
    }

    /// <summary>At most <paramref name="max"/> errors, the last saying how many more there were: a response's size stays bounded.</summary>
    private static ExecutionResult LeaveOutErrorsPastLimit(ExecutionResult result, int max)
    {
        max = Math.Max(max, 1);
        if (result.Errors is not { } errors || errors.Count <= max)
        {
            return result;
        }

        var kept = new ExecutionErrors();
        kept.AddRange(errors.Take(max - 1));
        kept.Add(new ExecutionError($"{errors.Count - (max - 1)} more errors were left out.") { Code = ErrorCodes.TooManyErrors });
        result.Errors = kept;
        return result;
    }

    private Task WriteRequestErrorAsync(HttpContext http, string mediaType, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        return serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>The operation to run: the named one, or the only one; null when there is no such operation.</summary>
    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? found = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (string.IsNullOrEmpty(operationName))
            {
                if (found is not null)
                {
                    return null; // several operations and no name
                }

                found = operation;
            }
            else if (operation.Name?.Value == operationName)
            {
                return operation;
            }
        }

        return found;
    }

    /// <summary>Picks the response media type from Accept; a missing Accept means application/json.</summary>
    internal static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || string.IsNullOrWhiteSpace(accept.ToString()))
        {
            return JsonMediaType;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var values))
        {
            return null;
        }

        foreach (var value in values.Where(v => (v.Quality ?? 1) > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            var type = value.MediaType.Value;
            if (string.Equals(type, GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType;
            }

            if (string.Equals(type, JsonMediaType, StringComparison.OrdinalIgnoreCase)
                || string.Equals(type, "application/*", StringComparison.OrdinalIgnoreCase)
                || string.Equals(type, "*/*", StringComparison.OrdinalIgnoreCase))
            {
                return JsonMediaType;
            }
        }

        return null;
    }

    private static bool IsJsonContent(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return false;
        }

        var charset = contentType.Charset.Value;
        return string.Equals(contentType.MediaType.Value, JsonMediaType, StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(charset) || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
