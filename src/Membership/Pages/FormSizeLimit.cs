using System.Text.Json;
using Membership.Identity.Oidc;
using Membership.Identity.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Membership.Pages;

/// <summary>
/// Posts to /connect/* and /account/* are small forms: a body over 32 KB answers 413 before anything reads it, and a
/// form the reader refuses (too many fields) answers 400, never a server error.
/// </summary>
internal sealed class FormSizeLimit(RequestDelegate next)
{
    public const int MaxBytes = 32 * 1024;

    /// <summary>Endpoints machines call: they get OAuth's JSON error shape; people get a page.</summary>
    private static readonly string[] MachineEndpoints =
        [.. new[] { ConnectEndpoints.Token, ConnectEndpoints.Introspect, ConnectEndpoints.Revoke, ConnectEndpoints.UserInfo }.Select(p => "/" + p)];

    /// <summary>The path segments whose posts are limited: the OIDC endpoints and the account pages.</summary>
    private static readonly PathString Connect = "/" + ConnectEndpoints.Root;
    private static readonly PathString Account = AccountPages.Root;

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (!(path.StartsWithSegments(Connect, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Account, StringComparison.OrdinalIgnoreCase))
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        // A body without a length (chunked) is cut off by the server while it is read.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            await RefuseAsync(http, e.StatusCode);
        }
        catch (InvalidDataException) when (!http.Response.HasStarted)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest); // the form reader's own limits (field count, key length)
        }
        catch (AntiforgeryValidationException e) when (!http.Response.HasStarted && e.InnerException is InvalidDataException or BadHttpRequestException)
        {
            // The same, when the antiforgery check is the first to read the form (the account pages): it wraps the reader's refusal.
            await RefuseAsync(http, e.InnerException is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
        }
    }

    private static async Task RefuseAsync(HttpContext http, int status)
    {
        var tooLarge = status == StatusCodes.Status413PayloadTooLarge;
        var description = tooLarge ? $"The request body is larger than {MaxBytes / 1024} KB." : "The form could not be read.";
        http.Response.Clear();
        if (MachineEndpoints.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["error"] = "invalid_request", ["error_description"] = description,
            }), http.RequestAborted);
            return;
        }

        await WebPage.Message(tooLarge ? "Too much data" : "The form could not be read",
            description + " Open the form again and send it as it is.", status,
            new PageLink("Go to the sign-in page", AccountPages.LoginPath)).ExecuteAsync(http);
    }
}
