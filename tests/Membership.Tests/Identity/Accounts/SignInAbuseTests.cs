using System.Net;
using System.Text.RegularExpressions;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// The sign-in and forgotten-password forms against password spraying, mail bombing and account enumeration: a limit
/// per client address (counted in the database), and one answer for every wrong password whatever the account's state.
/// </summary>
public abstract class SignInAbuseTests(OidcApi api) : OidcTest(api)
{
    private const string WrongPassword = "Wrong-Password-123!";

    [SkippableFact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_Retry_After_and_other_addresses_do_not()
    {
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromMinutes(1));
        await using var instance = Api.CreateFactory(b => b.UseSetting("Oidc:SignInsPerAddressPerMinute", "3").UseClock(clock));
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var sprayer = Browser(instance, JoinRequests.NewAddress());
        using var owner = Browser(instance, JoinRequests.NewAddress());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(sprayer, email, WrongPassword)).StatusCode);
        }

        var refused = await AccountForms.LoginAsync(sprayer, email, OidcApi.Password);

        AssertRateLimited(refused, TimeSpan.FromSeconds(55));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(owner, email, OidcApi.Password)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(55)); // the next minute: the sprayer's address may try again
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(sprayer, email, OidcApi.Password)).StatusCode);
    }

    [SkippableFact]
    public async Task Forgot_password_posts_beyond_the_limit_get_429_and_send_nothing()
    {
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromHours(1));
        await using var instance = Api.CreateFactory(b => b.UseSetting("Oidc:PasswordResetsPerAddressPerHour", "2").UseClock(clock));
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var bomber = Browser(instance, JoinRequests.NewAddress());

        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(bomber, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(bomber, email)).StatusCode);
        var refused = await AccountForms.ForgotPasswordAsync(bomber, email);

        AssertRateLimited(refused, TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(5));
        Assert.Single(await Api.MailsToAsync(email)); // one reset mail per account and window, however often it is asked for
    }

    [SkippableFact]
    public async Task A_wrong_password_gets_one_answer_whether_the_account_is_unknown_unconfirmed_locked_or_fine()
    {
        var fine = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        var unconfirmed = (await Api.AccountAsync(JoinRequests.NewEmail(), confirmed: false)).Email!;
        var locked = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = Api.Browser();
        for (var i = 0; i < 5; i++)
        {
            await AccountForms.LoginAsync(browser, locked, WrongPassword);
        }

        var answers = new List<string>();
        foreach (var email in new[] { JoinRequests.NewEmail(), fine, unconfirmed, locked })
        {
            var response = await AccountForms.LoginAsync(browser, email, WrongPassword);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal); // the typed address stays in its field
            answers.Add($"{(int)response.StatusCode} {WithoutTokens(html).Replace(email, "(typed address)", StringComparison.Ordinal)}");
        }

        Assert.StartsWith("401 ", answers[0], StringComparison.Ordinal);
        Assert.Contains("The e-mail address or password is wrong.", answers[0], StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Equal(answers[0], a));

        // Only the right password tells the account's state.
        var unconfirmedRight = await AccountForms.LoginAsync(browser, unconfirmed, OidcApi.Password);
        var lockedRight = await AccountForms.LoginAsync(browser, locked, OidcApi.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, unconfirmedRight.StatusCode);
        Assert.Contains("Confirm your e-mail address first", await unconfirmedRight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Locked, lockedRight.StatusCode);
    }

    [SkippableFact]
    public async Task Wrong_passwords_on_an_unconfirmed_account_still_count_towards_its_lockout()
    {
        var unconfirmed = (await Api.AccountAsync(JoinRequests.NewEmail(), confirmed: false)).Email!;
        using var browser = Api.Browser();
        for (var i = 0; i < 5; i++)
        {
            await AccountForms.LoginAsync(browser, unconfirmed, WrongPassword);
        }

        Assert.Equal(HttpStatusCode.Locked, (await AccountForms.LoginAsync(browser, unconfirmed, OidcApi.Password)).StatusCode);
    }

    /// <summary>429 with Retry-After the exact time left in the window (the instance's clock stands still).</summary>
    private static void AssertRateLimited(HttpResponseMessage response, TimeSpan retryAfter)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(retryAfter, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>A browser whose requests come from <paramref name="address"/> (through the trusted proxy's X-Forwarded-For).</summary>
    private static HttpClient Browser(WebApplicationFactory<Program> instance, string address)
    {
        var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    private static string WithoutTokens(string html) => Regex.Replace(html, "(<input type=\"hidden\" name=\"[^\"]*\" value=\")[^\"]*", "$1");
}

public sealed class SignInAbuseTestsOnSqlite(OidcApi api) : SignInAbuseTests(api), IClassFixture<OidcApi>;

public sealed class SignInAbuseTestsOnPostgreSql(OidcApiOnPostgreSql api) : SignInAbuseTests(api), IClassFixture<OidcApiOnPostgreSql>;
