using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Membership.GraphQL;

/// <summary>Reads a GraphQL-over-HTTP request (POST JSON body or GET query string) into a <see cref="GraphQLRequest"/>.</summary>
internal static class GraphQLRequestReader
{
    public sealed record Result(GraphQLRequest? Request, int StatusCode, string? ErrorCode, string? ErrorMessage)
    {
        public static Result Ok(GraphQLRequest request) => new(request, 200, null, null);

        public static Result Fail(int status, string code, string message) => new(null, status, code, message);
    }

    public static async Task<Result> ReadPostAsync(HttpRequest request, IGraphQLTextSerializer serializer, GraphQLOptions options, CancellationToken cancellationToken)
    {
        // Parsed from the request's own buffers: the body is neither copied nor decoded to a string first.
        var (withinLimit, result) = await RequestBody.UseBytesAsync(request, options.MaxRequestBytes, body => ReadBody(body, serializer), cancellationToken);
        return withinLimit
            ? result!
            : Result.Fail(StatusCodes.Status413PayloadTooLarge, ErrorCodes.DocumentTooLarge, $"The request body exceeds {options.MaxRequestBytes} bytes.");
    }

    /// <summary>The JSON of a multipart request's <c>operations</c> part, read like a POST body.</summary>
    public static Result ReadText(string json, IGraphQLTextSerializer serializer) =>
        ReadBody(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(json)), serializer);

    private static Result ReadBody(ReadOnlySequence<byte> body, IGraphQLTextSerializer serializer)
    {
        if (body.IsEmpty)
        {
            return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request body is empty; send a JSON object with a 'query'.");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, "The request body is not valid JSON.");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BatchingNotSupported, "Send one operation per request; batches are not supported.");
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request body must be a JSON object.");
            }

            if (!TryReadString(root, "query", out var query) || !TryReadString(root, "documentId", out var documentId))
            {
                return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.MissingQuery, "The request must have a string 'query' parameter, or a string 'documentId'.");
            }

            if (DocumentRefusal(query, documentId) is { } refusal)
            {
                return refusal;
            }

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var op) && op.ValueKind != JsonValueKind.Null)
            {
                if (op.ValueKind != JsonValueKind.String)
                {
                    return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "'operationName' must be a string or null.");
                }

                operationName = op.GetString();
            }

            if (!TryReadMap(root, "variables", serializer, out var variables) || !TryReadMap(root, "extensions", serializer, out var extensions))
            {
                return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "'variables' and 'extensions' must be JSON objects or null.");
            }

            return Result.Ok(new GraphQLRequest
            {
                Query = query,
                DocumentId = documentId,
                OperationName = operationName,
                Variables = variables,
                Extensions = extensions,
            });
        }
    }

    public static Result ReadGet(IQueryCollection query, IGraphQLTextSerializer serializer)
    {
        if (!TrySingle(query, "query", out var document) || !TrySingle(query, "documentId", out var documentId))
        {
            return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.MissingQuery, "The request must have one 'query' or one 'documentId' parameter.");
        }

        if (DocumentRefusal(string.IsNullOrEmpty(document) ? null : document, string.IsNullOrEmpty(documentId) ? null : documentId) is { } refusal)
        {
            return refusal;
        }

        if (!TrySingle(query, "operationName", out var operationName)
            || !TrySingle(query, "variables", out var variablesText)
            || !TrySingle(query, "extensions", out var extensionsText))
        {
            return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "Each parameter may appear once.");
        }

        try
        {
            return Result.Ok(new GraphQLRequest
            {
                Query = string.IsNullOrEmpty(document) ? null : document,
                DocumentId = string.IsNullOrEmpty(documentId) ? null : documentId,
                OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
                Variables = ParseMap(variablesText, serializer),
                Extensions = ParseMap(extensionsText, serializer),
            });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "'variables' and 'extensions' must be URL-encoded JSON objects.");
        }
    }

    /// <summary>A request carries the document's text or a persisted document's id, not both and not neither.</summary>
    private static Result? DocumentRefusal(string? query, string? documentId) => (query, documentId) switch
    {
        (null, null) => Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.MissingQuery, "The request must have a string 'query' parameter, or a 'documentId'."),
        (not null, not null) => Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.QueryWithDocumentId, "Send either 'query' or 'documentId', not both."),
        _ => null,
    };

    /// <summary>False when the property is there and neither a string nor null.</summary>
    private static bool TryReadString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return property.ValueKind == JsonValueKind.String;
    }

    private static Inputs? ParseMap(string? text, IGraphQLTextSerializer serializer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Object => serializer.Deserialize<Inputs>(text),
            _ => throw new FormatException("Not a JSON object."),
        };
    }

    private static bool TryReadMap(JsonElement root, string name, IGraphQLTextSerializer serializer, out Inputs? map)
    {
        map = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        map = serializer.ReadNode<Inputs>(value);
        return true;
    }

    private static bool TrySingle(IQueryCollection query, string name, out string? value)
    {
        value = null;
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0)
        {
            return true;
        }

        value = values[0];
        return values.Count == 1;
    }
}
