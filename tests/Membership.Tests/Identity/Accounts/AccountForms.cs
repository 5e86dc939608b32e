using System.Text.RegularExpressions;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>The account pages as a person uses them: open the page, fill in its form, post it back with its hidden fields.</summary>
internal static class AccountForms
{
    public const string Login = "/account/login";
    public const string ForgotPassword = "/account/forgot-password";

    /// <summary>Opens <paramref name="page"/> and posts its form to the page's own path (all these forms post back).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string page, Dictionary<string, string> fields)
    {
        var form = OidcApi.HiddenFields(await browser.GetStringAsync(page));
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return await browser.PostAsync(page.Split('?')[0], new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient browser, string email, string password, string? returnUrl = null) =>
        SubmitAsync(browser, returnUrl is null ? Login : $"{Login}?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new() { ["email"] = email, ["password"] = password });

    public static Task<HttpResponseMessage> ForgotPasswordAsync(HttpClient browser, string email) =>
        SubmitAsync(browser, ForgotPassword, new() { ["email"] = email });

    /// <summary>The page without the values of its hidden fields (a fresh anti-forgery token each time).</summary>
    public static string WithoutTokens(string html) => Regex.Replace(html, "(<input type=\"hidden\" name=\"[^\"]*\" value=\")[^\"]*", "$1");

    /// <summary>Opens the reset link from the mail and chooses a new password.</summary>
    public static Task<HttpResponseMessage> ResetPasswordAsync(HttpClient browser, string link, string password) =>
        SubmitAsync(browser, link, new() { ["password"] = password });
}
