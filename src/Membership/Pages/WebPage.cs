using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Pages;

/// <summary>
/// A page a person sees, rendered from a Razor component by ASP.NET Core's HTML renderer (which encodes every value):
/// no script, nothing loaded from elsewhere but the configured logo, framing refused, never cached.
/// </summary>
public static class WebPage
{
    public static IResult Render<TPage>(Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent => new Result(typeof(TPage), parameters, status);

    /// <summary>A page with a title, a message and the ways on: for errors, expired links and confirmations.</summary>
    public static IResult Message(string title, string message, int status, params PageLink[] links) =>
        Render<MessagePage>(new()
        {
            [nameof(MessagePage.Title)] = title, [nameof(MessagePage.Message)] = message, [nameof(MessagePage.Links)] = links,
            [nameof(MessagePage.IsError)] = status >= StatusCodes.Status400BadRequest,
        }, status);

    /// <summary>Renders the page to a string; the caller writes it (the anti-forgery cookie is set while rendering).</summary>
    private static async Task<string> RenderAsync(HttpContext http, Type page, Dictionary<string, object?> parameters)
    {
        var brand = http.RequestServices.GetRequiredService<IOptions<BrandingOptions>>().Value;
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<PageRoot>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PageRoot.Context)] = new PageContext(http, brand),
                [nameof(PageRoot.Page)] = page,
                [nameof(PageRoot.Parameters)] = parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
            }));
            return root.ToHtmlString();
        });
    }

    private static void SetHeaders(HttpContext http)
    {
        var brand = http.RequestServices.GetRequiredService<IOptions<BrandingOptions>>().Value;
        var headers = http.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
            + (brand.LogoOrigin is { } origin ? " " + origin : string.Empty)
            + "; frame-ancestors 'none'; base-uri 'none'"; // no form-action: consent redirects the post to the client
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
    }

    private sealed class Result(Type page, Dictionary<string, object?> parameters, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var html = await RenderAsync(httpContext, page, parameters);
            SetHeaders(httpContext);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
