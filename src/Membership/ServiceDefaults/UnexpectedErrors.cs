using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.ServiceDefaults;

/// <summary>
/// Anything that escapes the pipeline, answered and logged exactly once (ASP.NET Core's own log entry is suppressed):
/// a database outage is a 503 with Retry-After (OAuth's <c>temporarily_unavailable</c> at the OIDC endpoints), logged
/// as a warning without a stack; anything else is a masked 500 with a trace id, logged as an error.
/// </summary>
public static class UnexpectedErrors
{
    public static IApplicationBuilder UseUnexpectedErrors(this IApplicationBuilder app) => app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandler = WriteAsync,
        SuppressDiagnosticsCallback = _ => true,
    });

    private static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Membership");
        var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (DatabaseOutage.IsOutage(error))
        {
            var cause = error!.GetBaseException();
            logger.LogWarning("{Path} answered 503: the database is unavailable ({Cause}: {Reason})", context.Request.Path.Value, cause.GetType().Name, cause.Message);
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/connect"))
            {
                await WriteOAuthErrorAsync(context, "temporarily_unavailable", "The service is temporarily unavailable. Try again shortly.");
                return;
            }

            await ErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                "The service is temporarily unavailable. Try again shortly.", new Dictionary<string, object?> { ["traceId"] = traceId });
            return;
        }

        logger.LogError(error, "Unhandled exception");
        await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
            "An unexpected error occurred. Quote the trace id when you report it.", new Dictionary<string, object?> { ["traceId"] = traceId });
    }

    /// <summary>RFC 6749's error response, which OAuth clients read at the token endpoint.</summary>
    private static Task WriteOAuthErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, string> { ["error"] = error, ["error_description"] = description },
            cancellationToken: context.RequestAborted);
    }
}
