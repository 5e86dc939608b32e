using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Membership.Identity.Pages;

/// <summary>
/// Hand-built HTML of the Development payment sandbox's page: every value encoded, no script, framing refused. The pages
/// a person completes are Razor components rendered through <see cref="Membership.Pages.WebPage"/>.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
        h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input[type=email],input[type=password],input[type=text]{width:100%;padding:.5rem;box-sizing:border-box}
        button{margin-top:1rem;padding:.5rem 1.2rem;margin-right:.5rem}.error{color:#a40e26;background:#fde8ec;padding:.6rem}.note{color:#444}
        ul.scopes li{margin:.3rem 0}
        """;

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static IResult Render(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        var headers = http.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title><style>{Style}</style></head>
            <body><h1>{Encode(title)}</h1>
            {body}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A form that posts back with the anti-forgery token and the given hidden fields.</summary>
    public static string Form(HttpContext http, IAntiforgery antiforgery, string action, IEnumerable<KeyValuePair<string, string?>> hidden, string fields)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var builder = new StringBuilder();
        builder.Append(CultureInvariant($"<form method=\"post\" action=\"{Encode(action)}\">"));
        builder.Append(CultureInvariant($"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">"));
        foreach (var (name, value) in hidden)
        {
            builder.Append(CultureInvariant($"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">"));
        }

        builder.Append(fields).Append("</form>");
        return builder.ToString();
    }

    public static string Error(string? message) => string.IsNullOrEmpty(message) ? string.Empty : $"<p class=\"error\" role=\"alert\">{Encode(message)}</p>";

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
