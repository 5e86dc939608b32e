using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Tests.Identity.Accounts;

/// <summary>Forgotten passwords: a link by mail to a confirmed address, a page to choose a new password, and nothing for anyone else.</summary>
public sealed class PasswordResetTests(OidcApi api) : IClassFixture<OidcApi>
{
    private const string NewPassword = "Brand-New-Secret-42!";

    [Fact]
    public async Task Forgot_password_answers_alike_for_every_address_and_mails_only_a_confirmed_account()
    {
        var known = await AccountAsync();
        var unconfirmed = (await api.AccountAsync(JoinRequests.NewEmail(), confirmed: false)).Email!;
        var unknown = JoinRequests.NewEmail();
        using var browser = api.Browser();

        var answers = new List<string>();
        foreach (var email in new[] { known, unconfirmed, unknown })
        {
            var response = await AccountForms.ForgotPasswordAsync(browser, email);
            answers.Add($"{(int)response.StatusCode} {WithoutTokens(await response.Content.ReadAsStringAsync())}");
        }

        Assert.StartsWith("200 ", answers[0], StringComparison.Ordinal);
        Assert.Contains("If an account uses that address", answers[0], StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal("Reset your password", Assert.Single(Mailbox.To(api.Outbox, known)).Subject);
        Assert.Empty(Mailbox.To(api.Outbox, unconfirmed));
        Assert.Empty(Mailbox.To(api.Outbox, unknown));
    }

    [Fact]
    public async Task The_mailed_link_sets_a_new_password_once_and_the_old_one_stops_working()
    {
        var email = await AccountAsync();
        using var browser = api.Browser();
        var link = await ResetLinkAsync(browser, email);

        var reset = await AccountForms.ResetPasswordAsync(browser, link, NewPassword);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Password changed", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AccountForms.ResetPasswordAsync(browser, link, "Another-Secret-43!")).StatusCode);
    }

    [Fact]
    public async Task A_forged_code_or_a_post_without_the_forms_token_changes_nothing()
    {
        var email = await AccountAsync();
        using var browser = api.Browser();
        var link = await ResetLinkAsync(browser, email);
        var forged = QueryHelpers.AddQueryString(link.Split('&')[0], "code", WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("forged")));

        var withForgedCode = await AccountForms.ResetPasswordAsync(browser, forged, NewPassword);
        var query = QueryHelpers.ParseQuery(new Uri("https://localhost" + link).Query);
        var withoutToken = await browser.PostAsync("/account/reset-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = query["userId"].ToString(), ["code"] = query["code"].ToString(), ["password"] = NewPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, withForgedCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_Identitys_message()
    {
        var email = await AccountAsync();
        using var browser = api.Browser();
        var link = await ResetLinkAsync(browser, email);

        var reset = await AccountForms.ResetPasswordAsync(browser, link, "Sh0rt!");

        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Contains("Passwords must be at least 12 characters.", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
    }

    [Fact]
    public async Task A_reset_ends_a_lockout()
    {
        var email = await AccountAsync();
        using var browser = api.Browser();
        for (var i = 0; i < 5; i++)
        {
            await AccountForms.LoginAsync(browser, email, "Wrong-Password-123!");
        }

        Assert.Equal(HttpStatusCode.Locked, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ResetPasswordAsync(browser, await ResetLinkAsync(browser, email), NewPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, NewPassword)).StatusCode);
    }

    private async Task<string> AccountAsync() => (await api.AccountAsync(JoinRequests.NewEmail())).Email!;

    private async Task<string> ResetLinkAsync(HttpClient browser, string email)
    {
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(browser, email)).StatusCode);
        var link = Assert.Single(Mailbox.To(api.Outbox, email)).Link;
        Assert.StartsWith("/account/reset-password?", link, StringComparison.Ordinal);
        return link;
    }

    /// <summary>The page without the values of its hidden fields (a fresh anti-forgery token each time).</summary>
    private static string WithoutTokens(string html) => Regex.Replace(html, "(<input type=\"hidden\" name=\"[^\"]*\" value=\")[^\"]*", "$1");
}
