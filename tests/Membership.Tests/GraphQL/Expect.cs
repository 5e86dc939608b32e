using System.Net;
using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>The shape every error answer of the API must have: status, media type, a code on each error, nothing leaked.</summary>
internal static class Expect
{
    /// <summary>Text that must never reach a client outside Development.</summary>
    private static readonly string[] Leaks = ["Did you mean", "exception", "stacktrace", "   at ", ".cs:line"];

    /// <summary>A request refused before execution: the status, the media type, the code, and no <c>data</c> key at all.</summary>
    public static void RequestError(GraphQLResult result, HttpStatusCode status, string code, string mediaType = GraphQLClient.GraphQLResponse)
    {
        Status(result, status, mediaType);
        Assert.True(result.ErrorCodes.Contains(code), $"Expected code {code}: {result.Text}");
        Assert.False(result.Body.TryGetProperty("data", out _), $"Expected no data key: {result.Text}");
        WellFormedErrors(result);
    }

    /// <summary>An error of a field during execution: 200, never a 500, the code on the error.</summary>
    public static void FieldError(GraphQLResult result, string code)
    {
        Status(result, HttpStatusCode.OK, GraphQLClient.GraphQLResponse);
        Assert.True(result.ErrorCodes.Contains(code), $"Expected code {code}: {result.Text}");
        Assert.True(result.Body.TryGetProperty("data", out _), $"Expected a data key: {result.Text}");
        WellFormedErrors(result);
    }

    /// <summary>A successful answer: 200 in the media type asked for, data and no errors.</summary>
    public static JsonElement Success(GraphQLResult result, string mediaType = GraphQLClient.GraphQLResponse)
    {
        Status(result, HttpStatusCode.OK, mediaType);
        Assert.False(result.HasErrors, $"Expected no errors: {result.Text}");
        return result.Data;
    }

    public static void Status(GraphQLResult result, HttpStatusCode status, string mediaType)
    {
        Assert.True(result.Status == status, $"Expected {(int)status} {status}, got {(int)result.Status}: {result.Text}");
        Assert.Equal(mediaType, result.MediaType);
    }

    /// <summary>Every error has <c>extensions.code</c>; no message hints at the schema or shows exception details.</summary>
    public static void WellFormedErrors(GraphQLResult result)
    {
        Assert.True(result.HasErrors, $"Expected errors: {result.Text}");
        Assert.True(!result.ErrorCodes.Contains("(none)"), $"An error has no extensions.code: {result.Text}");
        foreach (var leak in Leaks)
        {
            Assert.True(!result.Text.Contains(leak, StringComparison.OrdinalIgnoreCase), $"The answer shows '{leak}': {result.Text}");
        }
    }
}
