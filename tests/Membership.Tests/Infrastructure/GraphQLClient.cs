using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Membership.Tests.Infrastructure;

/// <summary>Speaks GraphQL over HTTP to the API, as a front end would.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public const string GraphQLResponse = "application/graphql-response+json";

    public HttpClient Http { get; } = http;

    public async Task<GraphQLResult> PostAsync(string query, object? variables = null, TestIdentity? identity = null, string accept = GraphQLResponse, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        return await SendAsync(request, identity, accept);
    }

    public async Task<GraphQLResult> SendAsync(HttpRequestMessage request, TestIdentity? identity = null, string? accept = GraphQLResponse)
    {
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        if (identity?.AccessToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (identity is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.HeaderName, identity.Header);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new GraphQLResult(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, text, response.Headers);
    }

    /// <summary>Posts and requires a result without errors; returns <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null, TestIdentity? identity = null)
    {
        var result = await PostAsync(query, variables, identity);
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"Expected success, got {(int)result.Status}: {result.Text}");
        return result.Data;
    }
}

public sealed record GraphQLResult(HttpStatusCode Status, string? MediaType, JsonElement Body, string Text, HttpResponseHeaders Headers)
{
    public JsonElement Data => Body.GetProperty("data");

    public bool HasData => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null;

    public bool HasErrors => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out _);

    public IReadOnlyList<JsonElement> Errors => HasErrors ? [.. Body.GetProperty("errors").EnumerateArray()] : [];

    public IReadOnlyList<string> ErrorCodes =>
        [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString()! : "(none)")];
}

public static class JsonExtensions
{
    /// <summary>Follows a dotted path: "members.edges.0.node.email".</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            element = int.TryParse(part, out var index) ? element[index] : element.GetProperty(part);
        }

        return element;
    }

    public static string? Str(this JsonElement element, string path) => element.At(path).GetString();

    public static IReadOnlyList<string> UserErrorCodes(this JsonElement payload) =>
        [.. payload.GetProperty("userErrors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!)];
}
