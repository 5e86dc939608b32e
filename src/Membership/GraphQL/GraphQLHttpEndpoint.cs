using System.Text.Json;
using GraphQL;
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

    /// <summary>
    /// The rule, step by step: the transport must be one the specification allows; the request must be readable; it
    /// must name one operation of a known or well-formed document (queries only over GET); that operation then runs
    /// within the deadline, and its result is written in the negotiated media type.
    /// </summary>
    public async Task HandleAsync(HttpContext http)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        var (mediaType, refusal) = CheckTransport(http, isGet);
        if (refusal is not null)
        {
            await WriteRefusalAsync(http, mediaType, refusal);
            return;
        }

        var (request, unreadable) = await ReadRequestAsync(http, isGet);
        if (unreadable is not null)
        {
            await WriteRefusalAsync(http, mediaType, unreadable);
            return;
        }

        var (document, operation, notRunnable) = FindOperation(request!, isGet, http.Response);
        if (notRunnable is not null)
        {
            await WriteRefusalAsync(http, mediaType, notRunnable);
            return;
        }

        if (await ExecuteWithinDeadlineAsync(http, document!, operation!, request!) is { } result)
        {
            await WriteResultAsync(http, mediaType, result);
        }
    }

    /// <summary>
    /// GET or POST; a response media type the client accepts; a POST body in JSON; and a token, when one is sent, that
    /// validated. Returns the media type to answer in (JSON for refusals made before it is known).
    /// </summary>
    private static (string MediaType, Refusal? Refusal) CheckTransport(HttpContext http, bool isGet)
    {
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            return (JsonMediaType, Refusal.Request(StatusCodes.Status405MethodNotAllowed, ErrorCodes.BadRequest, "Use GET for queries or POST."));
        }

        if (NegotiateMediaType(http.Request) is not { } mediaType)
        {
            return (JsonMediaType, Refusal.Request(StatusCodes.Status406NotAcceptable, ErrorCodes.BadRequest, $"Accept {GraphQLResponseMediaType} or {JsonMediaType}."));
        }

        var multipart = !isGet && GraphQLMultipartReader.IsMultipart(http.Request);
        if (!isGet && !multipart && !IsJsonContent(http.Request))
        {
            return (mediaType, Refusal.Request(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest,
                "POST requests must have Content-Type application/json (UTF-8), or multipart/form-data for file uploads."));
        }

        if (multipart && !http.Request.Headers.ContainsKey(GraphQLMultipartReader.PreflightHeader))
        {
            return (mediaType, Refusal.Request(StatusCodes.Status400BadRequest, ErrorCodes.PreflightRequired,
                $"A multipart request must carry the {GraphQLMultipartReader.PreflightHeader} header."));
        }

        // A token was sent but did not validate (expired, wrong audience, forged): say so even for public fields,
        // so a front end knows to refresh instead of seeing an anonymous answer (RFC 6750).
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return (mediaType, Refusal.Request(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
                "The access token is missing, expired or not valid for this API."));
        }

        return (mediaType, null);
    }

    /// <summary>The query string of a GET, or the JSON body of a POST within the size limit; the document within its length limit.</summary>
    private async Task<(GraphQLRequest? Request, Refusal? Refusal)> ReadRequestAsync(HttpContext http, bool isGet)
    {
        var limits = options.Value;
        var read = isGet
            ? GraphQLRequestReader.ReadGet(http.Request.Query, serializer)
            : GraphQLMultipartReader.IsMultipart(http.Request)
                ? await GraphQLMultipartReader.ReadAsync(http.Request, serializer, limits, http.RequestAborted)
                : await GraphQLRequestReader.ReadPostAsync(http.Request, serializer, limits, http.RequestAborted);
        if (read.Request is not { } request)
        {
            return (null, Refusal.Request(read.StatusCode, read.ErrorCode!, read.ErrorMessage!));
        }

        if (request.Query?.Length > limits.MaxDocumentLength)
        {
            return (null, Refusal.Request(StatusCodes.Status413PayloadTooLarge, ErrorCodes.DocumentTooLarge, $"The document exceeds {limits.MaxDocumentLength} characters."));
        }

        return (request, null);
    }

    /// <summary>
    /// The document (persisted, cached or parsed) and in it the one operation to run: the named one, or the only one.
    /// Mutations are refused over GET.
    /// </summary>
    private (CachedDocument? Document, GraphQLOperationDefinition? Operation, Refusal? Refusal) FindOperation(GraphQLRequest request, bool isGet, HttpResponse response)
    {
        var (document, refusal) = documents.Find(request);
        if (document is null)
        {
            return (null, null, Refusal.Result(refusal!));
        }

        if (SelectOperation(document.Document, request.OperationName) is not { } operation)
        {
            return (null, null, Refusal.Result(string.IsNullOrEmpty(request.OperationName)
                ? new ExecutionError("The document holds several operations: name the one to run in 'operationName'.") { Code = ErrorCodes.OperationNotFound }
                : new ExecutionError($"The document holds no operation named '{request.OperationName}'.") { Code = ErrorCodes.OperationNotFound }));
        }

        if (isGet && operation.Operation == OperationType.Mutation)
        {
            response.Headers.Allow = "POST";
            return (null, null, Refusal.Request(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MutationNotAllowedOverGet, "Mutations must be sent with POST."));
        }

        return (document, operation, null);
    }

    /// <summary>
    /// Validates and runs the operation under one deadline for both; the work stops too when the client goes away
    /// (then there is no result to write: null).
    /// </summary>
    private async Task<ExecutionResult?> ExecuteWithinDeadlineAsync(HttpContext http, CachedDocument document, GraphQLOperationDefinition operation, GraphQLRequest request)
    {
        var limits = options.Value;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(limits.ExecutionTimeoutSeconds), clock);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, timeout.Token);
        try
        {
            return await executer.ExecuteAsync(new MembershipExecutionOptions
            {
                Cached = document,
                Operation = operation,
                Schema = schema,
                Query = document.Text,
                Document = document.Document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                User = http.User,
                UserContext = new MembershipUserContext(http.RequestServices) { [Audit.MutationAudit.VariablesKey] = request.Variables },
                CancellationToken = cancellation.Token,
            });
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return null; // nobody is left to answer
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var error = new ExecutionError($"The operation took longer than {limits.ExecutionTimeoutSeconds:0.###} seconds and was cancelled.") { Code = ErrorCodes.Timeout };
            return new ExecutionResult { Errors = [error], Executed = false };
        }
    }

    /// <summary>A request answered before its operation runs: with a status of its own, or as a GraphQL result whose errors decide it.</summary>
    private sealed record Refusal(int Status, ExecutionError Error, bool AsResult)
    {
        public static Refusal Request(int status, string code, string message) => new(status, new ExecutionError(message) { Code = code }, false);

        public static Refusal Result(ExecutionError error) => new(StatusCodes.Status200OK, error, true);
    }

    private Task WriteRefusalAsync(HttpContext http, string mediaType, Refusal refusal)
    {
        var result = new ExecutionResult { Errors = [refusal.Error] };
        if (refusal.AsResult)
        {
            return WriteResultAsync(http, mediaType, result);
        }

        http.Response.StatusCode = refusal.Status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        return WriteJsonAsync(http, result);
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
        await WriteJsonAsync(http, LeaveOutErrorsPastLimit(result, options.Value.MaxErrors));
    }

    /// <summary>
    /// Serialises into pooled memory and sends the answer with its Content-Length in one write; an answer larger than
    /// <see cref="GraphQLOptions.BufferedResponseBytes"/> goes on into the response's pipe and out chunked.
    /// </summary>
    private async Task WriteJsonAsync(HttpContext http, ExecutionResult result)
    {
        var body = http.Response.BodyWriter;
        if (serializer is ResponseSerializer json)
        {
            using (var buffer = new ResponseBuffer(body, options.Value.BufferedResponseBytes))
            {
                json.Write(buffer, result);
                if (buffer.Complete)
                {
                    http.Response.ContentLength = buffer.Length;
                    buffer.WriteToBody();
                }
            }

            await body.FlushAsync(http.RequestAborted);
        }
        else
        {
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        }
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
