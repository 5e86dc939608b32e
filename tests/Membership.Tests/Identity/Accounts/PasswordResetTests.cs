using System.Net;
using System.Text;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Identity.Accounts;

/// <summary>Forgotten passwords: a link by mail to a confirmed address, a page to choose a new password, and nothing for anyone else.</summary>
public abstract class PasswordResetTests(OidcApi api) : OidcTest(api)
{
    private const string NewPassword = "Brand-New-Secret-42!";

    [SkippableFact]
    public async Task Forgot_password_answers_alike_for_every_address_and_mails_only_a_confirmed_account()
    {
        var known = await AccountAsync();
        var unconfirmed = (await Api.AccountAsync(JoinRequests.NewEmail(), confirmed: false)).Email!;
        var unknown = JoinRequests.NewEmail();
        using var browser = Api.Browser();

        var answers = new List<string>();
        foreach (var email in new[] { known, unconfirmed, unknown })
        {
            var response = await AccountForms.ForgotPasswordAsync(browser, email);
            answers.Add($"{(int)response.StatusCode} {AccountForms.WithoutTokens(await response.Content.ReadAsStringAsync())}");
        }

        Assert.StartsWith("200 ", answers[0], StringComparison.Ordinal);
        Assert.Contains("If an account uses that address", answers[0], StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal("Reset your password", Assert.Single(await Api.MailsToAsync(known)).Subject);
        Assert.Empty(await Api.MailsToAsync(unconfirmed));
        Assert.Empty(await Api.MailsToAsync(unknown));
    }

    [SkippableFact]
    public async Task The_mailed_link_sets_a_new_password_once_and_the_old_one_stops_working()
    {
        var email = await AccountAsync();
        using var browser = Api.Browser();
        var link = await ResetLinkAsync(browser, email);

        var reset = await AccountForms.ResetPasswordAsync(browser, link, NewPassword);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Password changed", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AccountForms.ResetPasswordAsync(browser, link, "Another-Secret-43!")).StatusCode);
    }

    [SkippableFact]
    public async Task A_forged_code_or_a_post_without_the_forms_token_changes_nothing()
    {
        var email = await AccountAsync();
        using var browser = Api.Browser();
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

    [SkippableFact]
    public async Task A_weak_new_password_is_refused_with_Identitys_message()
    {
        var email = await AccountAsync();
        using var browser = Api.Browser();
        var link = await ResetLinkAsync(browser, email);

        var reset = await AccountForms.ResetPasswordAsync(browser, link, "Sh0rt!");

        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Contains("Passwords must be at least 12 characters.", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
    }

    [SkippableFact]
    public async Task A_reset_ends_a_lockout()
    {
        var email = await AccountAsync();
        using var browser = Api.Browser();
        for (var i = 0; i < 5; i++)
        {
            await AccountForms.LoginAsync(browser, email, "Wrong-Password-123!");
        }

        Assert.Equal(HttpStatusCode.Locked, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ResetPasswordAsync(browser, await ResetLinkAsync(browser, email), NewPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, NewPassword)).StatusCode);
    }

    [SkippableFact]
    public async Task A_reset_ends_the_sessions_that_began_before_it()
    {
        var portal = await PortalAsync();
        var email = await AccountAsync();
        var before = await Api.SignInAsync(portal, email, "openid email offline_access");
        using var browser = Api.Browser();

        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ResetPasswordAsync(browser, await ResetLinkAsync(browser, email), NewPassword)).StatusCode);

        var refresh = await Api.RefreshAsync(portal, before.RefreshToken!);
        Assert.True(refresh.Error == "invalid_grant", $"{(int)refresh.Status} {refresh.Body}");
        using var userInfo = await UserInfoAsync(before.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, userInfo.StatusCode);
        var after = await Api.SignInAsync(portal, email, "openid email offline_access", NewPassword);
        (await Api.RefreshAsync(portal, after.RefreshToken!)).EnsureOk();
    }

    [SkippableFact]
    public async Task A_changed_security_stamp_alone_makes_an_old_refresh_token_useless()
    {
        // What staff action on an account does (lockout, disabling): a new stamp, no token revoked here.
        var portal = await PortalAsync();
        var email = await AccountAsync();
        var before = await Api.SignInAsync(portal, email, "openid offline_access");
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }

        var refresh = await Api.RefreshAsync(portal, before.RefreshToken!);

        Assert.True(refresh.Error == "invalid_grant", $"{(int)refresh.Status} {refresh.Body}");
    }

    private async Task<string> PortalAsync()
    {
        var portal = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(portal, ClientKind.Public);
        return portal;
    }

    private async Task<HttpResponseMessage> UserInfoAsync(string accessToken)
    {
        using var browser = Api.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo") { Headers = { Authorization = new("Bearer", accessToken) } };
        return await browser.SendAsync(request);
    }

    private async Task<string> AccountAsync() => (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;

    private async Task<string> ResetLinkAsync(HttpClient browser, string email)
    {
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(browser, email)).StatusCode);
        var link = Assert.Single(await Api.MailsToAsync(email)).Link;
        Assert.StartsWith("/account/reset-password?", link, StringComparison.Ordinal);
        return link;
    }
}

public sealed class PasswordResetTestsOnSqlite(OidcApi api) : PasswordResetTests(api), IClassFixture<OidcApi>;

public sealed class PasswordResetTestsOnPostgreSql(OidcApiOnPostgreSql api) : PasswordResetTests(api), IClassFixture<OidcApiOnPostgreSql>;
