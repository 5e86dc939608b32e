using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Membership.GraphQL;

/// <summary>A file sent with a GraphQL multipart request; readable until the request ends.</summary>
public sealed class UploadedFile(IFormFile file)
{
    public string FileName => file.FileName;

    public long Length => file.Length;

    public Stream OpenRead() => file.OpenReadStream();
}

/// <summary>
/// The <c>Upload</c> scalar of the GraphQL multipart request specification: a variable that a multipart request's
/// <c>map</c> fills with one of its files. It has no literal or JSON form: a file comes only as a part of the request.
/// </summary>
internal sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file sent as a part of a multipart request (the GraphQL multipart request specification), named by the request's 'map'.";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        UploadedFile file => file,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : ThrowLiteralConversionError(value);

    public override bool CanParseValue(object? value) => value is null or UploadedFile;

    public override object? Serialize(object? value) => value is null ? null : throw new InvalidOperationException("An Upload is input only.");
}

/// <summary>
/// Reads a GraphQL multipart request (an <c>operations</c> part in JSON, a <c>map</c> part naming the variables each file
/// fills, then the files) into a <see cref="GraphQLRequest"/> whose variables hold <see cref="UploadedFile"/>s.
/// </summary>
internal static class GraphQLMultipartReader
{
    /// <summary>
    /// The header a multipart request must carry. A multipart POST is a CORS "simple" request that any web page can make
    /// with the user's cookies; a custom header makes the browser ask first (a preflight), which our CORS policy answers.
    /// </summary>
    public const string PreflightHeader = "GraphQL-Require-Preflight";

    public static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static async Task<GraphQLRequestReader.Result> ReadAsync(HttpRequest request, IGraphQLTextSerializer serializer, GraphQLOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes; // a chunked body is cut off while it is read
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = options.MaxUploadBytes,
                ValueLengthLimit = options.MaxRequestBytes,
                ValueCountLimit = 16,
                MultipartHeadersCountLimit = 16,
            }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(options)
                : Invalid("The multipart body could not be read.");
        }

        if (!form.TryGetValue("operations", out var operationsText) || operationsText.Count != 1 || !form.TryGetValue("map", out var mapText) || mapText.Count != 1)
        {
            return Invalid("A multipart request needs one 'operations' part and one 'map' part before the files.");
        }

        var read = GraphQLRequestReader.ReadText(operationsText[0]!, serializer);
        if (read.Request is not { } graphQLRequest)
        {
            return read;
        }

        Dictionary<string, string[]>? map;
        try
        {
            map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(mapText[0]!);
        }
        catch (JsonException)
        {
            return Invalid("'map' must be a JSON object from file part names to lists of paths such as \"variables.input.file\".");
        }

        var variables = graphQLRequest.Variables is null ? [] : new Dictionary<string, object?>(graphQLRequest.Variables);
        foreach (var (part, paths) in map ?? [])
        {
            if (form.Files.GetFile(part) is not { } file)
            {
                return Invalid($"'map' names the part '{part}', which the request does not hold as a file.");
            }

            foreach (var path in paths)
            {
                if (!TrySet(variables, path, new UploadedFile(file)))
                {
                    return Invalid($"'map' names the path '{path}', which is not a null variable of the operation.");
                }
            }
        }

        graphQLRequest.Variables = new Inputs(variables);
        return read;
    }

    /// <summary>Puts the file where the path (<c>variables.input.file</c>, <c>variables.files.0</c>) holds a null.</summary>
    private static bool TrySet(Dictionary<string, object?> variables, string path, UploadedFile file)
    {
        var parts = path.Split('.');
        if (parts.Length < 2 || parts[0] != "variables")
        {
            return false;
        }

        object? container = variables;
        for (var i = 1; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            switch (container)
            {
                case IDictionary<string, object?> map when map.TryGetValue(parts[i], out var value):
                    if (last)
                    {
                        if (value is not null)
                        {
                            return false;
                        }

                        map[parts[i]] = file;
                        return true;
                    }

                    container = value;
                    break;
                case IList<object?> list when int.TryParse(parts[i], out var index) && index >= 0 && index < list.Count:
                    if (last)
                    {
                        if (list[index] is not null)
                        {
                            return false;
                        }

                        list[index] = file;
                        return true;
                    }

                    container = list[index];
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static GraphQLRequestReader.Result TooLarge(GraphQLOptions options) =>
        GraphQLRequestReader.Result.Fail(StatusCodes.Status413PayloadTooLarge, ErrorCodes.UploadTooLarge, $"The multipart request exceeds {options.MaxUploadBytes} bytes.");

    private static GraphQLRequestReader.Result Invalid(string message) =>
        GraphQLRequestReader.Result.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidMultipart, message);
}
