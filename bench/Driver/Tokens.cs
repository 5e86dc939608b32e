using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Driver;

/// <summary>Tokens obtained the real way: client credentials for the staff script and the partner; the authorization
/// code flow with PKCE for the member, playing the browser through the API's sign-in and consent pages.</summary>
internal static partial class Tokens
{
    public static async Task<string> ClientCredentialsAsync(Uri api, string clientId, string secret, string scope)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(api, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
        return await AccessTokenAsync(response);
    }

    public static async Task<string> MemberAsync(Uri api, string clientId, Uri redirect, string email, string password)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = new Uri(api, "/connect/authorize?client_id=" + clientId + "&redirect_uri=" + Uri.EscapeDataString(redirect.ToString())
            + "&response_type=code&scope=" + Uri.EscapeDataString("openid membership.self") + "&state=bench&code_challenge=" + challenge + "&code_challenge_method=S256");
        var (location, _) = await BrowseAsync(http, cookies, authorize, null);
        var login = new Uri(authorize, location ?? throw new InvalidOperationException("authorize did not redirect to the sign-in page"));
        var (_, page) = await BrowseAsync(http, cookies, login, null);
        var (action, fields) = ReadForm(page, login);
        fields.Add(("email", email));
        fields.Add(("password", password));
        (location, page) = await BrowseAsync(http, cookies, action, fields);
        for (var hop = 0; hop < 5; hop++)
        {
            var next = new Uri(action, location ?? throw new InvalidOperationException($"sign-in did not redirect: {Excerpt(page)}"));
            if (next.GetLeftPart(UriPartial.Path) == redirect.GetLeftPart(UriPartial.Path))
            {
                var code = QueryValue(next, "code") ?? throw new InvalidOperationException($"no code in {next}");
                return await RedeemAsync(http, api, clientId, redirect, code, verifier);
            }

            (location, page) = await BrowseAsync(http, cookies, next, null);
            if (location is null)
            {
                (action, fields) = ReadForm(page, next); // the consent page
                fields.Add(("consent", "accept"));
                (location, page) = await BrowseAsync(http, cookies, action, fields);
            }

            action = next;
        }

        throw new InvalidOperationException("the authorization code flow did not reach the redirect URI");
    }

    private static async Task<string> RedeemAsync(HttpClient http, Uri api, string clientId, Uri redirect, string code, string verifier)
    {
        using var response = await http.PostAsync(new Uri(api, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect.ToString(), ["client_id"] = clientId, ["code_verifier"] = verifier,
        }));
        return await AccessTokenAsync(response);
    }

    private static async Task<(string? Location, string Text)> BrowseAsync(HttpClient http, Dictionary<string, string> cookies, Uri url, List<(string, string)>? form)
    {
        using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, url);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        }

        using var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair.Length > 1 ? pair[1] : string.Empty;
        }

        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"{url.AbsolutePath}: {(int)response.StatusCode} {Excerpt(text)}");
        }

        return (response.Headers.Location?.ToString(), text);
    }

    private static (Uri Action, List<(string, string)> Fields) ReadForm(string html, Uri page)
    {
        var form = FormPattern().Match(html);
        if (!form.Success)
        {
            throw new InvalidOperationException($"no form on {page}: {Excerpt(html)}");
        }

        var action = Attribute(form.Groups[1].Value, "action");
        var fields = new List<(string, string)>();
        foreach (Match input in InputPattern().Matches(form.Groups[2].Value))
        {
            if (Attribute(input.Value, "type") == "hidden" && Attribute(input.Value, "name") is { } name)
            {
                fields.Add((name, Attribute(input.Value, "value") ?? string.Empty));
            }
        }

        return (action is null ? page : new Uri(page, action), fields);
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\b{name}\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static string? QueryValue(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    private static async Task<string> AccessTokenAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return json.RootElement.TryGetProperty("access_token", out var token) ? token.GetString()!
            : throw new InvalidOperationException($"token endpoint: {(int)response.StatusCode} {Excerpt(text)}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] : text;

    [GeneratedRegex(@"<form\b([^>]*)>([\s\S]*?)</form>", RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();
}
