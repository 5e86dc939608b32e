using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// The authorization code flow with PKCE as a browser and a front end run it: authorize, the login form, consent when
/// asked, the redirect with the code, and the code exchanged with its verifier.
/// <c>consent</c>: null accepts a consent page if one appears; true requires one (and accepts); false requires none.
/// </summary>
internal static class CodeFlow
{
    public static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope, string verifier) =>
        $"/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code&scope={Uri.EscapeDataString(scope)}"
        + $"&state=s1&nonce=n1&code_challenge={Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))}&code_challenge_method=S256";

    public static async Task<TokenResponse> SignInAsync(
        HttpClient browser, string clientId, string redirectUri, string scope, string email, string password, bool? consent = null, string? authenticatorKey = null)
    {
        var verifier = NewVerifier();
        var response = await AuthorizeAsync(browser, AuthorizeUrl(clientId, redirectUri, scope, verifier), email, password, authenticatorKey);
        var consentPage = response.StatusCode == HttpStatusCode.OK;
        Assert.True(consent is null || consent == consentPage,
            $"expected {(consent == true ? "a" : "no")} consent page, got {(int)response.StatusCode} {response.Headers.Location}");
        if (consentPage)
        {
            response = await AnswerConsentAsync(browser, response, "accept");
        }

        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        Assert.True(location.StartsWith(redirectUri, StringComparison.Ordinal), $"expected a redirect to {redirectUri}, got {(int)response.StatusCode} {location}");
        using var token = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
            ["code"] = QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString(),
        }));
        return new TokenResponse(token.StatusCode, await token.Content.ReadFromJsonAsync<JsonElement>()).EnsureOk();
    }

    /// <summary>
    /// Opens the authorize URL, signing in on the login form if it is shown (and passing the second factor when the account
    /// needs one, see <see cref="PassSecondFactorAsync"/>); returns the consent page or the redirect.
    /// </summary>
    public static async Task<HttpResponseMessage> AuthorizeAsync(HttpClient browser, string authorizeUrl, string email, string password, string? authenticatorKey = null)
    {
        var response = await browser.GetAsync(authorizeUrl);
        if (response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true)
        {
            var form = OidcApi.HiddenFields(await browser.GetStringAsync(response.Headers.Location));
            form["email"] = email;
            form["password"] = password;
            var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
            response = await browser.GetAsync(await PassSecondFactorAsync(browser, login.Headers.Location!.OriginalString, authenticatorKey));
        }

        return response;
    }

    public const string SecondFactorPath = "/account/two-factor";
    public const string SetupPath = "/account/two-factor/setup";

    /// <summary>
    /// Where the browser goes after the password: past the setup page (the key read from the page, a code computed
    /// from it, the recovery codes page's link followed) or the code page (a code from <paramref name="authenticatorKey"/>)
    /// when the login sent it there; otherwise <paramref name="next"/> itself.
    /// </summary>
    public static async Task<string> PassSecondFactorAsync(HttpClient browser, string next, string? authenticatorKey)
    {
        if (next.StartsWith(SetupPath, StringComparison.Ordinal))
        {
            var page = await browser.GetStringAsync(next);
            var confirm = await PostPageFormAsync(browser, page, SetupPath, new() { ["code"] = Totp.Now(Totp.KeyOnPage(page)) });
            var codes = await confirm.Content.ReadAsStringAsync();
            Assert.True(confirm.StatusCode == HttpStatusCode.OK && Totp.RecoveryCodesOnPage(codes).Count == 10, $"setup answered {(int)confirm.StatusCode}: {codes}");
            return Totp.ContinueLink(codes);
        }

        if (next.StartsWith(SecondFactorPath, StringComparison.Ordinal))
        {
            Assert.True(authenticatorKey is not null, $"the login asks for a code ({next}), but the test knows no authenticator key");
            var page = await browser.GetStringAsync(next);
            var posted = await PostPageFormAsync(browser, page, SecondFactorPath, new() { ["code"] = Totp.Now(authenticatorKey) });
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"the code page answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            return posted.Headers.Location!.OriginalString;
        }

        return next;
    }

    /// <summary>Posts a page's form (its hidden fields and <paramref name="fields"/>) to <paramref name="action"/>.</summary>
    public static Task<HttpResponseMessage> PostPageFormAsync(HttpClient browser, string page, string action, Dictionary<string, string> fields)
    {
        var form = OidcApi.HiddenFields(page);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return browser.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts the consent page's form back with the given answer ("accept" or "deny").</summary>
    public static async Task<HttpResponseMessage> AnswerConsentAsync(HttpClient browser, HttpResponseMessage page, string answer)
    {
        var form = OidcApi.HiddenFields(await page.Content.ReadAsStringAsync());
        form["consent"] = answer;
        return await browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));
    }
}
