using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Membership.GraphQL;

/// <summary>
/// An error answered outside GraphQL execution (by middleware, before or around the endpoints) in the shape GraphQL
/// errors have: <c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c>, so clients read every refusal one way.
/// </summary>
public static class ErrorResponse
{
    public static Task WriteAsync(HttpContext http, int status, string code, string message, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var all = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }

        return JsonSerializer.SerializeAsync(http.Response.Body, new { errors = new[] { new { message, extensions = all } } }, cancellationToken: http.RequestAborted);
    }
}
