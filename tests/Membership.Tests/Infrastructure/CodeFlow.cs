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
/// </summary>
internal static class CodeFlow
{
    public static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope, string verifier) =>
        $"/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code&scope={Uri.EscapeDataString(scope)}"
        + $"&state=s1&nonce=n1&code_challenge={Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))}&code_challenge_method=S256";

    public static async Task<TokenResponse> SignInAsync(HttpClient browser, string clientId, string redirectUri, string scope, string email, string password)
    {
        var verifier = NewVerifier();
        var response = await browser.GetAsync(AuthorizeUrl(clientId, redirectUri, scope, verifier));
        if (response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true)
        {
            var form = OidcApi.HiddenFields(await browser.GetStringAsync(response.Headers.Location));
            form["email"] = email;
            form["password"] = password;
            var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
            response = await browser.GetAsync(login.Headers.Location);
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var consent = OidcApi.HiddenFields(await response.Content.ReadAsStringAsync());
            consent["consent"] = "accept";
            response = await browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(consent));
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
}
